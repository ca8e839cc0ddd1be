import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Intake

/// Hand-made submissions, one per layout of DIP.md §6.
final class LayoutTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("intake")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ text: String, _ name: String = "dip.csv") throws -> String {
        try write(Array(text.utf8), name)
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func codes(_ r: SubmissionResult, except ignored: Set<String> = ["delimiter-guess"]) -> [String] {
        r.problems.map(\.code).filter { !ignored.contains($0) }
    }

    static let header = "No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu dan Tempat;Bentuk Informasi;Retensi;Jenis Informasi"

    /// A list with its header and no item is refused, never read as the withdrawal of every item
    /// (an empty file sent by mistake would wipe the unit's DIP); the unit that really holds
    /// nothing any more is told to tell the PPID, who withdraws its items (session 25: the hint
    /// only said to fill the list, leaving a merged unit no way to be heard).
    func testAnEmptyListIsRefusedAndTheUnitIsToldWhoWithdrawsItsItems() throws {
        let r = readSubmission(at: try write(Self.header + "\n"))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(codes(r), ["empty-table"])
        let hint = try XCTUnwrap(r.problems.first { $0.code == "empty-table" }?.hint)
        XCTAssertTrue(hint.contains("Daftar kosong tidak diterima agar berkas kosong yang terkirim tanpa sengaja tidak menghapus "
            + "DIP unit Anda"), hint)
        XCTAssertTrue(hint.contains("sampaikan kepada PPID, yang menarik informasinya dari DIP."), hint)
    }

    /// A cell no spreadsheet cell can hold (only a CSV or a generated file can carry one)
    /// would stop every workbook dip writes: its row is not taken, and the unit is told.
    func testOverlongCellRowIsNotTakenAndTheUnitIsTold() throws {
        let long = "Laporan " + String(repeating: "sangat panjang ", count: 2_500)  // 37,507 once trimmed
        let text = [Self.header,
                    "1;\(long);Bidang A;Kepala;2026, Serang;Softcopy;5 tahun;Berkala",
                    "2;Rencana kerja 2026;Bidang A;Kepala;2026, Serang;Softcopy;5 tahun;Berkala"].joined(separator: "\r\n")
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.map(\.nomor), ["2"])
        let problem = try XCTUnwrap(r.problems.first { $0.code == "cell-too-long" })
        XCTAssertEqual(problem.row, 2)
        XCTAssertEqual(problem.column, "B")
        XCTAssertEqual(problem.columnName, "Ringkasan Isi Informasi")
        XCTAssertEqual(problem.severity, .warning)
        XCTAssertTrue(problem.message.contains("(37.507 karakter;"), problem.message)
        // Exactly at the limit is still a cell.
        let limit = String(repeating: "a", count: 32_767)
        let atLimit = readSubmission(at: try write([Self.header, "1;\(limit);Bidang A;Kepala;2026, Serang;Softcopy;5 tahun;Berkala"]
            .joined(separator: "\r\n"), "limit.csv"))
        XCTAssertEqual(atLimit.items.map(\.ringkasan.count), [32_767])
        XCTAssertFalse(codes(atLimit).contains("cell-too-long"))
    }

    // MARK: Delimiters and encodings

    func testSemicolonCommaAndTabGiveTheSameItems() throws {
        let rows = [
            ["No", "Ringkasan Isi Informasi", "Pejabat/Unit yang Menguasai Informasi", "Penanggung Jawab", "Waktu dan Tempat Pembuatan", "Bentuk Informasi", "Retensi Arsip", "Kategori"],
            ["1.", "Profil  Kecamatan", "Sekretariat", "Camat", "Serang, 2026", "Hard & Soft File", "5 Thn", "Berkala"],
            ["2", "Rencana kerja, tahun 2026", "Seksi Pemerintahan", "Camat", "2026 / Serang", "Soft Copy", "Selama berlaku", "setiap saat"],
        ]
        var results: [SubmissionResult] = []
        for (d, name) in [(";", "semi.csv"), (",", "comma.csv"), ("\t", "tab.csv")] {
            let text = rows.map { $0.map { $0.contains(d) ? "\"\($0)\"" : $0 }.joined(separator: d) }
                .joined(separator: "\r\n")
            results.append(readSubmission(at: try write(text, name)))
        }
        for r in results {
            XCTAssertEqual(r.status, .accepted)
            XCTAssertEqual(r.items.count, 2)
            guard r.items.count == 2 else { continue }
            let a = r.items[0], b = r.items[1]
            XCTAssertEqual(a.nomor, "1")
            XCTAssertEqual(a.ringkasan, "Profil Kecamatan")
            XCTAssertEqual(a.waktuPembuatan, "Serang, 2026")
            XCTAssertEqual(a.tempatPembuatan, "")
            XCTAssertEqual(a.waktuNormalised, "2026")
            XCTAssertEqual(a.tempatNormalised, "Serang")
            XCTAssertEqual(a.form, InformationForm(printed: true, electronic: true))
            XCTAssertEqual(a.retention, .years(5))
            XCTAssertEqual(a.kategori, .berkala)
            XCTAssertEqual(b.ringkasan, "Rencana kerja, tahun 2026")
            XCTAssertEqual(b.form, InformationForm(printed: false, electronic: true))
            XCTAssertEqual(b.retention, .whileValid)
            XCTAssertEqual(b.kategori, .setiapSaat)
            XCTAssertEqual(b.source.row, 3)
            XCTAssertEqual(codes(r), [])
        }
        XCTAssertEqual(results.map(\.dialect), ["pemisah ;, UTF-8", "pemisah ,, UTF-8", "pemisah tab, UTF-8"])
    }

    func testWindows1252CSV() throws {
        var bytes = Array((Self.header + "\r\n1;Daftar ").utf8) + [0x93] + Array("caf".utf8) + [0xE9, 0x94]
        bytes += Array(" kantin;Sekretariat;Camat;2026, Serang;Hardcopy;Permanen;Berkala\r\n".utf8)
        let r = readSubmission(at: try write(bytes, "ansi.csv"))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.map(\.ringkasan), ["Daftar \u{201C}café\u{201D} kantin"])
        XCTAssertEqual(codes(r), ["encoding-guess"])
        XCTAssertEqual(r.dialect, "pemisah ;, Windows-1252")
        // The encoding is said once, with what to check, not also in the dialect note above it.
        let notes = r.problems.filter { $0.severity == .info }.map(\.message)
        XCTAssertEqual(notes, ["File CSV dibaca dengan pemisah kolom titik koma (;).",
                               "File CSV ini bukan UTF-8; dibaca sebagai Windows-1252."])
    }

    /// Excel's "Teks Unicode (*.txt)" save (UTF-16LE with a BOM, tab-separated) is read like a
    /// CSV, and the unit is told which encoding was read (it was refused before session 22).
    func testExcelUnicodeTextIsRead() throws {
        let text = [Self.header.replacingOccurrences(of: ";", with: "\t"),
                    "1\tPeraturan Bupati tentang Pajak Daerah\tBagian Hukum\tKepala Bagian\t2026, Serang\tSoftcopy\t5 tahun\tBerkala",
                    "2\t\"Laporan \u{201C}Keuangan\u{201D}\r\nTriwulan\"\tBPKAD\tKepala Badan\t2026, Serang\tHardcopy\tPermanen\tSetiap Saat"]
            .joined(separator: "\r\n") + "\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let r = readSubmission(at: try write(bytes, "DIP Unicode.txt"))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.map(\.ringkasan), ["Peraturan Bupati tentang Pajak Daerah", "Laporan \u{201C}Keuangan\u{201D}\nTriwulan"])
        XCTAssertEqual(r.items.map(\.source.row), [2, 3])
        XCTAssertEqual(r.dialect, "pemisah tab, UTF-16LE (Teks Unicode)")
        XCTAssertEqual(codes(r), [])
        XCTAssertEqual(r.problems.map(\.message), ["File CSV dibaca dengan pemisah kolom tab dan pengodean UTF-16LE (Teks Unicode)."])
    }

    /// A CSV saved from a sheet whose group title was merged over two sub-titles keeps the
    /// title on its first column and empty fields after it: the sub-title row is the header's
    /// second row, and its field names name the columns (before session 22 the row was an
    /// ignored row and the fields were missing).
    func testCSVGroupTitleOverSubTitles() throws {
        let text = ["No;Ringkasan Isi Informasi;Penguasaan Informasi;;Waktu dan Tempat Pembuatan;Bentuk Informasi;Retensi;Jenis Informasi",
                    ";;Pejabat yang Menguasai Informasi;Penanggung Jawab;;;;",
                    "1;Rencana Strategis 2021-2026;Sekretariat;Kepala Dinas;2026, Serang;Softcopy;5 tahun;Berkala"].joined(separator: "\r\n")
        let r = readSubmission(at: try write(text, "group.csv"))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.map(\.pejabatPenguasa), ["Sekretariat"])
        XCTAssertEqual(r.items.map(\.penanggungJawab), ["Kepala Dinas"])
        XCTAssertEqual(r.items.map(\.source.row), [3])
        XCTAssertEqual(codes(r), [])
    }

    /// A header typed with `;` over rows exported with `,` (and the reverse): the unit is told
    /// the file, both delimiters and what to do, not "Tabel DIP tidak ditemukan" quoting the
    /// header glued into one cell (before session 22), nor an empty table.
    func testHeaderAndRowsWithDifferentDelimitersAreNamed() throws {
        let rows = ["1,Rencana Strategis 2021-2026,Sekretariat,Kepala Dinas,\"2026, Serang\",Softcopy,5 tahun,Berkala",
                    "2,Laporan Keuangan 2025,Sekretariat,Kepala Dinas,\"2026, Serang\",Hardcopy,Permanen,Berkala",
                    "3,Daftar Aset,Bidang Aset,Kepala Bidang,\"2026, Serang\",Softcopy,5 tahun,Setiap Saat"]
        let semicolonHeader = readSubmission(at: try write(([Self.header] + rows).joined(separator: "\r\n"), "campur.csv"))
        XCTAssertEqual(semicolonHeader.status, .refused)
        XCTAssertEqual(semicolonHeader.problems.map(\.code), ["delimiter-mixed"])
        XCTAssertEqual(semicolonHeader.problems[0].row, 1)
        XCTAssertEqual(semicolonHeader.problems[0].message,
                       "File CSV \"campur.csv\" memakai dua pemisah kolom yang berbeda: baris 1 (judul kolom) dipisah dengan "
                       + "titik koma (;), sedangkan baris 2 dan seterusnya dipisah dengan koma (,), sehingga kolom-kolomnya "
                       + "tidak dapat dibaca.")
        XCTAssertEqual(semicolonHeader.problems[0].hint,
                       "Samakan pemisah kolomnya: ganti pemisah pada baris 1 (judul kolom) menjadi koma (,) seperti baris "
                       + "lainnya, lalu kirim ulang; atau salin tabelnya ke Excel dan kirim dalam bentuk .xlsx.")
        // The reverse, with a title line above the header.
        let commaHeader = "DAFTAR INFORMASI PUBLIK\r\n" + Self.header.replacingOccurrences(of: ";", with: ",") + "\r\n"
            + rows.map { $0.replacingOccurrences(of: "\"2026, Serang\"", with: "2026 Serang").replacingOccurrences(of: ",", with: ";") }
                .joined(separator: "\r\n")
        let reverse = readSubmission(at: try write(commaHeader, "balik.csv"))
        XCTAssertEqual(reverse.status, .refused)
        XCTAssertEqual(reverse.problems.map(\.message), [
            "File CSV \"balik.csv\" memakai dua pemisah kolom yang berbeda: baris 2 (judul kolom) dipisah dengan koma (,), "
                + "sedangkan baris 3 dan seterusnya dipisah dengan titik koma (;), sehingga kolom-kolomnya tidak dapat dibaca."])
        // A `;` list with a note line full of commas is read as before.
        let note = [Self.header, "Catatan: diisi per bidang, per tahun, per semester, per jenis",
                    "1;Rencana Strategis 2021-2026;Sekretariat;Kepala Dinas;2026, Serang;Softcopy;5 tahun;Berkala"]
        let fine = readSubmission(at: try write(note.joined(separator: "\r\n"), "catatan.csv"))
        XCTAssertEqual(fine.status, .accepted)
        XCTAssertEqual(fine.items.map(\.nomor), ["1"])
    }

    /// A `sep=` line whose separator is a NUL (a damaged line) is skipped and the delimiter
    /// sniffed; before session 22 the NUL was honoured and the header read as one cell.
    func testSepLineWithANulIsSkippedAndTheDelimiterSniffed() throws {
        let text = "sep=\u{0}\n" + Self.header.replacingOccurrences(of: ";", with: ",")
            + "\n1,Rencana Strategis 2021-2026,Sekretariat,Kepala Dinas,2026,Softcopy,5 tahun,Berkala\n"
        let r = readSubmission(at: try write(text, "sep-nul.csv"))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.map(\.ringkasan), ["Rencana Strategis 2021-2026"])
        XCTAssertEqual(r.items.map(\.source.row), [2])
        XCTAssertEqual(r.dialect, "pemisah ,, UTF-8")
    }

    func testEmbeddedLineBreaksKeepRecordNumbers() throws {
        let text = "\u{FEFF}" + Self.header + "\r\n1;\"Baris satu\nbaris dua\";Sekretariat;Camat;2026;\"Cetak\r\ndan Online\";1 tahun;Berkala\r\n2;Kedua;Sekretariat;Camat;2026;Softcopy;1 tahun;Berkala\r\n"
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.items.map(\.source.row), [2, 3])
        XCTAssertEqual(r.items[0].ringkasan, "Baris satu\nbaris dua")
        XCTAssertEqual(r.items[0].bentuk, "Cetak\ndan Online")
        XCTAssertEqual(r.items[0].form, InformationForm(printed: true, electronic: true))
        XCTAssertEqual(r.items[0].waktuNormalised, "2026")
        XCTAssertNil(r.items[0].tempatNormalised)
    }

    // MARK: Report-style layouts

    func testTitleRowsSectionsSubgroupsSignatureAndRepeatedHeaders() throws {
        let text = """
            DAFTAR INFORMASI PUBLIK;;;;;;
            KECAMATAN CIKANDE TAHUN 2026;;;;;;
            ;;;;;;
            NO.;RINGKASAN INFORMASI;PEJABAT/UNIT/SATKER YANG MENGUASI INFORMASI;PENANGGUNGJAWAB PEMBUATAN ATAU PENERBITAN INFORMASI;TEMPAT DAN WAKTU PEMBUATAN;FORMAT INFORMASI YANG TERSEDIA;JANGKA WAKTU PENYIMPANAN ATAU RETENSI ARSIP
            1;2;3;4;5;6;7
            A. INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA;;;;;;
            1.;Informasi tentang Profil Badan Publik;;;;;
            a.;Struktur organisasi kecamatan;Sekretariat;Camat;Cikande, 2026;Softcopy;Selama berlaku
            b.;Profil pejabat struktural;Sekretariat;Camat;Cikande, 2026;Softcopy;Selama berlaku
            2.;Ringkasan Laporan Keuangan;;;;;
            a.;Laporan realisasi anggaran 2025;Subbag Keuangan;Camat;Cikande, 2026;Hardcopy;10 (sepuluh) tahun
            ;;;;;;
            B. INFORMASI YANG WAJIB DIUMUMKAN SECARA SERTA MERTA;;;;;;
            NO.;RINGKASAN INFORMASI;PEJABAT/UNIT/SATKER YANG MENGUASI INFORMASI;PENANGGUNGJAWAB PEMBUATAN ATAU PENERBITAN INFORMASI;TEMPAT DAN WAKTU PEMBUATAN;FORMAT INFORMASI YANG TERSEDIA;JANGKA WAKTU PENYIMPANAN ATAU RETENSI ARSIP
            1;Informasi banjir dan jalur evakuasi;Seksi Trantib;Camat;Saat terjadi, Cikande;Softcopy;Sampai keadaan darurat berakhir
            C. SETIAP SAAT;;;;;;
            1;Daftar informasi publik;Sekretariat;Camat;2026, Cikande;Softcopy;Selama berlaku
            ;;;;;;
            ;;;;Cikande, 12 Maret 2026;;
            ;;;;Camat Cikande;;
            ;;;;;;
            ;;;;Drs. H. Ahmad Fauzi, M.Si;;
            ;;;;NIP 19700101 199003 1 001;;
            """
        let r = readSubmission(at: try write(text, "laporan.csv"))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.map(\.nomor), ["a", "b", "a", "1", "1"])
        XCTAssertEqual(r.items.map(\.source.row), [8, 9, 11, 15, 17])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .berkala, .sertaMerta, .setiapSaat])
        XCTAssertEqual(r.items.map(\.subkelompok), [
            "Informasi tentang Profil Badan Publik", "Informasi tentang Profil Badan Publik",
            "Ringkasan Laporan Keuangan", nil, nil,
        ])
        XCTAssertEqual(r.items[0].kategoriText, "A. INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA")
        XCTAssertEqual(r.items[2].retention, .years(10))
        XCTAssertEqual(r.items[3].retention, .untilEvent("keadaan darurat berakhir"))
        XCTAssertEqual(r.items[3].waktuNormalised, "Saat terjadi")
        XCTAssertEqual(r.items[3].tempatNormalised, "Cikande")
        XCTAssertEqual(codes(r), [])
    }

    func testTwoRowHeaderWithCetakOnlineTicks() throws {
        let text = """
            No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu;Tempat;Bentuk Informasi;;Retensi;Jenis
            ;;;;;;Cetak;Online;;
            1;Renstra 2021-2026;Subbag Program;Kepala Dinas;2021;Serang;✓;✓;5 tahun;Berkala
            2;LKjIP 2025;Subbag Program;Kepala Dinas;2026;Serang;v;;5 tahun;Berkala
            3;Agenda kegiatan;Subbag Umum;Kepala Dinas;2026;Serang;tidak;ada;1 tahun;Berkala
            4;Peta rawan bencana;Bidang Teknis;Kepala Dinas;2025;Serang;;-;1 tahun;Berkala
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.items.map(\.bentuk), ["Cetak dan Online", "Cetak", "Online", ""])
        XCTAssertEqual(r.items.map(\.form.printed), [true, true, false, false])
        XCTAssertEqual(r.items.map(\.source.row), [3, 4, 5, 6])
        XCTAssertEqual(r.items[0].waktuPembuatan, "2021")
        XCTAssertEqual(r.items[0].tempatPembuatan, "Serang")
        let missing = r.problems.filter { $0.code == "missing-value" }
        XCTAssertEqual(missing.map(\.row), [6])
        XCTAssertEqual(missing.map(\.column), ["G"])
        XCTAssertEqual(missing.map(\.columnName), ["Bentuk Informasi / Cetak"])
    }

    func testTwoRowHeaderSplittingWaktuTempat() throws {
        let text = """
            No;Ringkasan Informasi;Unit Kerja;Penanggung Jawab;Waktu dan Tempat Pembuatan;;Bentuk;Retensi
            ;;;;Waktu;Tempat;;
            1;Profil RSUD;Bagian Umum;Direktur;2026;Serang;Softcopy;Selama berlaku
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.items.count, 1)
        XCTAssertEqual(r.items[0].waktuPembuatan, "2026")
        XCTAssertEqual(r.items[0].tempatPembuatan, "Serang")
        XCTAssertEqual(codes(r), ["missing-category"])
    }

    func testNumberedSectionsAndSignatureInFirstColumn() throws {
        let text = Self.header.replacingOccurrences(of: ";Jenis Informasi", with: "") + """

            I;INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA;;;;;
            1;Profil;Sekretariat;Kepala;2026, Serang;Softcopy;Selama berlaku
            II;INFORMASI YANG WAJIB DIUMUMKAN SERTA-MERTA;;;;;
            1;Peringatan dini banjir;Bidang Darurat;Kepala;Saat terjadi, Serang;Softcopy;1 tahun
            3. Informasi yang dikecualikan;;;;;;
            1;Data pribadi pasien;Bidang Yankes;Kepala;2026, Serang;Hardcopy;Permanen
            Mengetahui,;;;;;;
            Kepala Dinas;;;;;;
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.items.map(\.ringkasan), ["Profil", "Peringatan dini banjir", "Data pribadi pasien"])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .sertaMerta, .dikecualikan])
        XCTAssertEqual(r.items.map(\.subkelompok), [nil, nil, nil])
        XCTAssertEqual(r.items[1].kategoriText, "II INFORMASI YANG WAJIB DIUMUMKAN SERTA-MERTA")
        XCTAssertEqual(codes(r), [])
    }

    func testHeadingInNomorColumnIsASubgroup() throws {
        let text = Self.header + """

            Bidang Pelayanan Pendaftaran Penduduk;;;;;;;
            1;Persyaratan KTP-el;Bidang Dafduk;Kepala Dinas;2026 / Serang;Softcopy;Selama berlaku;Setiap Saat
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.items.map(\.subkelompok), ["Bidang Pelayanan Pendaftaran Penduduk"])
        XCTAssertEqual(r.items.map(\.source.row), [3])
        XCTAssertEqual(codes(r), [])
    }

    // MARK: Problems

    /// A retention dip cannot read ("-") is printed as written in the DIP Lampiran, and `dip
    /// approve` asks the PPID to have the unit write a period: the unit is told so as a warning
    /// with what to write, not as a note "tidak perlu diperbaiki" without its hint. "Sesuai JRA"
    /// is not such a text (session 22): it states the retention by the Jadwal Retensi Arsip the
    /// regency must have (UU 43/2009 Pasal 48 ayat (1)); it was warned on every row of a list that
    /// used it throughout.
    func testAnUnreadableRetentionIsAWarningToFix() throws {
        let text = Self.header + """

            1;Profil dinas;Sekretariat;Kepala Dinas;2026, Serang;Softcopy;-;Berkala
            2;Rencana kerja;Sekretariat;Kepala Dinas;2026, Serang;Softcopy;Sesuai JRA;Berkala
            3;Laporan kinerja;Sekretariat;Kepala Dinas;2026, Serang;Softcopy;5 tahun;Berkala
            """
        let r = readSubmission(at: try write(text))
        let unread = r.problems.filter { $0.code == "retention-unknown" }
        XCTAssertEqual(unread.map(\.row), [2])
        XCTAssertEqual(r.items.map(\.retention), [.unknown, .retentionSchedule, .years(5)])
        XCTAssertTrue(unread.allSatisfy { $0.severity == .warning }, "\(unread)")
        XCTAssertTrue(unread.allSatisfy { $0.hint.contains("Lampiran Keputusan Penetapan DIP mencetak isian ini apa adanya") })
    }

    func testProblemsAreReportedPerCell() throws {
        let text = Self.header + """

            1;Profil dinas;Sekretariat;Kepala Dinas;2026, Serang;Softcopy;2026;Berkala
            2;Data pegawai;;Kepala Dinas;2026, Serang;Softcopy;5 tahun;Rahasia Negara
            3;Profil Dinas;Sekretariat;;;Softcopy;5 tahun;Sangat penting
            4;Rencana kerja;Sekretariat;Kepala Dinas;2026, Serang;Softcopy;5 tahun;
            5;Laporan berkala;;;;;;Berkala
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.count, 5)
        let got = r.problems.filter { $0.code != "delimiter-guess" }
            .map { "\($0.row ?? 0) \($0.column ?? "-") \($0.code) \($0.severity.rawValue)" }
        XCTAssertEqual(got, [
            "2 G retention-bare-year warning",
            "3 C missing-value warning",
            "4 B duplicate-item warning",
            "4 D missing-value warning",
            "4 E missing-value warning",
            "4 H unknown-category warning",
            "5 H missing-category info",
            "6 C missing-value warning",
            "6 D missing-value warning",
            "6 E missing-value warning",
            "6 F missing-value warning",
            "6 G missing-value warning",
        ])
        XCTAssertEqual(r.items[1].kategori, .dikecualikan)  // "Rahasia Negara" names the exempt category
        let dup = r.problems.first { $0.code == "duplicate-item" }!
        XCTAssertEqual(dup.message, "Ringkasan informasi ini sama dengan baris 2.")
        XCTAssertEqual(dup.columnName, "Ringkasan Isi Informasi")
        let missing = r.problems.first { $0.code == "missing-value" }!
        XCTAssertEqual(missing.columnName, "Pejabat yang Menguasai Informasi")
        XCTAssertEqual(missing.message, "Kolom pejabat atau unit yang menguasai informasi kosong.")
    }

    func testHeaderTyposAndMissingColumn() throws {
        let text = """
            Nomor;Ringkasan Informsi;Pejabat Penguasa Informasi;Penangung Jawab;Waktu Pembuatan;Jangka Waktu Penyimpanana
            1;Profil;Sekretariat;Kepala;2026;Permanen
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.items.count, 1)
        XCTAssertEqual(r.items[0].penanggungJawab, "Kepala")
        XCTAssertEqual(r.items[0].waktuPembuatan, "2026")
        XCTAssertEqual(r.items[0].retention, .permanent)
        XCTAssertEqual(codes(r), ["missing-column", "missing-category"])
        let missing = r.problems.first { $0.code == "missing-column" }!
        XCTAssertEqual(missing.row, 1)
        XCTAssertEqual(missing.message, "Kolom Bentuk Informasi yang Tersedia tidak ditemukan pada judul tabel.")
    }

    func testNoTableIsRefused() throws {
        let r = readSubmission(at: try write("Nama;Alamat\nAni;Serang\n"))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(codes(r), ["no-dip-table"])
        XCTAssertEqual(r.items, [])
        // The unit reads which row was taken for the header and what it holds.
        XCTAssertEqual(r.problems.first?.row, 1)
        XCTAssertTrue(r.problems.first?.message.contains("baris 1 berisi judul kolom \"Nama\", \"Alamat\"") == true,
                      r.problems.first?.message ?? "")
    }

    func testRefusedFileTypes() throws {
        let cases: [(String, [UInt8], String)] = [
            ("kosong.xlsx", [], "file-empty"),
            ("lama.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504), "legacy-or-encrypted"),
            ("surat.pdf", Array("%PDF-1.4\n".utf8), "unsupported-type"),
            ("rusak.xlsx", [0x01, 0x02, 0x00, 0x00, 0xFF, 0x00, 0x13], "corrupt-file"),
            ("gambar.png", [0x89, 0x50, 0x4E, 0x47], "unsupported-type"),
        ]
        for (name, bytes, code) in cases {
            let r = readSubmission(at: try write(bytes, name))
            XCTAssertEqual(r.status, .refused, name)
            XCTAssertEqual(r.problems.map(\.code), [code], name)
            XCTAssertEqual(r.problems.first?.file, name)
            XCTAssertNotNil(r.reason)
        }
        let cfb = readSubmission(at: try write([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504), "x.xlsx"))
        XCTAssertTrue(cfb.reason!.contains("simpan ulang sebagai .xlsx"))
        XCTAssertTrue(cfb.reason!.contains("tanpa kata sandi"))
        let missing = readSubmission(at: dir.appendingPathComponent("tidak-ada.xlsx").path)
        XCTAssertEqual(missing.problems.map(\.code), ["file-unreadable"])
    }

    func testCSVSavedWithAnXLSXNameIsReadAsText() throws {
        let r = readSubmission(at: try write(Self.header + "\n1;Profil;Sekretariat;Kepala;2026;Softcopy;5 tahun;Berkala\n", "salah-nama.xlsx"))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.map(\.ringkasan), ["Profil"])
    }

    /// Web applications export a tab-separated UTF-16 text named .xls (with or without a BOM):
    /// read as the text it is. A UTF-16 web page named .xls is still told to be a web page.
    /// Before session 22 the BOM-less one was "File .xls ini tidak dapat dibaca" and the page
    /// was read as a CSV.
    func testUTF16TextAndPageNamedXLS() throws {
        let text = [Self.header.replacingOccurrences(of: ";", with: "\t"),
                    "1\tProfil Dinas\tSekretariat\tKepala Dinas\t2026, Serang\tSoftcopy\t5 tahun\tBerkala"]
            .joined(separator: "\r\n") + "\r\n"
        let le = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for (name, bytes) in [("tanpa-bom.xls", le), ("dengan-bom.xls", [0xFF, 0xFE] + le)] {
            let r = readSubmission(at: try write(bytes, name))
            XCTAssertEqual(r.status, .accepted, name)
            XCTAssertEqual(r.items.map(\.ringkasan), ["Profil Dinas"], name)
            XCTAssertEqual(r.dialect, "pemisah tab, UTF-16LE (Teks Unicode)", name)
        }
        // A UTF-16 web page named .xls is a page, read as one (session 23; refused before).
        let page = "<html><body><table><tr><td>No</td><td>Ringkasan Isi Informasi</td><td>Jenis</td></tr>"
            + "<tr><td>1</td><td>Profil Dinas</td><td>Berkala</td></tr></table></body></html>"
        let r = readSubmission(at: try write([0xFF, 0xFE] + page.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "halaman.xls"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.ringkasan), ["Profil Dinas"])
        XCTAssertEqual(r.dialect, "halaman web (HTML), UTF-16LE")
    }

    /// Binary data behind a UTF-16 BOM is refused as binary, with the words a binary file
    /// without a BOM gets (it was read as UTF-16 text: "Tabel DIP tidak ditemukan").
    func testBinaryBehindAUTF16BOMIsRefusedAsBinary() throws {
        var state: UInt64 = 42
        let random: [UInt8] = (0..<20_000).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        // The same bytes without a BOM, with NULs in them: how other binaries are answered.
        let plain = readSubmission(at: try write([0x89, 0x50, 0x4E, 0x47, 0, 0] + random, "gambar.csv"))
        XCTAssertEqual(plain.problems.map(\.code), ["unsupported-type"])
        for (name, bom) in [("le.csv", [UInt8(0xFF), 0xFE]), ("be.csv", [0xFE, 0xFF]), ("le.txt", [0xFF, 0xFE])] {
            let r = readSubmission(at: try write(bom + random, name))
            XCTAssertEqual(r.status, .refused, name)
            XCTAssertEqual(r.problems.map(\.code), ["unsupported-type"], name)
            XCTAssertEqual(r.problems.first?.message, plain.problems.first?.message, name)
            XCTAssertEqual(r.problems.first?.message, "File ini bukan teks CSV (berisi data biner).", name)
        }
        // Named .xls, it gets what a binary .xls without a BOM gets.
        let xls = readSubmission(at: try write([0xFF, 0xFE] + random, "data.xls"))
        let plainXLS = readSubmission(at: try write([0x89, 0x50, 0x4E, 0x47, 0, 0] + random, "gambar.xls"))
        XCTAssertEqual(xls.problems.map(\.message), plainXLS.problems.map(\.message))
        XCTAssertFalse(xls.problems.contains { $0.code == "no-dip-table" })
    }

    func testTextReportCapsProblemsPerCode() throws {
        var text = Self.header + "\n"
        for k in 1...25 { text += "\(k);Informasi \(k);;Kepala;2026;Softcopy;5 tahun;Berkala\n" }
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.problems.filter { $0.code == "missing-value" }.count, 25)
        let report = checkReportText([r])
        XCTAssertEqual(report.components(separatedBy: "Kolom pejabat atau unit yang menguasai informasi kosong.").count - 1, 20)
        XCTAssertTrue(report.contains("… dan 5 masalah lain berkode missing-value (lihat --format json)."), report)
        XCTAssertTrue(report.contains("DITERIMA, 25 informasi (pemisah ;, UTF-8)"), report)
    }

    func testDisplayNameIsUsedInProblems() throws {
        let r = readSubmission(at: try write("Nama;Alamat\nAni;Serang\n"), displayName: "dinkes/usulan.csv")
        XCTAssertEqual(r.problems.first?.file, "dinkes/usulan.csv")
    }

    // MARK: JSON

    func testCheckJSONShape() throws {
        let r = readSubmission(at: try write(Self.header + "\n1.;Profil;Sekretariat;Kepala;2026 / Serang;Softcopy;5 (lima) tahun;Berkala\n"))
        let data = try CheckReport([r]).jsonData()
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let file = try XCTUnwrap((json["files"] as? [[String: Any]])?.first, "no file in \(json)")
        XCTAssertEqual(file["status"] as? String, "accepted")
        let item = try XCTUnwrap((file["items"] as? [[String: Any]])?.first, "no item in \(file)")
        XCTAssertEqual(item["nomor"] as? String, "1")
        XCTAssertEqual(item["row"] as? Int, 2)
        XCTAssertEqual(item["kategori"] as? String, "berkala")
        XCTAssertEqual(item["kategori_teks"] as? String, "Berkala")
        XCTAssertEqual(item["waktu_normal"] as? String, "2026")
        XCTAssertEqual(item["tempat_normal"] as? String, "Serang")
        XCTAssertEqual(item["bentuk_normal"] as? [String: Bool], ["cetak": false, "elektronik": true])
        let retensi = try XCTUnwrap(item["retensi_normal"] as? [String: Any])
        XCTAssertEqual(retensi["jenis"] as? String, "tahun")
        XCTAssertEqual(retensi["nilai"] as? Int, 5)
        XCTAssertTrue(item["klasifikasi"] is NSNull)
        let problem = try XCTUnwrap((file["problems"] as? [[String: Any]])?.first, "no problem in \(file)")
        XCTAssertEqual(Set(problem.keys), ["sheet", "row", "column", "column_name", "severity", "code", "message", "hint"])
        // Deterministic: the same input gives the same bytes.
        XCTAssertEqual(try CheckReport([r]).jsonData(), data)
    }
}
