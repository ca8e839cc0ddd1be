#!/usr/bin/env bash
# legal-walk/paths.sh WORKSPACE — the paths scripts/legal-walk.sh does not take (docs/publish.md
# "Session 25"), for reading their decrees as a Bagian Hukum reads them:
#   - a unit whose name holds an apostrophe and a slash (kec-cikande);
#   - a unit listing 1,005 items of one category (bpkad): the Lampiran's numbering past 999 and
#     its pagination;
#   - drafts made in December, the decrees dated in January of the next year (number, title and
#     date in words of the new year); approve refuses last year's number and a number copied from
#     the draft (approve-placeholder.txt, approve-tahun-lalu.txt);
#   - a consequence test "sampai 31 Desember 2026" that the January decree would set although it
#     has run out (refused: approve-habis.txt), then tested again "sampai 31 Desember 2027";
#   - kec-cikande withdrawing every item: its empty list is refused (empty-table), so the PPID
#     returns each item (`dip return`); the unit leaves the Lampiran and diktum KEDUA's counts.
# Every published DOCX → PDF and text in WORKSPACE/pdf/. Needs DIP=… (default .build/debug/dip),
# soffice and pdftotext.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
WS=${1:?usage: paths.sh WORKSPACE}
DIP=${DIP:-$root/.build/debug/dip}
export DIP_REVIEW_KEY=legal-walk
if [ -e "$WS" ] && [ ! -e "$WS/.legal-walk" ]; then
  echo "paths.sh: $WS exists and was not made by a legal walk; give a new folder" >&2; exit 2
fi
rm -rf "$WS"; "$DIP" init "$WS" >/dev/null; touch "$WS/.legal-walk"
python3 - "$WS/rules/unit.yaml" <<'PYEOF'
import sys
p = sys.argv[1]; s = open(p, encoding='utf-8').read()
s = s.replace("nama: Kecamatan Cikande\n", "nama: \"Kecamatan Cikande (Kelurahan Ma'mur/Pesanggrahan)\"\n", 1)
open(p, 'w', encoding='utf-8').write(s)
PYEOF
cp -r "$root/examples/inbox/"* "$WS/inbox/"
python3 - "$WS/inbox/bpkad/DIP BPKAD 2027.csv" <<'PYEOF'
import sys, os
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write("NO;RINGKASAN ISI INFORMASI;PEJABAT YANG MENGUASAI INFORMASI;PENANGGUNG JAWAB;WAKTU DAN TEMPAT;BENTUK INFORMASI;RETENSI;KATEGORI\n")
    for i in range(1, 1006):
        f.write(f"{i};Laporan realisasi anggaran kegiatan nomor KODE{i:04d} Tahun 2026;Bidang Anggaran;Kepala BPKAD;Serang, 2026;Cetak dan Online;5 (lima) tahun;Berkala\n")
PYEOF
# mtimes in the past of the real clock (dip waits for a file dated in the future), the runs later.
find "$WS/inbox" -type f -exec touch -d "2026-12-01 08:00" {} +
at() { local t=$1; shift; SOURCE_DATE_EPOCH=$(date -u -d "$t" +%s) "$@"; }
run() { at "$1" "$DIP" run --workspace "$WS" >/dev/null 2>&1 || [ $? -eq 2 ]; }
A=(--name "Drs. H. Ahmad Fauzi, M.Si." --nip 197001011995031002 --rank "Pembina Utama Muda (IV/c)"
   --atasan-name "H. Zaldi Dhuhana, S.Sos., M.M." --atasan-nip 196801011990031002 --yes --force-unreviewed)
run "2026-12-29 01:00"
# The three pending tests of the examples: dinsos-0007 "sampai 31 Desember 2026", the others 2 years.
first=dinsos-0007
for id in dinsos-0007 dinsos-0009 rsud-drajat-0004; do
  period="2 (dua) tahun"; [ "$id" = "$first" ] && period="sampai 31 Desember 2026"
  at "2026-12-29 03:00" "$DIP" test "$id" --workspace "$WS" --revision 1 --conclusion dikecualikan_seluruhnya --ground 17h2 \
    --specific "Data pribadi" --consequence "Mengungkap rahasia pribadi" --public-interest "Tidak lebih besar" \
    --period "$period" --tester "Siti Aminah, S.Sos." --tester-nip 198203152006042011 --tested-on "29 Desember 2026" >/dev/null
done
run "2026-12-29 04:00"
approve() { at "2026-12-30 04:00" "$DIP" approve --workspace "$WS" "${A[@]}" "$@"; }
approve --decree-number 000.9/___/Diskominfosatik/2027 --dik-decree-number 000.9/2/Diskominfosatik/2027 \
  --decree-date "4 Januari 2027" > "$WS/approve-placeholder.txt" 2>&1 && { echo "paths.sh: a placeholder number was approved" >&2; exit 1; }
approve --decree-number 000.9/1/Diskominfosatik/2026 --dik-decree-number 000.9/2/Diskominfosatik/2026 \
  --decree-date "4 Januari 2027" > "$WS/approve-tahun-lalu.txt" 2>&1 && { echo "paths.sh: last year's number was approved" >&2; exit 1; }
approve --decree-number 000.9/1/Diskominfosatik/2027 --dik-decree-number 000.9/2/Diskominfosatik/2027 \
  --decree-date "4 Januari 2027" > "$WS/approve-habis.txt" 2>&1 && { echo "paths.sh: an exemption over before its decree was approved" >&2; exit 1; }
at "2026-12-30 05:00" "$DIP" test "$first" --workspace "$WS" --revision 1 --conclusion dikecualikan_seluruhnya --ground 17h2 \
  --specific "Data pribadi" --consequence "Mengungkap rahasia pribadi" --public-interest "Tidak lebih besar" \
  --period "sampai 31 Desember 2027" --tester "Siti Aminah, S.Sos." --tester-nip 198203152006042011 --tested-on "30 Desember 2026" >/dev/null
run "2026-12-30 06:00"
at "2026-12-30 07:00" "$DIP" approve --workspace "$WS" "${A[@]}" --decree-number 000.9/1/Diskominfosatik/2027 \
  --dik-decree-number 000.9/2/Diskominfosatik/2027 --decree-date "4 Januari 2027" > "$WS/approve-v1.txt" 2>&1
run "2027-01-04 01:00"
# kec-cikande withdraws every item: its list with the header only.
head -1 "$root/examples/inbox/kec-cikande/DIP Kecamatan Cikande.csv" > "$WS/inbox/kec-cikande/DIP Kecamatan Cikande.csv"
touch -d "2026-12-05 08:00" "$WS/inbox/kec-cikande/DIP Kecamatan Cikande.csv"
run "2027-01-11 01:00"   # refused (empty-table): an empty list never withdraws a unit's DIP
# The unit was merged: the PPID returns each of its items (`dip return`), the next decree drops them.
for i in 1 2 3 4; do
  at "2027-01-11 02:00" "$DIP" return "kec-cikande-000$i" --workspace "$WS" --revision 1 \
    --note "Unit digabung; informasinya kini dikuasai kecamatan induk." --name "Drs. H. Ahmad Fauzi, M.Si." >/dev/null
done
run "2027-01-11 03:00"
at "2027-01-11 04:00" "$DIP" approve --workspace "$WS" "${A[@]}" --decree-number 000.9/15/Diskominfosatik/2027 \
  --dik-decree-number 000.9/16/Diskominfosatik/2027 --decree-date "12 Januari 2027" > "$WS/approve-v2.txt" 2>&1
run "2027-01-12 01:00"
mkdir -p "$WS/pdf"
for v in "$WS"/reports/terbit/v*; do
  out="$WS/pdf/$(basename "$v")"; mkdir -p "$out"
  timeout 600 soffice -env:UserInstallation="file://$WS/pdf/.profile" --headless --convert-to pdf --outdir "$out" "$v"/*.docx >/dev/null 2>&1
  for f in "$out"/*.pdf; do pdftotext -layout "$f" "${f%.pdf}.txt"; done
done
echo "published: $(ls "$WS/reports/terbit" | tr '\n' ' ')— PDFs and text in $WS/pdf/; approvals in $WS/approve-*.txt"
