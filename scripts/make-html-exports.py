#!/usr/bin/env python3
"""Writes web-page "Excel exports" of DIP lists into OUT_DIR (default: ./html-exports).

Many Indonesian government web applications (SIPD, SIMDA, e-office, web tables with an
"Export ke Excel" button) save an HTML table under an .xls name; Excel opens it with a
warning, so unit staff take it for a workbook. These files reproduce the shapes such exports
take, for the intake's HTML reader (docs/intake.md, "Session 23"):

  sipd-export.xls      Excel-flavoured HTML (o:/x: namespaces, mso styles, a conditional
                       comment with x:ExcelWorkbook XML), windows-1252 declared by
                       <meta http-equiv>, a letterhead table, a two-row header with rowspan and
                       colspan ("Penguasaan Informasi" over two columns, "Bentuk Informasi" over
                       Cetak/Elektronik ticks), section rows spanning the table, a penanggung
                       jawab merged down over three rows, <br> and entities in cells, links,
                       a <script>, and a signature table after the list.
  web-layout.html      UTF-8 (<meta charset>), the list inside a layout table's cell, <thead>
                       with <th>, a navigation table before it.
  unicode-export.xls   the same list as UTF-16LE with a BOM (what "Unicode" exports write).
  tanpa-tabel.html     a page with no table at all.
  large-export.xls     (only with --large N) N items in the SIPD shape, for memory figures.

Deterministic, standard library only. Usage:
  scripts/make-html-exports.py [OUT_DIR] [--large N]
"""
import os
import sys

ITEMS = [
    # (ringkasan, pejabat, waktu, tempat, cetak, elektronik, retensi, link)
    ("Profil Dinas Kesehatan &amp; struktur organisasi", "Sekretariat", "2026", "Serang", "v", "v", "Selama berlaku",
     "https://ppid.serangkab.go.id/profil.pdf"),
    ("Rencana Strategis (Renstra) 2021\x962026", "Sub Bagian Perencanaan", "2021", "Serang", "v", "", "5 tahun", None),
    ("Laporan Keuangan Tahun Anggaran 2025<br>(audited)", "Sub Bagian Keuangan", "2026", "Serang", "", "v", "10 tahun",
     "https://ppid.serangkab.go.id/lk-2025.pdf"),
]
SERTA_MERTA = [
    ("Informasi \x93Kejadian Luar Biasa\x94 penyakit menular", "Bidang P2P", "2026", "Serang", "", "v", "1 tahun", None),
]


def header_rows():
    return (
        '<tr class=xl66>'
        '<td rowspan=2 class=xl67>No</td>'
        '<td rowspan=2 class=xl67>Ringkasan Isi Informasi</td>'
        '<td colspan=2 class=xl67>Penguasaan Informasi</td>'
        '<td rowspan=2 class=xl67>Waktu Pembuatan</td>'
        '<td rowspan=2 class=xl67>Tempat Pembuatan</td>'
        '<td colspan=2 class=xl67>Bentuk Informasi</td>'
        '<td rowspan=2 class=xl67>Jangka Waktu Penyimpanan</td>'
        '</tr>\r\n<tr class=xl66>'
        '<td class=xl67>Pejabat yang Menguasai Informasi</td>'
        '<td class=xl67>Penanggung Jawab</td>'
        '<td class=xl67>Cetak</td><td class=xl67>Elektronik</td>'
        '</tr>\r\n'
    )


def item_row(n, item, pj_cell):
    ringkasan, pejabat, waktu, tempat, cetak, elektronik, retensi, link = item
    title = f'<a href="{link}">{ringkasan}</a>' if link else ringkasan
    return (
        f'<tr height=40 style=\'height:30.0pt\'>\r\n  <td class=xl68 x:num>{n}</td>\r\n'
        f'  <td class=xl69 width=300>{title}</td>\r\n  <td class=xl69>{pejabat}</td>\r\n{pj_cell}'
        f'  <td class=xl70 x:num>{waktu}</td>\r\n  <td class=xl69>{tempat}</td>\r\n'
        f'  <td class=xl71>{cetak or "&nbsp;"}</td>\r\n  <td class=xl71>{elektronik or "&nbsp;"}</td>\r\n'
        f'  <td class=xl69>{retensi}</td>\r\n</tr>\r\n'
    )


def sipd_page(items, serta_merta, extra=0):
    head = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"\r\n'
        'xmlns:x="urn:schemas-microsoft-com:office:excel"\r\n'
        'xmlns="http://www.w3.org/TR/REC-html40">\r\n<head>\r\n'
        '<meta http-equiv=Content-Type content="text/html; charset=windows-1252">\r\n'
        '<meta name=ProgId content=Excel.Sheet>\r\n'
        '<style>\r\n<!--table {mso-displayed-decimal-separator:"\\,"; mso-displayed-thousand-separator:"\\.";}\r\n'
        '.xl67 {font-weight:700; border:.5pt solid windowtext; mso-number-format:"\\@";}\r\n-->\r\n</style>\r\n'
        '<!--[if gte mso 9]><xml>\r\n <x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>'
        '<x:Name>DIP</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook>\r\n</xml><![endif]-->\r\n'
        '<script type="text/javascript">var rows = "<table><tr><td>bukan tabel</td></tr></table>";</script>\r\n'
        '</head>\r\n<body>\r\n'
        '<table border=0 cellpadding=0 cellspacing=0>\r\n'
        '<tr><td colspan=9 class=xl65>PEMERINTAH KABUPATEN SERANG</td></tr>\r\n'
        '<tr><td colspan=9 class=xl65>DAFTAR INFORMASI PUBLIK DINAS KESEHATAN TAHUN 2026</td></tr>\r\n'
        '</table>\r\n'
        '<table border=1 cellpadding=0 cellspacing=0 width=1200 style=\'border-collapse:collapse\'>\r\n'
        '<col width=40><col width=300>\r\n'
    )
    body = header_rows()
    body += '<tr><td colspan=9 class=xl72><b>A. INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA</b></td></tr>\r\n'
    n = 0
    for k, item in enumerate(items):
        n += 1
        pj = '  <td rowspan=3 class=xl69>Kepala Dinas<br>Kesehatan</td>\r\n' if k == 0 else ''
        body += item_row(n, item, pj)
    for k in range(extra):
        n += 1
        body += item_row(n, (f"Dokumen pelaksanaan anggaran kegiatan nomor {k + 1}", "Sub Bagian Keuangan", "2025",
                             "Serang", "v", "v", "5 tahun", None),
                         '  <td class=xl69>Kepala Dinas</td>\r\n')
    body += '<tr><td colspan=9 class=xl72><b>B. INFORMASI YANG WAJIB DIUMUMKAN SECARA SERTA MERTA</b></td></tr>\r\n'
    for item in serta_merta:
        n += 1
        body += item_row(n, item, '  <td class=xl69>Kepala Bidang P2P</td>\r\n')
    tail = (
        '</table>\r\n<br>\r\n<table border=0>\r\n'
        '<tr><td colspan=6></td><td colspan=3>Serang, 12 Maret 2026</td></tr>\r\n'
        '<tr><td colspan=6></td><td colspan=3>Kepala Dinas Kesehatan</td></tr>\r\n'
        '<tr><td colspan=6></td><td colspan=3>NIP 19700101 199503 1 001</td></tr>\r\n'
        '</table>\r\n</body>\r\n</html>\r\n'
    )
    return head + body + tail


def layout_page():
    rows = ''.join(
        f'<tr><td>{k + 1}</td><td>{r}</td><td>{p}</td><td>PPID Pelaksana</td><td>{w}, {t}</td>'
        f'<td>{"Cetak, Elektronik" if c and e else "Cetak" if c else "Elektronik"}</td><td>{ret}</td><td>Berkala</td></tr>\n'
        for k, (r, p, w, t, c, e, ret, _) in enumerate(ITEMS))
    rows = rows.replace('\x96', '\u2013')
    return (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<title>DIP Dinas Kesehatan</title>\n'
        '<style>td { padding: 2px }</style>\n</head>\n<body>\n'
        '<table class="nav"><tr><td><a href="/">Beranda</a></td><td><a href="/dip">DIP</a></td></tr></table>\n'
        '<table class="layout" width="100%"><tr><td valign="top">\n'
        '  <h2>Daftar Informasi Publik</h2>\n'
        '  <table class="data" border="1">\n'
        '   <caption>Daftar Informasi Publik Dinas Kesehatan</caption>\n'
        '   <thead><tr><th>No</th><th>Ringkasan Isi Informasi</th><th>Pejabat yang Menguasai Informasi</th>'
        '<th>Penanggung Jawab</th><th>Waktu dan Tempat Pembuatan</th><th>Bentuk Informasi</th>'
        '<th>Jangka Waktu Penyimpanan</th><th>Jenis Informasi</th></tr></thead>\n'
        '   <tbody>\n' + rows + '   </tbody>\n  </table>\n'
        '</td></tr></table>\n</body>\n</html>\n'
    )


def write(out, name, data):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)


def main(argv):
    large = None
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == '--large':
            large = int(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    out = args[0] if args else 'html-exports'
    os.makedirs(out, exist_ok=True)
    # windows-1252 bytes as written: \x96 en dash, \x93/\x94 curly quotes.
    write(out, 'sipd-export.xls', sipd_page(ITEMS, SERTA_MERTA).encode('latin-1'))
    write(out, 'web-layout.html', layout_page().encode('utf-8'))
    unicode_page = sipd_page(ITEMS, SERTA_MERTA).encode('latin-1').decode('cp1252')
    unicode_page = unicode_page.replace('charset=windows-1252', 'charset=unicode')
    write(out, 'unicode-export.xls', b'\xff\xfe' + unicode_page.encode('utf-16-le'))
    write(out, 'tanpa-tabel.html', b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Login</title></head>'
                                   b'<body><form><p>Silakan masuk terlebih dahulu.</p></form></body></html>\n')
    if large:
        write(out, 'large-export.xls', sipd_page(ITEMS, SERTA_MERTA, extra=large).encode('latin-1'))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
