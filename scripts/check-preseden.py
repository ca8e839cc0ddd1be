#!/usr/bin/env python3
"""Checks the corpus of real decisions, rules/preseden.csv (stdlib only).

Each row is one entry that a real public body published in its DIP or DIK:
    judul,kategori,pasal17,badan,jenis_badan,sumber
Checks: UTF-8 without BOM, the exact header, six columns per row, a known category, the
Pasal 17 ground syntax (17 + letter a-j + the angka the law has for that letter, several
separated by ';', only on dikecualikan rows), a known body kind, non-empty judul, badan and
sumber, one kind per body, no duplicate (badan, judul), and rows sorted by badan, kategori,
judul. Prints counts per category, per body kind and per body, and the number of bodies.
Exits 1 with FILE:LINE: message for every error.

Run: python3 scripts/check-preseden.py [rules/preseden.csv]
"""
import collections
import csv
import os
import re
import sys

HEADER = ["judul", "kategori", "pasal17", "badan", "jenis_badan", "sumber"]
CATEGORIES = ["berkala", "serta_merta", "setiap_saat", "dikecualikan"]
KINDS = ["kabupaten", "kota", "provinsi", "kementerian", "lembaga", "rumah_sakit", "universitas",
         "pengadilan", "bumd", "bumn", "kepolisian_kejaksaan", "desa", "lainnya"]
# Highest angka that UU 14/2008 Pasal 17 gives each letter; 0 = the letter has no angka.
ANGKA = {"a": 5, "b": 0, "c": 7, "d": 0, "e": 7, "f": 4, "g": 0, "h": 5, "i": 0, "j": 0}
GROUND = re.compile(r"^17([a-j])([1-9])?$")


def ground_errors(text):
    """Errors in one pasal17 cell ('' is valid)."""
    if text == "":
        return []
    errors = []
    parts = text.split(";")
    if len(parts) != len(set(parts)):
        errors.append(f"ground listed twice in {text!r}")
    for part in parts:
        m = GROUND.match(part)
        if not m:
            errors.append(f"ground {part!r} is not 17 + letter a-j + optional angka (e.g. 17h2)")
            continue
        letter, angka = m.group(1), m.group(2)
        if angka is not None:
            if ANGKA[letter] == 0:
                errors.append(f"ground {part!r}: huruf {letter} has no angka in UU 14/2008")
            elif int(angka) > ANGKA[letter]:
                errors.append(f"ground {part!r}: huruf {letter} has angka 1-{ANGKA[letter]} only")
    return errors


def check(path):
    errors = []
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(f"{path}:1: starts with a byte-order mark")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"{path}:1: not UTF-8 ({e})"], []
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows = []
    try:
        header = next(reader, None)
        if header != HEADER:
            errors.append(f"{path}:1: header must be {','.join(HEADER)}, found {header}")
        for fields in reader:
            rows.append((reader.line_num, fields))
    except csv.Error as e:
        errors.append(f"{path}:{reader.line_num}: CSV syntax: {e}")
    good = []
    seen = {}
    kind_of = {}
    previous = None
    for line, fields in rows:
        if len(fields) != len(HEADER):
            errors.append(f"{path}:{line}: {len(fields)} columns, expected {len(HEADER)}")
            continue
        judul, kategori, pasal17, badan, jenis, sumber = fields
        here = f"{path}:{line}"
        for name, value in zip(HEADER, fields):
            if value != value.strip():
                errors.append(f"{here}: {name} has surrounding whitespace")
        if not judul.strip():
            errors.append(f"{here}: empty judul")
        if kategori not in CATEGORIES:
            errors.append(f"{here}: kategori {kategori!r} is not one of {', '.join(CATEGORIES)}")
        for e in ground_errors(pasal17):
            errors.append(f"{here}: {e}")
        if pasal17 and kategori != "dikecualikan":
            errors.append(f"{here}: pasal17 given on a {kategori} (open) item")
        if not badan.strip():
            errors.append(f"{here}: empty badan")
        if jenis not in KINDS:
            errors.append(f"{here}: jenis_badan {jenis!r} is not one of {', '.join(KINDS)}")
        if not sumber.strip():
            errors.append(f"{here}: empty sumber")
        if badan in kind_of and kind_of[badan][0] != jenis:
            errors.append(f"{here}: {badan!r} is {jenis!r} here but {kind_of[badan][0]!r} on line {kind_of[badan][1]}")
        kind_of.setdefault(badan, (jenis, line))
        key = (badan, judul)
        if key in seen:
            errors.append(f"{here}: duplicate of line {seen[key]} ({badan!r}, {judul!r})")
        seen.setdefault(key, line)
        order = (badan, kategori, judul)
        if previous is not None and order < previous:
            errors.append(f"{here}: not sorted by badan, kategori, judul")
        previous = order
        good.append(fields)
    return errors, good


def report(rows):
    per_cat = collections.Counter(r[1] for r in rows)
    per_kind_rows = collections.Counter(r[4] for r in rows)
    bodies = {}
    for r in rows:
        bodies.setdefault(r[3], (r[4], collections.Counter()))[1][r[1]] += 1
    per_kind_bodies = collections.Counter(kind for kind, _ in bodies.values())
    total = len(rows)
    print(f"entries: {total}")
    print(f"bodies: {len(bodies)}")
    print(f"bodies with both exempt and open entries: "
          f"{sum(1 for _, c in bodies.values() if c['dikecualikan'] and sum(c.values()) > c['dikecualikan'])}")
    print("per category:")
    for c in CATEGORIES:
        share = 100.0 * per_cat[c] / total if total else 0.0
        print(f"  {c:<13} {per_cat[c]:>5}  {share:5.1f} %")
    grounded = sum(1 for r in rows if r[1] == "dikecualikan" and r[2])
    print(f"dikecualikan entries with a stated ground: {grounded} of {per_cat['dikecualikan']}")
    print("per body kind (bodies, entries):")
    for k in KINDS:
        if per_kind_bodies[k] or per_kind_rows[k]:
            print(f"  {k:<21} {per_kind_bodies[k]:>4} {per_kind_rows[k]:>6}")
    print("per body (kind, entries, berkala/serta_merta/setiap_saat/dikecualikan):")
    for name in sorted(bodies):
        kind, c = bodies[name]
        split = "/".join(str(c[x]) for x in CATEGORIES)
        print(f"  {name} ({kind}): {sum(c.values())}  {split}")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    path = argv[1] if len(argv) > 1 else os.path.join(here, "..", "rules", "preseden.csv")
    path = os.path.relpath(path)
    errors, rows = check(path)
    report(rows)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
