"""check-xlsx FILE: opens an .xlsx the way Excel, openpyxl and LibreOffice Calc do.

1. OPC package: zip, well-formed parts, content types, relationship targets.
2. SpreadsheetML rules Excel enforces: unique sheet names of at most 31 characters without
   []:*?/\\, rows in ascending order, cells in column order inside a row, shared-string and
   style indexes in range, merged ranges that do not overlap.
3. openpyxl loads the workbook and reads every cell.
4. LibreOffice Calc converts it to PDF (pages, paper).
"""
import argparse
import os
import re
import shutil
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Report, check_package, consumer_pdf  # noqa: E402

S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKBOOK_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                  "application/vnd.ms-excel.sheet.macroEnabled.main+xml"}
REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def q(tag):
    return f"{{{S}}}{tag}"


def column(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell_ref(ref):
    m = REF.match(ref or "")
    return (int(m.group(2)), column(m.group(1))) if m else None


def check_sheets(parts, rep):
    wb = parts.get("xl/workbook.xml")
    if wb is None:
        rep.error("no xl/workbook.xml")
        return []
    rels = parts.get("xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in (rels.findall(f"{{{PKG}}}Relationship") if rels is not None else [])}
    sst = parts.get("xl/sharedStrings.xml")
    strings = len(sst.findall(q("si"))) if sst is not None else 0
    styles = parts.get("xl/styles.xml")
    xfs = len(styles.findall(f"{q('cellXfs')}/{q('xf')}")) if styles is not None else 1
    names, seen = [], set()
    for sh in wb.findall(f"{q('sheets')}/{q('sheet')}"):
        name = sh.get("name", "")
        names.append(name)
        if not name or len(name) > 31 or re.search(r"[\[\]:*?/\\]", name):
            rep.error(f"sheet name {name!r} is not allowed in Excel")
        if name.lower() in seen:
            rep.error(f"sheet name {name!r} is used twice")
        seen.add(name.lower())
        target = targets.get(sh.get(f"{{{R}}}id"))
        if not target:
            rep.error(f"sheet {name!r} has no relationship")
            continue
        part = target.lstrip("/") if target.startswith("/") else os.path.normpath("xl/" + target)
        root = parts.get(part)
        if root is None:
            rep.error(f"sheet {name!r}: part {part} missing or unreadable")
            continue
        check_sheet(root, name, strings, xfs, rep)
    return names


def check_sheet(root, name, strings, xfs, rep):
    last_row, cells = 0, 0
    for row in root.iter(q("row")):
        r = int(row.get("r", last_row + 1))
        if r <= last_row:
            rep.error(f"sheet {name!r}: row {r} after row {last_row} (rows must ascend)")
        last_row, last_col = r, 0
        for c in row.findall(q("c")):
            cells += 1
            ref = cell_ref(c.get("r")) if c.get("r") else (r, last_col + 1)
            if ref is None or ref[0] != r:
                rep.error(f"sheet {name!r}: cell reference {c.get('r')!r} in row {r}")
                continue
            if ref[1] <= last_col:
                rep.error(f"sheet {name!r}: cell {c.get('r')} out of column order")
            last_col = ref[1]
            if int(c.get("s", 0)) >= xfs:
                rep.error(f"sheet {name!r}: cell {c.get('r')} uses style {c.get('s')}, styles.xml has {xfs}")
            v = c.find(q("v"))
            if c.get("t") == "s" and v is not None and not (0 <= int(v.text or -1) < strings):
                rep.error(f"sheet {name!r}: cell {c.get('r')} shared string {v.text} out of range ({strings})")
    merged = []
    for m in root.iter(q("mergeCell")):
        a, _, b = (m.get("ref") or "").partition(":")
        ra, rb = cell_ref(a), cell_ref(b)
        if not ra or not rb:
            rep.error(f"sheet {name!r}: merged range {m.get('ref')!r} is invalid")
            continue
        box = (ra[0], ra[1], rb[0], rb[1])
        for other in merged:
            if not (box[2] < other[0] or other[2] < box[0] or box[3] < other[1] or other[3] < box[1]):
                rep.error(f"sheet {name!r}: merged range {m.get('ref')} overlaps another (Excel repairs the file)")
        merged.append(box)
    pane = root.find(f"{q('sheetViews')}/{q('sheetView')}/{q('pane')}")
    frozen = f", frozen at {pane.get('topLeftCell')}" if pane is not None and pane.get("state") == "frozen" else ""
    rep.info(f"sheet {name!r}: {last_row} rows, {cells} cells, {len(merged)} merged range(s){frozen}")


def main():
    ap = argparse.ArgumentParser(prog="check-xlsx", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--no-convert", action="store_true", help="skip the LibreOffice conversion")
    ap.add_argument("--pdf", metavar="DIR", help="keep the PDF in DIR as FILE.pdf")
    ap.add_argument("--png", metavar="DIR", help="render page 1 to PNG in DIR")
    ap.add_argument("--timeout", type=int, default=240)
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    rep = Report("check-xlsx", args.file, args.quiet)
    if not os.path.isfile(args.file):
        rep.error("no such file")
        return rep.finish("")
    parts = check_package(args.file, rep, WORKBOOK_TYPES)
    if parts is None:
        return rep.finish("")
    names = check_sheets(parts, rep)
    try:
        import openpyxl
        wb = openpyxl.load_workbook(args.file)
        count = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
        rep.info(f"openpyxl: {len(wb.sheetnames)} sheet(s) {wb.sheetnames}, {count} cells with a value")
        if wb.sheetnames != names:
            rep.error(f"openpyxl sees sheets {wb.sheetnames}, the workbook lists {names}")
    except (Exception, zipfile.BadZipFile) as e:  # noqa: BLE001 - any failure to load is the finding
        rep.error(f"openpyxl cannot open it: {type(e).__name__}: {e}")
    pages = None
    if not args.no_convert and not rep.errors:
        pdf, tmp, sizes = consumer_pdf(args.file, rep, args, "workbook")
        pages = len(sizes) if sizes else None
        shutil.rmtree(tmp, ignore_errors=True)
    summary = f"{len(names)} sheet(s) {names}"
    if pages is not None:
        summary += f"; {pages} page(s) in LibreOffice Calc"
    return rep.finish(summary)


if __name__ == "__main__":
    sys.exit(main())
