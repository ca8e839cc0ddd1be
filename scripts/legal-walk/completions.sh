#!/usr/bin/env bash
# legal-walk/completions.sh WORKSPACE — a berita acara completed without being rewritten
# (docs/publish.md "Session 27 (w27legal)"), for reading the decrees as a Bagian Hukum reads them:
#   - three consequence tests recorded on 5 January 2026 for a meeting of 2 January; two of them
#     made undated, as a review workbook of a release before session 26 recorded them (an old
#     register: their tested_at emptied with Python's sqlite3): `dip approve` refuses the version
#     (approve-tanpa-tanggal.txt); the PPID dates one with `dip test … --tested-on --name`, the other
#     (with the room the Tim met in) on the review workbook's sheet Lengkapi Berita Acara
#     (hasil-lengkapi.txt; session 29);
#   - v1 approved 6 January 2026 and published with the three berita acara unnumbered (dotted NOMOR);
#   - the secretariat's numbers, written by hand on the signed records, recorded afterwards
#     (`dip test … --berita-acara-number --name`), with the refusals of a number already given, a
#     number another record carries and an unknown record (refusal-*.txt); no new draft from that
#     alone (status-sesudah-nomor.txt);
#   - Kecamatan Cikande adds one item in February: v2 (decree 9 February 2026) cites the three
#     records with their numbers and prints no berita acara again.
# Every published DOCX → PDF and text in WORKSPACE/pdf/. Needs DIP=… (default .build/debug/dip),
# python3, the checkers' venv (openpyxl; `make checkers`), soffice and pdftotext.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WS=${1:?usage: completions.sh WORKSPACE}
DIP=${DIP:-$root/.build/debug/dip}
PY=${DIP_CHECKERS_VENV:-$HOME/.cache/dip/checkers-venv}/bin/python
export DIP_REVIEW_KEY=legal-walk
if [ -e "$WS" ] && [ ! -e "$WS/.legal-walk" ]; then
  echo "completions.sh: $WS exists and was not made by a legal walk; give a new folder" >&2; exit 2
fi
rm -rf "$WS"; "$DIP" init "$WS" >/dev/null; touch "$WS/.legal-walk"
cp -r "$root/examples/inbox/"* "$WS/inbox/"
find "$WS/inbox" -type f -exec touch -d "2026-01-01 08:00" {} +
at() { local t=$1; shift; SOURCE_DATE_EPOCH=$(date -u -d "$t" +%s) "$@"; }
run() { at "$1" "$DIP" run --workspace "$WS" >/dev/null 2>&1 || [ $? -eq 2 ]; }
A=(--name "Drs. H. Ahmad Fauzi, M.Si." --nip 197001011995031002 --rank "Pembina Utama Muda (IV/c)"
   --atasan-name "H. Zaldi Dhuhana, S.Sos., M.M." --atasan-nip 196801011990031002 --yes --force-unreviewed)
PPID_NAME="Dra. Hj. Rina Marlina, M.Si."
SEKRETARIAT="Dedi Supriadi (Sekretariat Diskominfosatik)"
run "2026-01-02 01:00"
for id in dinsos-0007 dinsos-0009 rsud-drajat-0004; do
  at "2026-01-05 02:00" "$DIP" test "$id" --workspace "$WS" --revision 1 --conclusion dikecualikan_seluruhnya --ground 17h2 \
    --specific "Data pribadi" --consequence "Mengungkap rahasia pribadi" --public-interest "Tidak lebih besar" \
    --period "2 (dua) tahun" --tester "Siti Aminah, S.Sos." --tester-nip 198203152006042011 --tested-on "2 Januari 2026" >/dev/null
done
# An old register: the tests of rsud-drajat-0004 and dinsos-0009 as a workbook of a release before
# session 26 recorded them, without their day (the test rows as that release wrote them).
python3 - "$WS/archive/register.sqlite" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("UPDATE consequence_tests SET tested_at = NULL, source = 'workbook' "
               "WHERE item IN ('rsud-drajat-0004', 'dinsos-0009')").rowcount
assert n == 2, n
db.commit(); db.close()
PYEOF
run "2026-01-05 03:00"
approve() { at "$1" "$DIP" approve --workspace "$WS" "${A[@]}" "${@:2}"; }
approve "2026-01-05 04:00" --decree-number 000.9/7/Diskominfosatik/2026 --dik-decree-number 000.9/8/Diskominfosatik/2026 \
  --decree-date "6 Januari 2026" > "$WS/approve-tanpa-tanggal.txt" 2>&1 \
  && { echo "completions.sh: a version issuing an undated test was approved" >&2; exit 1; }
at "2026-01-05 05:00" "$DIP" test dinsos-0009 --workspace "$WS" --revision 1 --tested-on "2 Januari 2026" \
  --name "$PPID_NAME" > "$WS/test-tanggal.txt"
# The other from the review workbook: its sheet Lengkapi Berita Acara lists the undated record; the
# PPID writes the day of the meeting, the room (not the city the berita acara names by default)
# and who records it.
mkdir -p "$WS/inbox/_ppid"
"$PY" - "$WS/reports/review/pemeriksaan-dip.xlsx" "$WS/inbox/_ppid/lengkapi.xlsx" "$PPID_NAME" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["Lengkapi Berita Acara"]
heads = {c.value: c.column for c in ws[1]}
rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, heads["ID DIP (jangan diubah)"]).value == "rsud-drajat-0004"]
assert len(rows) == 1, rows
for header, value in [("Tanggal Uji", "2 Januari 2026"), ("Tempat Uji", "Ruang Rapat RSUD dr. Dradjat Prawiranegara"),
                      ("Nama Petugas yang Mencatat", sys.argv[3])]:
    ws.cell(rows[0], heads[header]).value = value
wb.save(sys.argv[2])
PYEOF
touch -d "2026-01-05 09:00" "$WS/inbox/_ppid/lengkapi.xlsx"
run "2026-01-05 06:00"
cp "$WS/reports/review/hasil-lengkapi.txt" "$WS/hasil-lengkapi.txt"
grep -q "Berita acara uji konsekuensi dilengkapi (nomor, tanggal, atau tempat uji): 1" "$WS/hasil-lengkapi.txt" \
  || { echo "completions.sh: the workbook's completion was not recorded" >&2; exit 1; }
approve "2026-01-05 07:00" --decree-number 000.9/7/Diskominfosatik/2026 --dik-decree-number 000.9/8/Diskominfosatik/2026 \
  --decree-date "6 Januari 2026" > "$WS/approve-v1.txt" 2>&1
run "2026-01-06 01:00"
# The signed records, numbered by hand by the secretariat, recorded afterwards.
n=10
for id in dinsos-0007 dinsos-0009 rsud-drajat-0004; do
  at "2026-01-07 02:00" "$DIP" test "$id" --workspace "$WS" --revision 1 \
    --berita-acara-number "000.9/$n/BA-UK/Diskominfosatik/2026" --name "$SEKRETARIAT" >> "$WS/test-nomor.txt"
  n=$((n + 1))
done
refuse() {
  local file=$1; shift
  at "2026-01-07 03:00" "$DIP" test "$@" --workspace "$WS" --revision 1 --name "$SEKRETARIAT" > "$WS/$file" 2>&1 \
    && { echo "completions.sh: $file was recorded" >&2; exit 1; } || true
}
refuse refusal-nomor-lagi.txt dinsos-0007 --berita-acara-number "000.9/99/BA-UK/Diskominfosatik/2026"
refuse refusal-nomor-lain.txt dinsos-0009 --berita-acara-number "000.9/10/BA-UK/Diskominfosatik/2026"
refuse refusal-tanpa-uji.txt dinsos-0001 --berita-acara-number "000.9/98/BA-UK/Diskominfosatik/2026"
refuse refusal-tidak-dikenal.txt dinsos-0999 --berita-acara-number "000.9/97/BA-UK/Diskominfosatik/2026"
refuse refusal-tanggal-terbit.txt dinsos-0007 --tested-on "3 Januari 2026"
run "2026-01-07 04:00"
at "2026-01-07 05:00" "$DIP" status --workspace "$WS" > "$WS/status-sesudah-nomor.txt" 2>&1 || true
"$DIP" history dinsos-0007 --workspace "$WS" > "$WS/history-dinsos-0007.txt"
"$DIP" history rsud-drajat-0004 --workspace "$WS" > "$WS/history-rsud-drajat-0004.txt"
# February: Kecamatan Cikande adds one item (no test): the next version.
{ cat "$root/examples/inbox/kec-cikande/DIP Kecamatan Cikande.csv"
  printf "5;Laporan penyelenggaraan pemerintahan kecamatan Tahun 2025;Sekretariat Kecamatan;Camat Cikande;Cikande, 2026;Softcopy dan Hardcopy;5 tahun;Berkala\r\n"
} > "$WS/inbox/kec-cikande/DIP Kecamatan Cikande.csv"
touch -d "2026-02-02 08:00" "$WS/inbox/kec-cikande/DIP Kecamatan Cikande.csv"
run "2026-02-03 01:00"
approve "2026-02-03 02:00" --decree-number 000.9/21/Diskominfosatik/2026 --dik-decree-number 000.9/22/Diskominfosatik/2026 \
  --decree-date "9 Februari 2026" > "$WS/approve-v2.txt" 2>&1
run "2026-02-09 01:00"
mkdir -p "$WS/pdf"
for v in "$WS"/reports/terbit/v*; do
  out="$WS/pdf/$(basename "$v")"; mkdir -p "$out"
  timeout 300 soffice -env:UserInstallation="file://$WS/pdf/.profile" --headless --convert-to pdf --outdir "$out" "$v"/*.docx >/dev/null 2>&1
  for f in "$out"/*.pdf; do pdftotext -layout "$f" "${f%.pdf}.txt"; done
done
echo "published: $(ls "$WS/reports/terbit" | tr '\n' ' ')— PDFs and text in $WS/pdf/; approvals in $WS/approve-*.txt, refusals in $WS/refusal-*.txt"
