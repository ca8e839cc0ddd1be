#!/usr/bin/env bash
# legal-walk.sh WORKSPACE — the SOP as a PPID walks it, for reading the legal outputs as a Bagian
# Hukum reads them (docs/publish.md, "Read as a Bagian Hukum reads it (session 21)"):
#   v2  first decrees (examples/inbox, review workbook filled, approved 5 Jan 2026, published);
#   v3  an update (Dinas Sosial changes one item, withdraws one, adds two) approved 9 Feb 2026,
#       after a one-month exemption ended on 5 Feb, without a new test (approve refuses it without
#       --force-ended-exemptions, also with the deprecated --force, and is given --force-ended-exemptions;
#       the site says the period ended from 6 Feb);
#   v4  that exemption tested again terbuka (`dip test`), decree 2 Mar 2026 (its DIK diktum lifts it;
#       approve warns that the list of recipients with NIK and nomor rekening is opened whole).
# Every published DOCX is converted to PDF (LibreOffice) and to text (pdftotext -layout) in
# WORKSPACE/pdf/. Needs a built dip (DIP=…, default .build/debug/dip), the checkers' venv
# (openpyxl; `make checkers`), soffice and pdftotext. Deterministic: the same inputs give the same
# decrees and site (the unit's edited workbook carries openpyxl's own timestamp).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
WS=${1:?usage: legal-walk.sh WORKSPACE}
DIP=${DIP:-$root/.build/debug/dip}
PY=${DIP_CHECKERS_VENV:-$HOME/.cache/dip/checkers-venv}/bin/python
FILL="$here/legal-walk/fill-review.py"
export DIP_REVIEW_KEY=legal-walk
# The walk starts from nothing, so it removes WORKSPACE first: only a folder an earlier walk made
# (marked .legal-walk), never a folder of anything else (a real workspace, the checkout).
if [ -e "$WS" ] && [ ! -e "$WS/.legal-walk" ]; then
  echo "legal-walk: $WS exists and was not made by legal-walk.sh; give a new folder" >&2
  exit 2
fi
rm -rf "$WS"; "$DIP" init "$WS" >/dev/null; touch "$WS/.legal-walk"
cp -r "$root/examples/inbox/"* "$WS/inbox/"
find "$WS/inbox" -type f -exec touch -d "2026-01-01 08:00" {} +
at() { local t=$1; shift; SOURCE_DATE_EPOCH=$(date -u -d "$t" +%s) "$@"; }
run() { at "$1" "$DIP" run --workspace "$WS" >/dev/null 2>&1 || [ $? -eq 2 ]; }
A=(--name "Drs. H. Ahmad Fauzi, M.Si." --nip 197001011995031002 --rank "Pembina Utama Muda (IV/c)"
   --atasan-name "H. Zaldi Dhuhana, S.Sos., M.M." --atasan-nip 196801011990031002 --yes)
run "2026-01-02 01:00"
mkdir -p "$WS/inbox/_ppid"
"$PY" "$FILL" "$WS/reports/review/pemeriksaan-dip.xlsx" "$WS/inbox/_ppid/isi.xlsx" first 2026-01-02 >/dev/null
touch -d "2026-01-02 09:00" "$WS/inbox/_ppid/isi.xlsx"
run "2026-01-02 03:00"
at "2026-01-02 04:00" "$DIP" approve --workspace "$WS" "${A[@]}" --decree-number 000.9/7/Diskominfosatik/2026 \
  --dik-decree-number 000.9/8/Diskominfosatik/2026 --decree-date "5 Januari 2026" > "$WS/approve-v2.txt" 2>&1
run "2026-01-05 01:00"
"$PY" - "$WS" <<'PYEOF'
import sys, openpyxl
ws_ = sys.argv[1]
wb = openpyxl.load_workbook(ws_ + '/reports/unit/dinsos/DIP-dinsos.xlsx'); ws = wb['DIP']
for row in ws.iter_rows(min_row=2):
    if row[13].value == 'dinsos-0004':
        row[1].value = 'Rencana Kerja (Renja) Dinas Sosial Tahun 2026 beserta perubahannya'; row[8].value = '5 (lima) tahun'
    if row[13].value == 'dinsos-0008':
        for c in row: c.value = None
add = [('c', 'Laporan realisasi penyaluran bantuan sosial Triwulan IV Tahun 2025', None, 'Bidang Perlindungan dan Jaminan Sosial',
        'Kepala Dinas Sosial', 'Januari 2026', 'Serang', 'Cetak dan Online', '5 (lima) tahun', 'Berkala', None, None, None, None),
       ('3', 'Rekapitulasi jumlah penerima bantuan sosial per desa Tahun 2025', None, 'Bidang Rehabilitasi Sosial',
        'Kepala Dinas Sosial', 'Januari 2026', 'Serang', 'Online', '5 (lima) tahun', 'Setiap Saat', None, None, None, None)]
for i, a in enumerate(add):
    for j, v in enumerate(a): ws.cell(row=12 + i, column=j + 1, value=v)
wb.save(ws_ + '/inbox/dinsos/DIP Dinsos 2026 (pemutakhiran Februari).xlsx')
PYEOF
touch -d "2026-02-01 08:00" "$WS/inbox/dinsos/DIP Dinsos 2026 (pemutakhiran Februari).xlsx"
run "2026-02-02 01:00"
run "2026-02-06 01:00"
cp "$WS/reports/situs/index.html" "$WS/situs-6-februari.html"
"$PY" "$FILL" "$WS/reports/review/pemeriksaan-dip.xlsx" "$WS/inbox/_ppid/isi-v3.xlsx" notest >/dev/null
touch -d "2026-02-06 09:00" "$WS/inbox/_ppid/isi-v3.xlsx"
run "2026-02-06 03:00"
# v3 re-issues the exemption whose month ended on 5 Feb: refused without --force-ended-exemptions
# (approve-v3-tanpa-force.txt keeps the refusal; since session 24 the deprecated --force, which only
# overrides the review, is refused too: approve-v3-force-usang.txt); the PPID's
# --force-ended-exemptions is recorded in the register and the history (approvals.txt).
at "2026-02-06 04:00" "$DIP" approve --workspace "$WS" "${A[@]}" --decree-number 000.9/21/Diskominfosatik/2026 \
  --dik-decree-number 000.9/22/Diskominfosatik/2026 --decree-date "9 Februari 2026" > "$WS/approve-v3-tanpa-force.txt" 2>&1 \
  && { echo "legal-walk: v3 was approved without --force-ended-exemptions" >&2; exit 1; }
at "2026-02-06 04:00" "$DIP" approve --workspace "$WS" "${A[@]}" --force --decree-number 000.9/21/Diskominfosatik/2026 \
  --dik-decree-number 000.9/22/Diskominfosatik/2026 --decree-date "9 Februari 2026" > "$WS/approve-v3-force-usang.txt" 2>&1 \
  && { echo "legal-walk: v3 was approved with the deprecated --force" >&2; exit 1; }
at "2026-02-06 04:00" "$DIP" approve --workspace "$WS" "${A[@]}" --force-ended-exemptions --decree-number 000.9/21/Diskominfosatik/2026 \
  --dik-decree-number 000.9/22/Diskominfosatik/2026 --decree-date "9 Februari 2026" > "$WS/approve-v3.txt" 2>&1
run "2026-02-09 01:00"
at "2026-02-23 03:00" "$DIP" test dinsos-0007 --workspace "$WS" --revision 1 --conclusion terbuka --ground 17h3 \
  --specific "Daftar penerima bantuan sosial beserta NIK dan nomor rekening" --consequence "Tidak ada lagi kerugian yang dilindungi" \
  --public-interest "Pengawasan penyaluran bantuan sosial" --tester "Siti Aminah, S.Sos." --tester-nip 198203152006042011 \
  --tested-on "23 Februari 2026" --berita-acara-number "000.9/31/BA-UK/Diskominfosatik/2026" >/dev/null
run "2026-02-23 04:00"
cp "$WS/reports/review/index.html" "$WS/pemeriksaan-v4-draf.html"   # the draft v4 review page: the open personal data
at "2026-02-23 05:00" "$DIP" approve --workspace "$WS" "${A[@]}" --force-unreviewed --decree-number 000.9/35/Diskominfosatik/2026 \
  --dik-decree-number 000.9/36/Diskominfosatik/2026 --decree-date "2 Maret 2026" > "$WS/approve-v4.txt" 2>&1
run "2026-03-02 01:00"
"$DIP" approvals --workspace "$WS" > "$WS/approvals.txt"
mkdir -p "$WS/pdf"
for v in "$WS"/reports/terbit/v*; do
  out="$WS/pdf/$(basename "$v")"; mkdir -p "$out"
  timeout 300 soffice -env:UserInstallation="file://$WS/pdf/.profile" --headless --convert-to pdf --outdir "$out" "$v"/*.docx >/dev/null 2>&1
  for f in "$out"/*.pdf; do pdftotext -layout "$f" "${f%.pdf}.txt"; done
done
echo "published: $(ls "$WS/reports/terbit" | tr '\n' ' ')— PDFs and text in $WS/pdf/, the site of 6 Feb in $WS/situs-6-februari.html, the approvals' output (warnings) in $WS/approve-v2.txt, approve-v3.txt, approve-v4.txt, the v4 draft's review page in $WS/pemeriksaan-v4-draf.html"
