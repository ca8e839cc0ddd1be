"""check-docx FILE: opens a .docx the way Word, python-docx and LibreOffice do.

1. OPC package: zip, well-formed parts, content types, relationship targets.
2. WordprocessingML rules Word enforces: every table cell ends with a paragraph, property
   elements (pPr, rPr, tblPr, tcPr, sectPr) in schema order, style and numbering references
   that exist, every section has a page size whose orientation matches its width and height,
   tables fit the text width, header rows (w:tblHeader) come first.
3. python-docx loads the document.
4. LibreOffice converts it to PDF: page count and paper per page (F4 = 215x330 mm), the page
   text (pdftotext) for --text, pages kept with --pdf/--png.
"""
import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Report, check_package, consumer_pdf, pdf_pages_text  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIP_PER_MM = 1440 / 25.4
DOCUMENT_TYPES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                  "application/vnd.ms-word.document.macroEnabled.main+xml"}


def q(tag):
    return f"{{{W}}}{tag}"


def num(el, attr, default=0):
    try:
        return int(el.get(q(attr))) if el is not None and el.get(q(attr)) is not None else default
    except ValueError:
        return default


def on(el):
    return el is not None and el.get(q("val"), "true") not in ("false", "0", "off")


def section_name(w, h):
    mm_w, mm_h = w / TWIP_PER_MM, h / TWIP_PER_MM
    short, long_ = sorted((mm_w, mm_h))
    orient = "landscape" if mm_w > mm_h else "portrait"
    for name, a, b in (("A4", 210, 297), ("F4", 215, 330), ("Letter", 216, 279), ("Legal", 216, 356)):
        if abs(short - a) <= 2 and abs(long_ - b) <= 2:
            return f"{name} ({a}x{b}mm) {orient}"
    return f"{mm_w:.0f}x{mm_h:.0f}mm {orient}"


# Schema order (ECMA-376 Part 1, the CT_* sequences) of the property containers Word reads
# strictly: a child out of order makes Word report the file as corrupt.
ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
            "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
            "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"],
    "rPr": ["ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps",
            "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
            "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
            "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
            "eastAsianLayout", "specVanish", "oMath", "rPrChange"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
              "tblLook", "tblCaption", "tblDescription", "tblPrChange"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
             "tcPrChange"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
               "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
               "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"],
    "tbl": ["tblPr", "tblGrid", "tr"],
    "tc": ["tcPr", "p", "tbl"],
}
SAME_RANK = {"footerReference": "headerReference", "tbl": "p"}  # interleave freely


def local(tag):
    return tag.rsplit("}", 1)[-1] if tag.startswith(f"{{{W}}}") else None


def check_order(parts, rep):
    for name, root in parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        for el in root.iter():
            kind = local(el.tag)
            order = ORDER.get(kind)
            if not order:
                continue
            last, last_name = -1, None
            for child in el:
                tag = local(child.tag)
                if tag is None or tag not in order:
                    continue
                rank = order.index(SAME_RANK.get(tag, tag))
                if rank < last:
                    rep.error(f"{name}: w:{tag} after w:{last_name} in w:{kind} (schema order; Word reports the file as corrupt)")
                    return
                last, last_name = rank, tag


def check_references(parts, rep):
    styles = parts.get("word/styles.xml")
    ids = {s.get(q("styleId")) for s in styles.iter(q("style"))} if styles is not None else set()
    numbering = parts.get("word/numbering.xml")
    nums = {n.get(q("numId")) for n in numbering.iter(q("num"))} if numbering is not None else set()
    for name, root in parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")) or name in ("word/styles.xml", "word/numbering.xml"):
            continue
        for tag in ("pStyle", "rStyle", "tblStyle"):
            for el in root.iter(q(tag)):
                if el.get(q("val")) not in ids:
                    rep.error(f"{name}: w:{tag} {el.get(q('val'))!r} is not defined in word/styles.xml")
                    return
        for el in root.iter(q("numId")):
            value = el.get(q("val"))
            if value != "0" and value not in nums:
                rep.error(f"{name}: w:numId {value} is not defined in word/numbering.xml")
                return


def check_body(parts, rep):
    doc = parts.get("word/document.xml")
    if doc is None:
        rep.error("no word/document.xml")
        return []
    body = doc.find(q("body"))
    if body is None:
        rep.error("word/document.xml has no w:body")
        return []
    # Sections: each w:p/w:pPr/w:sectPr closes one; the body's last w:sectPr closes the final one.
    sections, current = [], []
    for child in body:
        if child.tag == q("sectPr"):
            sections.append((child, current))
            current = []
            continue
        current.append(child)
        sp = child.find(f"{q('pPr')}/{q('sectPr')}") if child.tag == q("p") else None
        if sp is not None:
            sections.append((sp, current))
            current = []
    if current:
        rep.error("content after the last section properties (the body must end with w:sectPr)")
    described = []
    for i, (sp, content) in enumerate(sections, 1):
        size = sp.find(q("pgSz"))
        w, h = num(size, "w"), num(size, "h")
        if not w or not h:
            rep.error(f"section {i}: no page size (w:pgSz w and h)")
            continue
        landscape = size.get(q("orient")) == "landscape"
        if landscape and w < h:
            rep.error(f"section {i}: w:orient=landscape but the width is less than the height (Word shows it portrait)")
        if not landscape and w > h:
            rep.warn(f"section {i}: wider than tall without w:orient=landscape")
        margins = sp.find(q("pgMar"))
        text_width = w - num(margins, "left") - num(margins, "right")
        if text_width <= 0:
            rep.error(f"section {i}: the margins leave no room for text")
        desc = section_name(w, h)
        described.append(desc)
        tables = [c for c in content if c.tag == q("tbl")]
        rep.info(f"section {i}: {desc}, text width {text_width / TWIP_PER_MM:.0f}mm, {len(tables)} table(s)")
        for t, tbl in enumerate(tables, 1):
            check_table(tbl, f"section {i} table {t}", text_width, rep)
    for tbl in doc.iter(q("tbl")):
        for tc in tbl.iter(q("tc")):
            kids = [k for k in tc if k.tag != q("tcPr")]
            if not kids or kids[-1].tag != q("p"):
                rep.error("a table cell does not end with a paragraph (Word refuses to open the file)")
                return described
    return described


def check_table(tbl, label, text_width, rep):
    rows = tbl.findall(q("tr"))
    grid = [num(g, "w") for g in tbl.findall(f"{q('tblGrid')}/{q('gridCol')}")]
    header, body_started = 0, False
    for r in rows:
        is_header = on(r.find(f"{q('trPr')}/{q('tblHeader')}"))
        if is_header and body_started:
            rep.warn(f"{label}: a header row (w:tblHeader) after a body row is not repeated")
        elif is_header:
            header += 1
        else:
            body_started = True
        span = sum(num(tc.find(f"{q('tcPr')}/{q('gridSpan')}"), "val", 1) for tc in r.findall(q("tc")))
        if grid and span != len(grid):
            rep.warn(f"{label}: a row covers {span} grid columns, the grid has {len(grid)}")
    width = sum(grid)
    rep.info(f"{label}: {len(rows)} rows x {len(grid)} columns, {width / TWIP_PER_MM:.0f}mm wide, repeating header rows: {header}")
    if text_width > 0 and width > text_width * 1.02 + 30:
        rep.error(f"{label}: {width / TWIP_PER_MM:.0f}mm wide, the text area is {text_width / TWIP_PER_MM:.0f}mm")
    if len(rows) > 25 and header == 0:
        rep.warn(f"{label}: {len(rows)} rows and no repeating header row")


def main():
    ap = argparse.ArgumentParser(prog="check-docx", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--no-convert", action="store_true", help="skip the LibreOffice conversion")
    ap.add_argument("--expect-pages", type=int, help="fail unless the PDF has exactly this many pages")
    ap.add_argument("--text", action="append", default=[], help="text to find in the PDF (repeatable)")
    ap.add_argument("--text-min-pages", type=int, default=1, help="each --text must be on at least this many pages")
    ap.add_argument("--pdf", metavar="DIR", help="keep the PDF in DIR as FILE.pdf")
    ap.add_argument("--png", metavar="DIR", help="render pages to PNG in DIR")
    ap.add_argument("--png-page", type=int, action="append", help="page to render (repeatable; default 1)")
    ap.add_argument("--timeout", type=int, default=240)
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    rep = Report("check-docx", args.file, args.quiet)
    if not os.path.isfile(args.file):
        rep.error("no such file")
        return rep.finish("")
    parts = check_package(args.file, rep, DOCUMENT_TYPES)
    if parts is None:
        return rep.finish("")
    sections = check_body(parts, rep)
    check_order(parts, rep)
    check_references(parts, rep)
    try:
        import docx
        d = docx.Document(args.file)
        rep.info(f"python-docx: {len(d.paragraphs)} paragraphs, {len(d.tables)} tables, {len(d.sections)} sections")
    except Exception as e:  # noqa: BLE001 - any failure to load is the finding
        rep.error(f"python-docx cannot open it: {type(e).__name__}: {e}")
    pages = None
    if not args.no_convert and not rep.errors:
        pdf, tmp, sizes = consumer_pdf(args.file, rep, args, "document")
        try:
            if pdf:
                pages = len(sizes)
                if args.expect_pages is not None and pages != args.expect_pages:
                    rep.error(f"the PDF has {pages} page(s), expected {args.expect_pages}")
                texts = pdf_pages_text(pdf) if args.text else []
                if args.text and texts is None:
                    rep.error("pdftotext is not installed")
                for t in args.text:
                    flat = " ".join(t.split())
                    hits = [i + 1 for i, page in enumerate(texts or []) if flat in " ".join(page.split())]
                    rep.info(f"text {t!r} on pages {hits}")
                    if len(hits) < args.text_min_pages:
                        rep.error(f"text {t!r} on {len(hits)} page(s), expected at least {args.text_min_pages}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    summary = "; ".join(f"section {i}: {s}" for i, s in enumerate(sections, 1))
    if pages is not None:
        summary += f"; {pages} page(s) in LibreOffice"
    return rep.finish(summary)


if __name__ == "__main__":
    sys.exit(main())
