"""check-bag ZIP|DIR: validates a BagIt package (RFC 8493) as an archivist's tools would.

A zip must hold exactly one top-level folder named like the zip (dip-v0003.zip →
dip-v0003/) and no unsafe entry names; it is extracted to a temporary folder. Then the Library
of Congress bagit-python validates the bag completely (bagit.txt, every manifest and tag
manifest checksum, Payload-Oxum), and every payload file must be listed in every manifest.
"""
import argparse
import os
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Report  # noqa: E402


def extract(path, rep):
    stem = os.path.splitext(os.path.basename(path))[0]
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        rep.error(f"not a zip: {e}")
        return None, None
    with z:
        names = z.namelist()
        tops = {n.split("/", 1)[0] for n in names}
        if tops != {stem}:
            rep.error(f"the zip must hold one top-level folder {stem}/, it holds {sorted(tops)[:5]}")
        for n in names:
            if n.startswith("/") or "\\" in n or ".." in n.split("/"):
                rep.error(f"unsafe entry name {n!r}")
                return None, None
        if z.testzip():
            rep.error(f"zip entry {z.testzip()} is corrupt (CRC)")
        tmp = tempfile.mkdtemp(prefix="dip-check-bag-")
        z.extractall(tmp)
    return os.path.join(tmp, stem), tmp


def main():
    ap = argparse.ArgumentParser(prog="check-bag", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bag", help="a bag serialised as .zip, or a bag folder")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    rep = Report("check-bag", args.bag, args.quiet)
    tmp = None
    try:
        if os.path.isdir(args.bag):
            folder = args.bag
        elif os.path.isfile(args.bag):
            folder, tmp = extract(args.bag, rep)
        else:
            rep.error("no such file or folder")
            return rep.finish("")
        if folder is None or not os.path.isdir(folder):
            return rep.finish("")
        try:
            import bagit
        except ImportError:
            rep.error("bagit-python is not installed (make checkers installs it)")
            return rep.finish("")
        try:
            bag = bagit.Bag(folder)
            bag.validate(processes=1, fast=False, completeness_only=False)
        except bagit.BagValidationError as e:
            details = "; ".join(str(d) for d in getattr(e, "details", [])[:3])
            rep.error(f"bagit-python: {e.message}{': ' + details if details else ''}")
            return rep.finish("")
        except bagit.BagError as e:
            rep.error(f"bagit-python: {e}")
            return rep.finish("")
        payload = sorted(bag.payload_files())
        algorithms = sorted(bag.algorithms)
        rep.info(f"BagIt {bag.version}, {len(payload)} payload file(s), manifests {algorithms}")
        for alg in algorithms:
            path = os.path.join(folder, f"manifest-{alg}.txt")
            with open(path, encoding="utf-8") as fh:
                listed = {line.split(None, 1)[1].strip() for line in fh if line.strip()}
            missing = [p for p in payload if p not in listed]
            if missing:
                rep.error(f"manifest-{alg}.txt does not list {missing[0]}")
        for key in ("Payload-Oxum", "Bagging-Date"):
            if key not in bag.info:
                rep.warn(f"bag-info.txt has no {key}")
        return rep.finish(f"valid bag: {len(payload)} payload file(s), {', '.join(algorithms)}")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
