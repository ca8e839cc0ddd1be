#!/usr/bin/env python3
"""Regenerates the bundled example submissions in examples/inbox/.

The examples are committed; this script documents how they were made (openpyxl for XLSX,
plain bytes for CSV) so they can be changed deliberately. They cover the layouts of
DIP.md section 6: title rows, two-row headers with Cetak/Online ticks, column-number rows,
section rows, sub-group rows, merged cells, signature blocks, a list on a later sheet,
semicolon CSV in Windows-1252 with quoted line breaks, and files that must be refused.

Run: python3 scripts/make-examples.py  (needs openpyxl)
"""
import datetime
import os
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "inbox")
FIXED = datetime.datetime(2026, 3, 12, 8, 0, 0)


def save(wb, unit, name):
    d = os.path.join(ROOT, unit)
    os.makedirs(d, exist_ok=True)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "PPID Pelaksana"
    path = os.path.join(d, name)
    wb.save(path)
    normalise_zip(path)


def normalise_zip(path):
    """Rewrites the zip with fixed entry timestamps (openpyxl stamps docProps with the save time)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 12, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def dinsos():
    """Sections A-D as rows, two-row header with Cetak/Online ticks, column numbers,
    sub-group rows, a merged 'pejabat' cell, a signature block; includes a bansos list
    with NIK declared setiap saat (the rules must flag it)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DIP 2026"
    ws["A1"] = "DAFTAR INFORMASI PUBLIK"
    ws["A2"] = "DINAS SOSIAL KABUPATEN SERANG TAHUN 2026"
    ws.merge_cells("A1:I1")
    ws.merge_cells("A2:I2")
    ws["A1"].font = Font(bold=True)
    head1 = ["No.", "Ringkasan Isi Informasi", "Pejabat/Unit/Satker yang Menguasai Informasi",
             "Penanggung Jawab Pembuatan atau Penerbitan Informasi",
             "Waktu dan Tempat Pembuatan Informasi", "Bentuk Informasi yang Tersedia", None,
             "Jangka Waktu Penyimpanan atau Retensi Arsip", "Keterangan"]
    head2 = [None, None, None, None, None, "Cetak", "Online", None, None]
    ws.append([])
    ws.append(head1)
    ws.append(head2)
    for col in "ABCDEHI":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("F4:G4")
    ws.append([1, 2, 3, 4, 5, 6, 7, 8, 9])
    rows = [
        ("A. INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA",),
        ("1. Informasi tentang Profil Badan Publik",),
        ("a.", "Profil Dinas Sosial: alamat, tugas pokok dan fungsi", "Sekretariat",
         "Kepala Dinas Sosial", "Serang, 2026", "✓", "✓", "Selama berlaku", None),
        ("b.", "Struktur organisasi dan profil singkat pejabat Dinas Sosial", "Sekretariat",
         "Kepala Dinas Sosial", "Serang, 2026", "✓", "✓", "Selama berlaku", None),
        ("2. Ringkasan Informasi tentang Program dan/atau Kegiatan",),
        ("a.", "Dokumen Pelaksanaan Anggaran (DPA) Dinas Sosial Tahun 2026",
         "Sub Bagian Perencanaan dan Keuangan", "Kepala Dinas Sosial", "Serang, Januari 2026",
         "✓", "✓", "5 (lima) tahun", None),
        ("b.", "Rencana Kerja (Renja) Dinas Sosial Tahun 2026",
         None, "Kepala Dinas Sosial", "Serang, 2025", "v", None, "5 Thn", None),
        ("3. Ringkasan Informasi tentang Kinerja",),
        ("a.", "Laporan Kinerja Instansi Pemerintah (LKjIP) Dinas Sosial Tahun 2025",
         "Sub Bagian Perencanaan dan Keuangan", "Kepala Dinas Sosial", "Serang, Maret 2026",
         "ada", "ada", "5 tahun", None),
        ("B. INFORMASI YANG WAJIB DIUMUMKAN SECARA SERTA MERTA",),
        (1, "Informasi lokasi posko pengungsian dan dapur umum saat bencana",
         "Bidang Perlindungan dan Jaminan Sosial", "Kepala Dinas Sosial", "Saat terjadi",
         None, "✓", "1 tahun", None),
        ("C. INFORMASI YANG WAJIB TERSEDIA SETIAP SAAT",),
        (1, "Daftar penerima bantuan sosial beserta NIK dan nomor rekening",
         "Bidang Rehabilitasi Sosial", "Kepala Dinas Sosial", "Serang, 2026", "✓", "✓",
         "5 tahun", None),
        (2, "Standar Operasional Prosedur pelayanan rekomendasi PBI-JK",
         "Bidang Rehabilitasi Sosial", "Kepala Dinas Sosial", "Serang, 2025", "✓", None,
         "Selama berlaku", None),
        ("D. INFORMASI YANG DIKECUALIKAN",),
        (1, "Data rekam asesmen psikososial anak berhadapan dengan hukum",
         "Bidang Rehabilitasi Sosial", "Kepala Dinas Sosial", "Serang, 2026", "✓", None,
         "Permanen", "Pasal 17 huruf h UU 14/2008"),
    ]
    for r in rows:
        ws.append(list(r))
    # 'Sekretariat' spans the two profile rows; the Renja row's pejabat is merged from DPA.
    ws.merge_cells("C9:C10")
    ws.merge_cells("C12:C13")
    ws.append([])
    ws.append([None, None, None, None, None, None, "Serang, 12 Maret 2026"])
    ws.append([None, None, None, None, None, None, "Kepala Dinas Sosial"])
    ws.append([None, None, None, None, None, None, "Kabupaten Serang"])
    ws.append([])
    ws.append([None, None, None, None, None, None, "Drs. H. Ahmad Fauzi, M.Si"])
    ws.append([None, None, None, None, None, None, "NIP. 197001011995031002"])
    save(wb, "dinsos", "DIP Dinsos 2026.xlsx")


def rsud():
    """Instructions sheet first, list on the second sheet; header typos; a category column;
    real date cells; a bare year as retention and a missing field (feedback must say so)."""
    wb = Workbook()
    info = wb.active
    info.title = "Petunjuk"
    info["A1"] = "Petunjuk pengisian: isi satu baris per informasi. Jangan ubah judul kolom."
    ws = wb.create_sheet("Daftar")
    ws["A1"] = "DAFTAR INFORMASI PUBLIK RSUD DRAJAT PRAWIRANEGARA"
    ws.append(["No", "Ringkasan Informasi", "Unit yang Menguasi Informasi",
               "PenanggungJawab Pembuatan Informasi", "Waktu Pembuatan", "Tempat Pembuatan",
               "Format Informasi yang Tersedia", "Jangka Waktu Penyimpanana", "Jenis Informasi"])
    data = [
        (1, "Profil dan jenis layanan RSUD dr. Drajat Prawiranegara", "Bagian Umum",
         "Direktur RSUD", datetime.date(2026, 1, 5), "Serang", "Hard & Soft File",
         "Selama berlaku", "Berkala"),
        (2, "Tarif layanan rawat jalan dan rawat inap", "Bagian Keuangan", "Direktur RSUD",
         datetime.date(2026, 1, 20), "Serang", "Hardcopy & Sofcopy", "2026", "Berkala"),
        (3, "Standar pelayanan minimal rumah sakit", "Bidang Pelayanan", "Direktur RSUD",
         datetime.date(2025, 11, 3), "Serang", "Soft Copy", "5 Thn", "Setiap saat"),
        (4, "Rekam medis pasien", "Instalasi Rekam Medis", "Direktur RSUD",
         datetime.date(2026, 2, 1), "Serang", "Hardcopy", "25 tahun", "Dikecualikan"),
        (5, "Laporan pengaduan masyarakat dan tindak lanjutnya", None, "Direktur RSUD",
         datetime.date(2026, 2, 14), "Serang", "Softcopy", "3 tahun", "Setiap saat"),
        (6, "Informasi kejadian luar biasa (KLB) penyakit menular di wilayah layanan",
         "Bidang Pelayanan", "Direktur RSUD", datetime.date(2026, 3, 1), "Serang",
         "Cetak dan Online", "1 tahun", "Serta merta"),
    ]
    for r in data:
        ws.append(list(r))
    for row in ws.iter_rows(min_row=3, min_col=5, max_col=5):
        for c in row:
            c.number_format = "dd/mm/yyyy"
    save(wb, "rsud-drajat", "dip-rsud-2026.xlsx")


def kecamatan():
    """Semicolon CSV from Excel in the Indonesian locale: Windows-1252, CRLF, quoted line
    break, one 'waktu dan tempat' column, numbering restarting per section."""
    lines = [
        "NO;RINGKASAN ISI INFORMASI;PEJABAT YANG MENGUASAI INFORMASI;PENANGGUNG JAWAB;"
        "WAKTU DAN TEMPAT;BENTUK INFORMASI;RETENSI;KATEGORI",
        "1;Profil Kecamatan Cikande dan peta wilayah;Sekretariat Kecamatan;Camat Cikande;"
        "Cikande, 2026;Softcopy dan Hardcopy;Selama berlaku;Berkala",
        "2;\"Agenda kegiatan Kecamatan;\r\nMusrenbang tingkat kecamatan\";Seksi Pemerintahan;"
        "Camat Cikande;Cikande, Januari 2026;Hardcopy;1 tahun;Berkala",
        "3;Standar pelayanan administrasi terpadu kecamatan (PATEN);Seksi Pelayanan;"
        "Camat Cikande;2025 / Cikande;Softcopy;Selama berlaku;Setiap Saat",
        "4;Daftar Isian Pelaksanaan Anggaran dan realisasi Dana Kelurahan;"
        "Seksi Kesejahteraan Sosial;Camat Cikande;Cikande, 2026;Hardcopy;5 tahun;Berkala",
    ]
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    d = os.path.join(ROOT, "kec-cikande")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "DIP Kecamatan Cikande.csv"), "wb") as f:
        f.write(data)


def bappeda():
    """Comma CSV in UTF-8 with BOM and LF, quoted fields with commas; a duplicate item."""
    rows = [
        "No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,"
        "Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,"
        "Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi",
        "1,\"Rencana Pembangunan Jangka Menengah Daerah (RPJMD) 2025-2029\",Bidang Perencanaan,"
        "Kepala Bappeda,2025,Serang,Cetak dan Online,Selama berlaku,Berkala",
        "2,\"Rencana Kerja Pemerintah Daerah (RKPD) Tahun 2026\",Bidang Perencanaan,"
        "Kepala Bappeda,2025,Serang,\"Softcopy, Hardcopy\",5 tahun,Berkala",
        "3,Hasil penelitian dan kajian pembangunan daerah,Bidang Litbang,Kepala Bappeda,2025,"
        "Serang,Softcopy,5 tahun,Setiap Saat",
        "4,\"Rencana Kerja Pemerintah Daerah (RKPD) Tahun 2026\",Bidang Perencanaan,"
        "Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Berkala",
    ]
    d = os.path.join(ROOT, "bappeda")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "usulan_dip_bappeda.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + ("\n".join(rows) + "\n").encode("utf-8"))


def refused_and_ignored():
    """An Excel 97-2003 .xls (CFB container) renamed .xlsx: must be refused with advice.
    A lock file left by Excel: must be skipped silently."""
    d = os.path.join(ROOT, "satpolpp")
    os.makedirs(d, exist_ok=True)
    cfb = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
    with open(os.path.join(d, "DIP Satpol PP.xlsx"), "wb") as f:
        f.write(cfb)
    with open(os.path.join(ROOT, "dinsos", "~$DIP Dinsos 2026.xlsx"), "wb") as f:
        f.write(b"\x0bPPID      " + b"\x00" * 150)


if __name__ == "__main__":
    dinsos()
    rsud()
    kecamatan()
    bappeda()
    refused_and_ignored()
    print("examples written to", os.path.normpath(ROOT))
