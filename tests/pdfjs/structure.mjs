// What pdf.js (Firefox's PDF engine) hands to assistive technology, as JSON on stdout: for each page the
// structure tree (page.getStructTree(): roles, alternative and actual text, languages, annotations), each
// marked-content item replaced by the text pdf.js extracts from it, and the text drawn as artifacts.
// usage: node structure.mjs file.pdf
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";

const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0,
  useSystemFonts: false, disableFontFace: true }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent({ includeMarkedContent: true });
  const byId = {}, stack = [], artifacts = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") stack.push(item);
    else if (item.type === "endMarkedContent") stack.pop();
    else if (item.str !== undefined) {
      const mc = stack.findLast(m => m.id);
      if (mc) byId[mc.id] = (byId[mc.id] ?? "") + item.str + (item.hasEOL ? "\n" : "");
      else if (stack.some(m => m.tag === "Artifact")) artifacts.push(item.str);
      else if (item.str.trim()) artifacts.push({ untagged: item.str });
    }
  }
  const fill = node => {
    if (node.type === "content") return { text: byId[node.id] ?? "" };
    if (node.type === "annotation" || node.type === "object") return { [node.type]: true };
    const out = { role: node.role };
    if (node.alt !== undefined) out.alt = node.alt;
    if (node.lang !== undefined) out.lang = node.lang;
    out.children = (node.children ?? []).map(fill);
    return out;
  };
  const tree = await page.getStructTree();
  pages.push({ page: n, tree: tree ? fill(tree) : null, artifacts });
}
console.log(JSON.stringify(pages));
