import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Intake

/// Lists as units really keep them (issue 18), in layouts written here: a table found by its
/// title column when legal fields are missing, categories from headings above the header,
/// junk columns, error values and NULLs tolerated.
final class RealListTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("reallist")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ text: String, _ name: String = "dip.csv") throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A semicolon CSV as Excel exports a working sheet: office wording mixed with code names,
    /// an id column, two unnamed trailing columns (one full of #REF!), literal NULLs, trailing
    /// spaces, the first column empty where it continued a merged block, and a last named
    /// column of formula-built SQL full of `;` and quotes. Only three of the seven fields.
    static let workingSheetCSV = [
        "PENANGGUNG JAWAB PEMBUATAN INFORMASI ;id_org;kelompok;jenis informasi;judul ;tahun;link;keterangan;sql_insert;;",
        "Sekretaris Dinas;3604011;Profil Badan Publik;Informasi Berkala;Profil dan struktur organisasi Dinas Kominfo  ;2026;https://ppid.serangkab.example/profil;NULL;\"INSERT INTO dip (judul; kategori) VALUES ('Profil dan struktur organisasi'; 'berkala');\";#REF!;",
        ";3604011;Profil Badan Publik;berkala;Tugas pokok dan fungsi Dinas Kominfo;2026;NULL;;\"INSERT INTO dip VALUES ('Tugas \"\"pokok\"\" dan fungsi'; 'berkala');\";#REF!;",
        ";3604011;Program dan Kegiatan;SM;Peringatan dini cuaca ekstrem;2026;;Dari BMKG;\"INSERT INTO dip VALUES ('Peringatan; dini'; 'sm');\";#REF!;",
        "Kepala Bidang Aplikasi Informatika;3604011;Layanan;Setiap Saat ;Daftar aplikasi layanan publik;2025;www.serangkab.example/aplikasi;;\"INSERT INTO dip VALUES ('Daftar aplikasi'; 'ss');\";#N/A;x",
        ";;;;;;;;\"INSERT INTO dip VALUES (''; '');\";#REF!;",
        ";;;;;;;;;;",
    ].joined(separator: "\r\n") + "\r\n"

    func testWorkingSheetCSVWithOnlyATitleCategoryAndLinkIsAccepted() throws {
        let r = readSubmission(at: try write(Self.workingSheetCSV, "dip-kominfo.csv"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.ringkasan), [
            "Profil dan struktur organisasi Dinas Kominfo", "Tugas pokok dan fungsi Dinas Kominfo",
            "Peringatan dini cuaca ekstrem", "Daftar aplikasi layanan publik",
        ])
        XCTAssertEqual(r.items.map(\.source.row), [2, 3, 4, 5])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .sertaMerta, .setiapSaat])
        XCTAssertEqual(r.items.map(\.subkelompok), ["Profil Badan Publik", "Profil Badan Publik", "Program dan Kegiatan", "Layanan"])
        // The empty first column continues the block above it.
        XCTAssertEqual(r.items.map(\.penanggungJawab), [
            "Sekretaris Dinas", "Sekretaris Dinas", "Sekretaris Dinas", "Kepala Bidang Aplikasi Informatika",
        ])
        XCTAssertEqual(r.items.map(\.waktuPembuatan), ["2026", "2026", "2026", "2025"])
        XCTAssertEqual(r.items.map(\.keterangan), [nil, nil, "Dari BMKG", nil])
        // A link column: a URL kept, NULL and empty dropped, "www." completed.
        XCTAssertEqual(r.items.map(\.tautan), [
            "https://ppid.serangkab.example/profil", nil, nil, "https://www.serangkab.example/aplikasi",
        ])
        // One problem per missing field, on the header row; the junk in one info line.
        let missing = r.problems.filter { $0.code == "missing-column" }
        XCTAssertEqual(missing.map(\.row), [1, 1, 1, 1])
        XCTAssertEqual(missing.count, Set(missing.map(\.message)).count)
        XCTAssertTrue(missing.contains { $0.message.contains("Pejabat/Unit yang Menguasai Informasi") })
        XCTAssertTrue(missing.contains { $0.message.contains("Bentuk Informasi yang Tersedia") })
        XCTAssertTrue(missing.contains { $0.message.contains("Retensi") })
        XCTAssertTrue(missing.contains { $0.message.contains("Nomor") })
        let junk = r.problems.filter { $0.code == "columns-ignored" }
        XCTAssertEqual(junk.count, 1)
        XCTAssertEqual(junk.first?.severity, .info)
        XCTAssertTrue(junk.first?.message.contains("\"id_org\" (B)") == true, junk.first?.message ?? "")
        XCTAssertTrue(junk.first?.message.contains("\"sql_insert\" (I)") == true, junk.first?.message ?? "")
        XCTAssertTrue(junk.first?.message.contains("tanpa judul (J), tanpa judul (K)") == true, junk.first?.message ?? "")
        XCTAssertTrue(junk.first?.message.contains("5 sel berisi nilai galat") == true, junk.first?.message ?? "")
        // Nothing per row about the junk, the NULLs or the continued first column.
        let perRow = r.problems.filter { $0.row != nil && $0.row! > 1 }
        XCTAssertEqual(perRow.map(\.code), [], "\(perRow)")
    }

    /// The classic layout with its first section heading above the header row, then numbered
    /// sub-group rows; later sections between tables, as before.
    func testSectionHeadingAboveTheFirstHeaderRow() throws {
        let text = """
            DAFTAR INFORMASI PUBLIK;;;;;;
            DINAS PERHUBUNGAN KABUPATEN SERANG TAHUN 2026;;;;;;
            ;;;;;;
            A. INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA;;;;;;
            No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu dan Tempat;Bentuk Informasi;Retensi
            1.;Informasi tentang Profil Badan Publik;;;;;
            a.;Struktur organisasi Dinas Perhubungan;Sekretariat;Kepala Dinas;Serang, 2026;Softcopy;Selama berlaku
            2.;Ringkasan Laporan Keuangan;;;;;
            a.;Laporan realisasi anggaran 2025;Subbag Keuangan;Kepala Dinas;Serang, 2026;Hardcopy;10 tahun
            ;;;;;;
            B. INFORMASI YANG WAJIB DIUMUMKAN SECARA SERTA MERTA;;;;;;
            No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu dan Tempat;Bentuk Informasi;Retensi
            1;Penutupan jalan karena banjir;Bidang Lalu Lintas;Kepala Dinas;Saat terjadi, Serang;Softcopy;1 tahun
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.source.row), [7, 9, 13])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .sertaMerta])
        XCTAssertEqual(r.items.first?.kategoriText, "A. INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA")
        XCTAssertEqual(r.items.map(\.subkelompok), [
            "Informasi tentang Profil Badan Publik", "Ringkasan Laporan Keuangan", nil,
        ])
        XCTAssertEqual(r.problems.map(\.code).filter { $0 != "delimiter-guess" }, [])
    }

    /// A list title naming the excluded list is not a category heading.
    /// A short list whose titles are all one word ("Renstra", "LKjIP") under a column headed
    /// "Judul Informasi" in so many words: the heading says which column holds the titles.
    /// Under a heading that does not say so, one-word texts still do not make a title column.
    func testOneWordTitlesUnderAJudulHeadingAreRead() throws {
        let csv = "No;Judul Informasi;Kategori\r\n1;Renstra;Berkala\r\n2;LKjIP;Berkala\r\n"
        let r = readSubmission(at: try write(csv, "dip-bappeda.csv"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.ringkasan), ["Renstra", "LKjIP"])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala])
        let vague = "No;Uraian;Kategori\r\n1;Renstra;Berkala\r\n2;LKjIP;Berkala\r\n"
        let refused = readSubmission(at: try write(vague, "dip-vague.csv"))
        XCTAssertNotEqual(refused.status, .accepted)
    }

    /// A unit that names an item by quoting a person's data ("… NIK 3604…") is told at the cell:
    /// the summary is printed in the decree's Lampiran and on the website. A budget code after
    /// "rekening" is not a person's account.
    func testPersonalDataValueInASummaryIsNamedAtItsCell() throws {
        let csv = "No;Ringkasan Isi Informasi;Kategori\r\n"
            + "1;Data penerima beasiswa a.n. Budi NIK 3604011234567890 dan HP 0812-3456-7890;Dikecualikan\r\n"
            + "2;Laporan realisasi kode rekening 5.1.02.01 tahun 2026;Berkala\r\n"
        let r = readSubmission(at: try write(csv, "dip-disdik.csv"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        let found = r.problems.filter { $0.code == "personal-data-value" }
        XCTAssertEqual(found.map(\.row), [2])
        XCTAssertEqual(found.first?.columnName, "Ringkasan Isi Informasi")
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertEqual(found.first?.message, "Ringkasan informasi memuat NIK/nomor KK, nomor telepon dan nama seseorang.")
        XCTAssertTrue(found.first?.hint.hasPrefix("Tulis nama informasinya saja, tanpa datanya") == true, found.first?.hint ?? "")
    }

    /// A name without an honorific, after a cue word ("pengaduan Budi Santoso", "pasien: Siti
    /// Aminah"), is told at its cell as a name after "Sdr." is (session 25); an ordinary title
    /// with the same cue is not.
    func testANameAfterACueWordIsNamedAtItsCell() throws {
        let csv = "No;Ringkasan Isi Informasi;Kategori\r\n"
            + "1;Surat pengaduan masyarakat tentang jalan rusak;Setiap Saat\r\n"
            + "2;Surat pengaduan Budi Santoso terhadap pelayanan puskesmas;Dikecualikan\r\n"
            + "3;Data pasien: Siti Aminah;Dikecualikan\r\n"
        let r = readSubmission(at: try write(csv, "dip-dinkes.csv"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        let found = r.problems.filter { $0.code == "personal-data-value" }
        XCTAssertEqual(found.map(\.row), [3, 4])
        XCTAssertEqual(Set(found.map(\.message)), ["Ringkasan informasi memuat nama seseorang."])
    }

    func testListTitleAboveTheHeaderDeclaresNoCategory() throws {
        let text = """
            DAFTAR INFORMASI PUBLIK DAN DAFTAR INFORMASI YANG DIKECUALIKAN;;;;;;
            No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu dan Tempat;Bentuk Informasi;Retensi
            1;Profil dinas;Sekretariat;Kepala Dinas;Serang, 2026;Softcopy;Selama berlaku
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.items.map(\.kategori), [nil])
        XCTAssertEqual(r.problems.map(\.code).filter { $0 != "delimiter-guess" }, ["missing-category"])
    }

    /// Refused only when no column holds item titles.
    func testATableWithoutATitleColumnIsStillRefused() throws {
        let text = "Nama;Alamat;Telepon\r\nBudi Santoso;Jl. Ahmad Yani 1;0812345678\r\nSiti Aminah;Jl. Veteran 2;0813345678\r\n"
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["no-dip-table"])
        XCTAssertTrue(r.problems[0].message.contains("judul atau ringkasan informasi"), r.problems[0].message)
    }

    /// A column of links or categories is not a title column, even under a title-like header.
    func testTitleColumnIsChosenByContent() throws {
        let text = """
            No;Jenis Informasi;Nama Dokumen;Tautan
            1;Berkala;Rencana Strategis 2021-2026;https://contoh.example/renstra.pdf
            2;Setiap Saat;Standar pelayanan perizinan;https://contoh.example/sp.pdf
            3;Berkala;Laporan kinerja 2025;https://contoh.example/lkjip.pdf
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.ringkasan), ["Rencana Strategis 2021-2026", "Standar pelayanan perizinan", "Laporan kinerja 2025"])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .setiapSaat, .berkala])
        XCTAssertEqual(r.items.map(\.nomor), ["1", "2", "3"])
    }

    /// A list of titles, a "kelompok" of categories and links: no data column at all. A row
    /// with a link is an item even when its title reads like a heading.
    func testTitlesKelompokAndLinksOnly() throws {
        let text = """
            No;Judul Informasi;Kelompok;Link
            1;Informasi tentang pengadaan barang dan jasa 2026;Informasi Berkala;https://lpse.serangkab.example/
            2;Peringatan dini banjir;Serta Merta;https://bpbd.serangkab.example/banjir
            3;Daftar Informasi Publik;Setiap Saat;
            """
        let r = readSubmission(at: try write(text))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.ringkasan), [
            "Informasi tentang pengadaan barang dan jasa 2026", "Peringatan dini banjir", "Daftar Informasi Publik",
        ])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .sertaMerta, .setiapSaat])
        XCTAssertEqual(r.items.map(\.subkelompok), [nil, nil, nil])
        XCTAssertEqual(r.items.map(\.tautan), ["https://lpse.serangkab.example/", "https://bpbd.serangkab.example/banjir", nil])
    }

    func testOnlyPlainWebAddressesAreKeptAsLinks() {
        XCTAssertEqual(Values.webLink(" HTTPS://ppid.serangkab.go.id/dip?tahun=2026#a "), "https://ppid.serangkab.go.id/dip?tahun=2026#a")
        XCTAssertEqual(Values.webLink("http://10.0.0.1:8080/x"), "http://10.0.0.1:8080/x")
        XCTAssertEqual(Values.webLink("www.serangkab.go.id"), "https://www.serangkab.go.id")
        for bad in ["javascript:alert(1)", "JavaScript://x.go.id/%0Aalert(1)", "file:///C:/dip.xlsx", "data:text/html,x",
                    "https://x.go.id/a b", "https://x.go.id/\"onmouseover=\"x", "https://x.go.id/<script>",
                    "https://user@evil.example/", "https://", "https:///path", "//x.go.id", "Website",
                    "https://x.go.id/\u{202E}", "C:\\Dokumen\\dip.pdf", "https://exa mple.go.id"] {
            XCTAssertNil(Values.webLink(bad), bad)
        }
    }
}
