"""The checklist as a web page to fill in on a phone: real, labelled form controls named as the PDF's
fields, answers kept in the browser's storage as they are typed (never sent), a button that clears them,
and a print stylesheet that gives a clean sheet, filled in or blank. One self-contained file: inline CSS
and a small inline script, fonts from ../fonts/, no framework, works from disk or any static host."""
from __future__ import annotations

import html
import json
from pathlib import Path

from ..documents import Request, output_relpath
from ..layout.checklist import field_name
from ..source import content as c
from .webpage import css, in_its_language, runs_to_html, script_css

# The visit's details that are not free text, by content ID: the phone's keyboard follows the type.
INPUT_TYPES = {"cl.field.phone": ("tel", "tel"), "cl.field.email": ("email", "email")}

CHECKLIST_CSS = """
main.wrap{padding-bottom:2rem}
.privacy{border-inline-start:6px solid var(--accent);background:#e6eff7;padding:.7rem 1rem}
.visit{display:grid;gap:.9rem 1.2rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,14rem),1fr))}
.visit label,.answer-label{display:block;font-weight:700;margin-bottom:.2rem}
input[type=text],input[type=tel],input[type=email],textarea{display:block;width:100%;max-width:100%;font:inherit;color:var(--ink);background:#fff;border:2px solid #5c6773;border-radius:.3rem;padding:.45rem .6rem}
textarea{min-height:5.2rem;resize:vertical;field-sizing:content}
input:focus-visible,textarea:focus-visible,button:focus-visible{outline:3px solid #b45309;outline-offset:2px}
ol.questions{list-style:none;padding:0;margin:0}
ol.questions>li{margin:0 0 1.3rem}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:400;padding:0;margin-bottom:.4rem;float:none}
.tick{display:flex;align-items:center;gap:.6rem;margin:.2rem 0 .5rem;min-height:2.75rem}
.tick input{width:1.6rem;height:1.6rem;margin:0;flex:none;accent-color:var(--accent)}
.actions{display:flex;flex-wrap:wrap;gap:.8rem;margin:1.5rem 0 .5rem}
button{font:inherit;font-weight:700;min-height:2.75rem;padding:.5rem 1.1rem;border-radius:.3rem;border:2px solid var(--accent);background:#fff;color:var(--accent);cursor:pointer}
button.primary{background:var(--accent);color:#fff}
.status{min-height:1.6em;font-weight:700}
.print-answer{display:none}
section.callout{border-inline-start:6px solid var(--accent);background:#e6eff7;padding:.8rem 1rem;margin:2rem 0 1rem}
section.callout h2{margin-top:0}
section.callout ul{margin-bottom:0;padding-inline-start:1.3rem}
*{overflow-wrap:anywhere}
@media print{
@page{margin:15mm}
body{font-size:.95rem}
header.cover,header.cover h1{background:none;color:var(--ink)}
header.cover{border-bottom:2px solid var(--ink)}
header.cover .wrap{padding:0 0 .5rem}
.wrap{max-width:none;padding:0}
.privacy,.actions,.status,.screen-only,noscript{display:none}
textarea{display:none}
.print-answer{display:block;white-space:pre-wrap;min-height:3.3em;line-height:1.65em;padding:0 .2rem;
background-image:repeating-linear-gradient(to bottom,transparent 0,transparent 1.6em,#8a96a3 1.6em,#8a96a3 1.65em);
-webkit-print-color-adjust:exact;print-color-adjust:exact}
input[type=text],input[type=tel],input[type=email]{border:0;border-bottom:1px solid #8a96a3;border-radius:0;padding:.2rem}
ol.questions>li{break-inside:avoid;margin-bottom:.8rem}
section.callout{break-inside:avoid;background:none;border:1px solid var(--ink);border-inline-start:6px solid var(--accent)}
h2{break-after:avoid;margin-top:1.2rem}
}
"""

# Kept short on purpose: every control is in the HTML; this only keeps, restores and clears values.
SCRIPT = """(function(){
var T=%(texts)s,key="msguide:checklist:"+T.locale,form=document.getElementById("checklist"),
status=document.getElementById("status"),store=null;
try{store=window.localStorage;store.setItem(key+":probe","1");store.removeItem(key+":probe")}catch(e){store=null}
function controls(){return form.querySelectorAll("input,textarea")}
function mirror(el){var m=document.getElementById(el.id+"-print");if(m)m.textContent=el.value}
function save(){if(!store)return;var a={};controls().forEach(function(el){
if(el.type==="checkbox"){if(el.checked)a[el.id]=true}else if(el.value)a[el.id]=el.value});
try{store.setItem(key,JSON.stringify(a))}catch(e){status.textContent=T.nostore}}
if(store){var a={};try{a=JSON.parse(store.getItem(key)||"{}")||{}}catch(e){}
controls().forEach(function(el){var v=a[el.id];if(el.type==="checkbox")el.checked=v===true;
else if(typeof v==="string")el.value=v;mirror(el)})}else{status.textContent=T.nostore}
form.addEventListener("input",function(e){mirror(e.target);save()});
form.addEventListener("change",save);
document.getElementById("print").addEventListener("click",function(){window.print()});
document.getElementById("clear").addEventListener("click",function(){if(!window.confirm(T.confirm))return;
if(store)store.removeItem(key);form.reset();controls().forEach(mirror);status.textContent=T.cleared});
document.getElementById("actions").hidden=false;
})();"""


def render_checklist_html(request: Request, path: Path) -> int:
    """Write the checklist web page to `path`; a web page has no pages (0)."""
    path.write_text(checklist_html(request), "utf-8")
    return 0


def checklist_html(request: Request) -> str:
    content, loc, notices, clinic = request.content, request.loc, request.notices, request.clinic
    cl, ui, info = content.checklist, content.ui, loc.info
    h = html.escape

    def t(text: c.Text, **args) -> str:
        return in_its_language(loc, text, runs_to_html(loc.runs(text, **args)))

    def plain(key: str) -> str:
        return loc.plain(ui[key])

    accent = clinic.accent if clinic and clinic.accent else "#12416b"
    fonts = "../fonts/" if not clinic else "../../../fonts/"
    out = [f'<!doctype html>\n<html lang="{h(info.tag)}" dir="{info.direction}">\n<head>\n<meta charset="utf-8">\n'
           '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           f"<title>{h(loc.plain(cl.title))}</title>\n"
           f"<style>{css(accent, fonts)}{script_css(info.script)}{CHECKLIST_CSS}</style>\n</head>\n<body>\n"
           f'<header class="cover"><div class="wrap"><h1>{t(cl.title)}</h1>'
           + (f"<p>{h(clinic.name)}</p>" if clinic else "") + "</div></header>\n"
           '<main id="main" class="wrap">\n']
    for text in notices.texts(ui):
        out.append(f'<p class="notice" role="note">{t(text)}</p>\n')
    out += [f"<p>{t(p)}</p>\n" for p in cl.intro]
    out.append(f'<p class="privacy">{t(ui["ui.webchecklist.storage"])}</p>\n'
               f'<noscript><p class="notice">{t(ui["ui.webchecklist.no-storage"])}</p></noscript>\n'
               '<form id="checklist" action="#" autocomplete="off">\n')
    out.append(f'<section aria-labelledby="cl-visit"><h2 id="cl-visit">{t(ui["ui.checklist.visit"])}</h2>'
               '<div class="visit">')
    for field in cl.fields:
        name = field_name(field.id)
        kind, mode = INPUT_TYPES.get(field.id, ("text", "text"))
        out.append(f'<div><label for="{name}">{t(field)}</label><input type="{kind}" inputmode="{mode}" '
                   f'id="{name}" name="{name}" dir="auto" maxlength="200"></div>')
    out.append("</div></section>\n")

    def question(q: c.Question, tick_key: str) -> str:
        asked, answer = field_name(q.id, "asked"), field_name(q.id, "answer")
        return (f'<li><fieldset><legend id="{q.id}">{t(q.text)}</legend>'
                f'<div class="tick"><input type="checkbox" id="{asked}" name="{asked}" value="yes">'
                f'<label for="{asked}">{t(ui[tick_key])}</label></div>'
                f'<label class="answer-label" for="{answer}">{t(ui["ui.webchecklist.answer"])}</label>'
                f'<textarea id="{answer}" name="{answer}" rows="3" dir="auto" maxlength="2000" '
                f'aria-describedby="{q.id}"></textarea>'
                f'<div class="print-answer" id="{answer}-print" aria-hidden="true"></div></fieldset></li>')

    for group in cl.groups:
        out.append(f'<section aria-labelledby="{group.id}"><h2 id="{group.id}">{t(group.title)}</h2>'
                   '<ol class="questions">' + "".join(question(q, "ui.webchecklist.asked") for q in group.questions)
                   + "</ol></section>\n")
    out.append(f'<section aria-labelledby="{cl.specialist_id}"><h2 id="{cl.specialist_id}">{t(cl.specialist_title)}'
               f'</h2><p>{t(cl.specialist_intro)}</p><ol class="questions">'
               + "".join(question(p, "ui.webchecklist.discussed") for p in cl.specialist_points) + "</ol></section>\n")
    if cl.key_answers is not None:  # a box to read, between the questions and the notes, as in the PDF
        key = cl.key_answers
        out.append(f'<section class="callout key" aria-labelledby="{key.id}"><h2 id="{key.id}">{t(key.title)}</h2>'
                   + (f"<p>{t(key.intro)}</p>" if key.intro else "")
                   + "<ul>" + "".join(f"<li>{t(i)}</li>" for i in key.items) + "</ul></section>\n")
    notes = field_name(cl.notes.id)
    out.append(f'<section aria-labelledby="{notes}-h"><h2 id="{notes}-h"><label for="{notes}">{t(cl.notes)}</label>'
               f'</h2><textarea id="{notes}" name="{notes}" rows="5" dir="auto" maxlength="5000"></textarea>'
               f'<div class="print-answer" id="{notes}-print" aria-hidden="true"></div></section>\n</form>\n')
    out.append(f'<div class="actions" id="actions" hidden><button type="button" class="primary" id="print">'
               f'{t(ui["ui.webchecklist.print"])}</button><button type="button" id="clear">'
               f'{t(ui["ui.webchecklist.clear"])}</button></div>\n'
               '<p class="status" id="status" role="status" aria-live="polite"></p>\n')
    guide = Path(output_relpath(info.code, "html")).name  # beside this page, in any edition
    out.append(f'<p class="screen-only"><a href="{h(guide)}">{t(ui["ui.site.html"])}</a></p>\n')
    out.append("</main>\n")
    texts = {"locale": info.tag, "confirm": plain("ui.webchecklist.clear-confirm"),
             "cleared": plain("ui.webchecklist.cleared"), "nostore": plain("ui.webchecklist.no-storage")}
    data = json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")
    out.append(f"<script>{SCRIPT % {'texts': data}}</script>\n</body>\n</html>\n")
    return "".join(out)
