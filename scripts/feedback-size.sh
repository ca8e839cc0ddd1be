#!/bin/sh
# Prints the size of a unit's feedback (txt, html, xlsx) for one long list: N rows (default
# 20,000) where a third lack the responsible official, a fifth the date and retention, a
# fifth the category, and titles repeat a few subjects (so their classification notes repeat),
# taken in by `dip run` on a fresh workspace. Session 19: 11.4 MB txt and 18.4 MB html before
# repeated problems and notes were written once.
#
# Usage: scripts/feedback-size.sh [path/to/dip] [rows]
set -eu
DIP=${1:-.build/debug/dip}
ROWS=${2:-20000}
WS=$(mktemp -d /tmp/dip-feedback-size.XXXXXX)
trap 'rm -rf "$WS"' EXIT
"$DIP" init "$WS/ws" >/dev/null
mkdir -p "$WS/ws/inbox/bpbd"
awk -v rows="$ROWS" 'BEGIN {
  split("Laporan kegiatan|Data penerima bantuan|Rencana kerja|Laporan keuangan|Daftar aset|Standar pelayanan|Profil|Rekapitulasi pengaduan|Notulen rapat|Surat keputusan|Data pegawai|Peta wilayah|Laporan realisasi anggaran|Daftar hadir|Kontrak pengadaan", s, "|")
  split("Berkala|Setiap Saat|Serta Merta|Berkala|", k, "|")
  split("5 tahun|Selama berlaku|1 tahun||10 tahun", r, "|")
  split("2025|2024|Januari 2025||2025", w, "|")
  print "No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi"
  for (i = 1; i <= rows; i++) {
    pj = (i % 3 == 0) ? "" : "Kepala Dinas"
    printf "%d,%s bidang %d nomor %d tahun %d,Bidang %d,%s,%s,Serang,Softcopy,%s,%s\n", i, s[i % 15 + 1], i % 40, i, 2023 + i % 3, i % 9, pj, w[i % 5 + 1], r[(i * 7) % 5 + 1], k[(i * 3) % 5 + 1]
  }
}' > "$WS/ws/inbox/bpbd/dip-panjang.csv"
echo "rows=$ROWS input_bytes=$(wc -c < "$WS/ws/inbox/bpbd/dip-panjang.csv")"
SOURCE_DATE_EPOCH=1767225600 "$DIP" run --workspace "$WS/ws" --settle-seconds 0 --quiet >/dev/null 2>&1 || true
for f in "$WS"/ws/reports/unit/bpbd/umpan-balik-bpbd.*; do
  echo "$(basename "$f") $(wc -c < "$f") bytes"
done
