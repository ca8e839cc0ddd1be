"""What every dip checker shares: the report, LibreOffice conversion and PDF inspection.

A checker prints what it finds as it goes (INFO/WARN/ERROR lines) and ends with exactly one
line starting "OK " or "FAIL " (exit 0 or 1). `-q` keeps only that line.
"""
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from xml.etree import ElementTree


class Report:
    def __init__(self, tool, target, quiet=False):
        self.tool, self.target, self.quiet = tool, target, quiet
        self.errors, self.warnings = [], []
        self.started = time.monotonic()

    def _say(self, level, text):
        if not self.quiet:
            print(f"{level} {text}", flush=True)

    def info(self, text):
        self._say("INFO ", text)

    def warn(self, text):
        self.warnings.append(text)
        self._say("WARN ", text)

    def error(self, text):
        self.errors.append(text)
        self._say("ERROR", text)

    def finish(self, summary):
        name = os.path.basename(self.target.rstrip("/")) or self.target
        secs = time.monotonic() - self.started
        if self.errors:
            print(f"FAIL {self.tool} {name}: {self.errors[0]} [{len(self.errors)} error(s), "
                  f"{len(self.warnings)} warning(s), {secs:.1f}s]")
            return 1
        print(f"OK {self.tool} {name}: {summary} [{len(self.warnings)} warning(s), {secs:.1f}s]")
        return 0


def fail_usage(tool, text):
    print(f"FAIL {tool}: {text}")
    sys.exit(1)


# ---------------------------------------------------------------- OPC packages (docx, xlsx)

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def check_package(path, rep, main_types):
    """Zip integrity, well-formed XML parts, content types and relationship targets.
    Returns {part name: parsed root} for the XML parts, or None when unreadable."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        rep.error(f"not a zip package: {e}")
        return None
    with z:
        bad = z.testzip()
        if bad:
            rep.error(f"zip entry {bad} is corrupt (CRC)")
        names = [i.filename for i in z.infolist()]
        if len(set(names)) != len(names):
            rep.error("duplicate zip entry names")
        for n in names:
            if n.startswith("/") or "\\" in n or ".." in n.split("/"):
                rep.error(f"unsafe or non-standard entry name {n!r}")
        parts = {}
        for n in names:
            if n.endswith(".xml") or n.endswith(".rels"):
                data = z.read(n)
                if b"<!DOCTYPE" in data[:2048]:
                    rep.error(f"{n}: DOCTYPE in an OOXML part")
                try:
                    parts[n] = ElementTree.fromstring(data)
                except ElementTree.ParseError as e:
                    rep.error(f"{n}: XML not well-formed: {e}")
    ct = parts.get("[Content_Types].xml")
    if ct is None:
        rep.error("no [Content_Types].xml")
        return parts
    defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in ct.findall(f"{{{CT_NS}}}Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in ct.findall(f"{{{CT_NS}}}Override")}
    for part in overrides:
        if part.lstrip("/") not in names:
            rep.error(f"[Content_Types].xml overrides {part}, which is not in the package")
    for n in names:
        if n.endswith("/") or n == "[Content_Types].xml":
            continue
        ext = n.rsplit(".", 1)[-1].lower()
        if "/" + n not in overrides and ext not in defaults:
            rep.error(f"{n} has no content type")
    for n, root in parts.items():
        if not n.endswith(".rels"):
            continue
        base = n.replace("_rels/", "").removesuffix(".rels")
        folder = base.rsplit("/", 1)[0] if "/" in base else ""
        for r in root.findall(f"{{{REL_NS}}}Relationship"):
            if r.get("TargetMode") == "External":
                continue
            target = r.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else os.path.normpath(os.path.join(folder, target)).lstrip("./")
            if resolved not in names:
                rep.error(f"{n}: relationship {r.get('Id')} points to missing part {target}")
    main = [overrides.get(p) for p in overrides if overrides.get(p) in main_types]
    if not main:
        rep.error(f"no main part of type {' or '.join(sorted(main_types))}")
    return parts


# ---------------------------------------------------------------- LibreOffice and PDF

def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(src, outdir, timeout=240):
    """LibreOffice headless → PDF in outdir. Returns (pdf path or None, seconds, output).
    One conversion at a time per profile (concurrent runs on one profile fail)."""
    exe = soffice()
    if not exe:
        return None, 0.0, "LibreOffice (soffice) is not installed (make checkers installs it)"
    profile = os.environ.get("DIP_CHECKS_LO_PROFILE") or os.path.join(tempfile.gettempdir(), f"dip-checks-lo-{os.getuid()}")
    ext = os.path.splitext(src)[1].lower()
    work = os.path.join(outdir, "input" + ext)
    shutil.copyfile(src, work)
    pdf = os.path.join(outdir, "input.pdf")
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
    cmd = [exe, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard",
           f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf", "--outdir", outdir, work]
    started = time.monotonic()
    with open(profile + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            return None, time.monotonic() - started, f"timed out after {timeout}s"
    text = out.decode("utf-8", "replace")
    ok = os.path.exists(pdf) and os.path.getsize(pdf) > 0
    return (pdf if ok else None), time.monotonic() - started, text


PAPERS = [("A4", 210, 297), ("F4", 215, 330), ("Letter", 215.9, 279.4), ("Legal", 215.9, 355.6), ("A3", 297, 420)]


def paper(w_pt, h_pt):
    """'F4 landscape' for a page size in points (2 mm tolerance), else 'WxHmm'."""
    w, h = w_pt * 25.4 / 72, h_pt * 25.4 / 72
    short, long_ = sorted((w, h))
    for name, a, b in PAPERS:
        if abs(short - a) <= 2 and abs(long_ - b) <= 2:
            return f"{name} {'landscape' if w > h else 'portrait'}"
    return f"{w:.0f}x{h:.0f}mm"


def pdf_page_sizes(pdf):
    exe = shutil.which("pdfinfo")
    if not exe:
        return None
    first = subprocess.run([exe, pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", first, re.M)
    if not m:
        return None
    n = int(m.group(1))
    out = subprocess.run([exe, "-f", "1", "-l", str(n), pdf], capture_output=True, text=True).stdout
    return [(float(a), float(b)) for a, b in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)]


def describe_sizes(sizes):
    """'1x F4 portrait, 13x F4 landscape' in page order of first appearance."""
    counts = {}
    for w, h in sizes:
        counts[paper(w, h)] = counts.get(paper(w, h), 0) + 1
    return ", ".join(f"{v}x {k}" for k, v in counts.items())


def pdf_pages_text(pdf):
    exe = shutil.which("pdftotext")
    if not exe:
        return None
    out = subprocess.run([exe, "-layout", pdf, "-"], capture_output=True).stdout.decode("utf-8", "replace")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def render_png(pdf, outdir, page, stem):
    exe = shutil.which("pdftoppm")
    if not exe:
        return None
    os.makedirs(outdir, exist_ok=True)
    prefix = os.path.join(outdir, f"{stem}-page{page}")
    subprocess.run([exe, "-png", "-r", "60", "-singlefile", "-f", str(page), "-l", str(page), pdf, prefix], capture_output=True)
    return prefix + ".png" if os.path.exists(prefix + ".png") else None


def consumer_pdf(path, rep, args, label):
    """Converts with LibreOffice, reports page sizes; keeps the PDF/PNGs when asked.
    Returns (pdf path, temp dir to delete, page sizes) or (None, dir, None)."""
    tmp = tempfile.mkdtemp(prefix="dip-check-")
    pdf, secs, output = convert_to_pdf(path, tmp, timeout=args.timeout)
    if not pdf:
        rep.error(f"LibreOffice could not convert the {label} to PDF: {output.strip()[-300:]}")
        return None, tmp, None
    sizes = pdf_page_sizes(pdf)
    if not sizes:
        rep.error("pdfinfo could not read the converted PDF (poppler-utils missing?)")
        return None, tmp, None
    rep.info(f"LibreOffice → PDF in {secs:.1f}s")
    rep.info(f"PDF: {len(sizes)} page(s): {describe_sizes(sizes)}")
    base = os.path.basename(path)
    if getattr(args, "pdf", None):
        os.makedirs(args.pdf, exist_ok=True)
        kept = os.path.join(args.pdf, base + ".pdf")
        shutil.copyfile(pdf, kept)
        rep.info(f"PDF kept: {kept}")
    if getattr(args, "png", None):
        for page in (getattr(args, "png_page", None) or [1]):
            if 1 <= page <= len(sizes):
                png = render_png(pdf, args.png, page, base)
                rep.info(f"PNG page {page}: {png}") if png else rep.warn(f"pdftoppm could not render page {page}")
    return pdf, tmp, sizes
