"""check-datapackage DIR|datapackage.json: the Frictionless validator on a Data Package.

The descriptor must be valid (profile, names, paths inside the package), and every tabular
resource must match its Table Schema: UTF-8, header equal to the field names, values of the
declared types, primary keys unique.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Report  # noqa: E402


def main():
    ap = argparse.ArgumentParser(prog="check-datapackage", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", help="folder holding datapackage.json, or the descriptor itself")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    rep = Report("check-datapackage", args.path, args.quiet)
    descriptor = os.path.join(args.path, "datapackage.json") if os.path.isdir(args.path) else args.path
    if not os.path.isfile(descriptor):
        rep.error(f"no {descriptor}")
        return rep.finish("")
    try:
        from frictionless import Package, validate
    except ImportError:
        rep.error("frictionless is not installed (make checkers installs it)")
        return rep.finish("")
    try:
        report = validate(descriptor)
    except Exception as e:  # noqa: BLE001 - the validator failing to start is the finding
        rep.error(f"frictionless: {type(e).__name__}: {e}")
        return rep.finish("")
    for error in report.errors:
        rep.error(f"{error.type}: {error.message}")
    rows = 0
    for task in report.tasks:
        for error in task.errors[:20]:
            rep.error(f"{task.name}: {error.type}: {error.message}")
        stats = task.stats
        rows += (stats.get("rows") if isinstance(stats, dict) else getattr(stats, "rows", 0)) or 0
        rep.info(f"resource {task.name}: {'valid' if task.valid else 'INVALID'}")
    try:
        package = Package(descriptor)
        names = [r.name for r in package.resources]
    except Exception as e:  # noqa: BLE001
        rep.error(f"frictionless cannot load the descriptor: {e}")
        names = []
    if not report.valid and not rep.errors:
        rep.error("frictionless says the package is invalid")
    return rep.finish(f"valid Data Package: {len(names)} resource(s) {names}, {rows} row(s)")


if __name__ == "__main__":
    sys.exit(main())
