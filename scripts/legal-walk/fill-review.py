# Fills dip's review workbook as a PPID would (openpyxl), for scripts/legal-walk.sh.
# usage: fill-review.py WORKBOOK OUT MODE [TESTED_ON]
#   MODE first  : reviewer on Petunjuk, Setujui on every row, each pending test exempted whole
#                 (periods "1 (satu) bulan", "Selama berlaku", "2 (dua) tahun", in row order)
#   MODE notest : the same without touching the Uji Konsekuensi sheet
#   MODE retest : every test row concluded Terbuka
import sys, openpyxl, datetime
src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "first"
wb = openpyxl.load_workbook(src)
print("sheets:", wb.sheetnames)
ws = wb["Petunjuk"]
for row in ws.iter_rows():
    a = row[0].value
    if isinstance(a, str):
        low = a.strip().lower()
        if low == "nama pemeriksa": ws.cell(row=row[0].row, column=2, value="Dra. Hj. Rina Marlina, M.Si.")
        if low == "nip pemeriksa": ws.cell(row=row[0].row, column=2, value="197203142000032005")
        if low == "jabatan pemeriksa": ws.cell(row=row[0].row, column=2, value="Kepala Bidang Informasi dan Komunikasi Publik")
def header(ws):
    return {c.value: c.column for c in ws[1] if c.value}
for name in ["Berkala", "Serta Merta", "Setiap Saat", "Dikecualikan"]:
    if name not in wb.sheetnames: continue
    ws = wb[name]; h = header(ws)
    for r in range(2, ws.max_row + 1):
        if not str(ws.cell(row=r, column=h["No"]).value or "").isdigit(): continue  # an empty sheet's "Tidak ada data."
        ws.cell(row=r, column=h["Keputusan"], value="Setujui")
if "Uji Konsekuensi" in wb.sheetnames and mode != "notest":
    ws = wb["Uji Konsekuensi"]; h = header(ws)
    print("test header:", list(h))
    n = 0
    for r in range(2, ws.max_row + 1):
        if not str(ws.cell(row=r, column=h["No"]).value or "").isdigit(): continue  # an empty sheet's "Tidak ada data."
        ring = ws.cell(row=r, column=h["Ringkasan Isi Informasi"]).value
        basis = ws.cell(row=r, column=h["Dasar Hukum (Pasal)"]).value
        print("test row", r, repr(ring), repr(basis))
        if mode == "retest":
            ws.cell(row=r, column=h["Informasi Spesifik yang Dikecualikan"], value=ring)
            ws.cell(row=r, column=h["Konsekuensi apabila Dibuka"], value="Tidak ada lagi kerugian: kegiatan yang dilindungi telah selesai.")
            ws.cell(row=r, column=h["Pertimbangan Kepentingan Publik"], value="Masyarakat berhak mengawasi pelaksanaan kegiatan yang telah selesai.")
            ws.cell(row=r, column=h["Kesimpulan"], value="Terbuka")
            ws.cell(row=r, column=h["Jangka Waktu Pengecualian"], value="")
        else:
            ws.cell(row=r, column=h["Informasi Spesifik yang Dikecualikan"], value=f"Nama, NIK dan alamat orang yang tercantum dalam {ring}")
            ws.cell(row=r, column=h["Konsekuensi apabila Dibuka"], value="Mengungkap data pribadi dan dapat merugikan orang yang bersangkutan.")
            ws.cell(row=r, column=h["Pertimbangan Kepentingan Publik"], value="Kepentingan publik terpenuhi dengan membuka data agregat; data perseorangan tetap dilindungi.")
            ws.cell(row=r, column=h["Kesimpulan"], value="Dikecualikan seluruhnya")
            ws.cell(row=r, column=h["Jangka Waktu Pengecualian"], value=["1 (satu) bulan", "Selama berlaku", "2 (dua) tahun"][min(n, 2)])
            ws.cell(row=r, column=h["Syarat Dibukanya Informasi"], value="Persetujuan tertulis orang yang bersangkutan.")
        ws.cell(row=r, column=h["Nama Penguji"], value="Siti Aminah, S.Sos.")
        ws.cell(row=r, column=h["NIP Penguji"], value="198203152006042011")
        ws.cell(row=r, column=h["Tanggal Uji"], value=sys.argv[4] if len(sys.argv) > 4 else "2026-01-02")
        if "Keputusan" in h: ws.cell(row=r, column=h["Keputusan"], value="Setujui")
        n += 1
wb.save(dst)
print("filled", dst)
