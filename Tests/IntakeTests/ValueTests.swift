import DIPCore
import OfficeFormats
import XCTest

@testable import Intake

/// Normalisation of single values.
final class ValueTests: XCTestCase {
    func testForms() {
        let cases: [(String, Bool, Bool)] = [
            ("Softcopy dan Hardcopy", true, true), ("Hard & Soft File", true, true),
            ("Soft Copy", false, true), ("Cetak dan Online", true, true),
            ("Hardcopy & Sofcopy", true, true), ("Hardcopy", true, false), ("Cetak", true, false),
            ("Website", false, true), ("Lainnya", false, false),
        ]
        for (text, printed, electronic) in cases {
            XCTAssertEqual(Values.form(text), InformationForm(printed: printed, electronic: electronic), text)
        }
    }

    func testRetention() {
        XCTAssertEqual(Values.retention("Selama berlaku").0, .whileValid)
        XCTAssertEqual(Values.retention("Selama masih berlaku").0, .whileValid)
        XCTAssertEqual(Values.retention("5 (lima) tahun").0, .years(5))
        XCTAssertEqual(Values.retention("5 Thn").0, .years(5))
        XCTAssertEqual(Values.retention("lima tahun").0, .years(5))
        XCTAssertEqual(Values.retention("6 bulan").0, .months(6))
        XCTAssertEqual(Values.retention("Permanen").0, .permanent)
        XCTAssertEqual(Values.retention("Sampai pengumuman pemenang").0, .untilEvent("pengumuman pemenang"))
        XCTAssertEqual(Values.retention("s.d. berakhirnya kontrak").0, .untilEvent("berakhirnya kontrak"))
        XCTAssertTrue(Values.retention("2026").bareYear)
        XCTAssertEqual(Values.retention("2026").0, .unknown)
        XCTAssertEqual(Values.retention("entah").0, .unknown)
    }

    /// A retention stated by the Jadwal Retensi Arsip is read as such, however written; a period
    /// written beside it keeps the period, and a schedule that is not the JRA is not taken for it.
    func testRetentionByTheRetentionSchedule() {
        for text in ["Sesuai JRA", "sesuai jadwal retensi arsip", "Mengikuti JRA Pemkab Serang", "JRA",
                     "Sesuai JRA yang berlaku", "Berdasarkan Jadwal Retensi"] {
            XCTAssertEqual(Values.retention(text).0, .retentionSchedule, text)
        }
        XCTAssertEqual(Values.retention("5 (lima) tahun sesuai JRA").0, .years(5))
        XCTAssertEqual(Values.retention("Permanen (JRA)").0, .permanent)
        XCTAssertEqual(Values.retention("Jadwal kegiatan").0, .unknown)
        XCTAssertEqual(Values.retention("Sesuai jadwal").0, .unknown)
        XCTAssertEqual(RetentionPeriod.retentionSchedule.code, "sesuai_jra")
    }

    /// A retention saying the body has no Jadwal Retensi Arsip yet names no period: it stays
    /// unknown (warned to the unit, named by `dip approve`), as it was before "Sesuai JRA" was read,
    /// and "yang berlaku" beside it is not "selama berlaku".
    func testADeniedRetentionScheduleIsNoPeriod() {
        for text in ["Belum ada JRA", "JRA belum ditetapkan", "Tidak ada JRA", "Tanpa JRA", "Menunggu JRA",
                     "Belum ada JRA yang berlaku", "Belum ada jadwal retensi arsip"] {
            XCTAssertEqual(Values.retention(text).0, .unknown, text)
            XCTAssertFalse(RetentionPeriod.refersToRetentionSchedule(text), text)
        }
        XCTAssertEqual(Values.retention("Sesuai JRA yang berlaku").0, .retentionSchedule)
        XCTAssertEqual(Values.retention("5 tahun, belum ada JRA").0, .years(5))
    }

    func testCategories() {
        XCTAssertEqual(Values.category("Berkala"), .berkala)
        XCTAssertEqual(Values.category("berkla"), .berkala)
        XCTAssertEqual(Values.category("Serta Merta"), .sertaMerta)
        XCTAssertEqual(Values.category("Sertamerta"), .sertaMerta)
        XCTAssertEqual(Values.category("Setiap Saat"), .setiapSaat)
        XCTAssertEqual(Values.category("Tersedia setiap saat"), .setiapSaat)
        XCTAssertEqual(Values.category("D. INFORMASI YANG DIKECUALIKAN"), .dikecualikan)
        XCTAssertEqual(Values.category("Dikecualikan"), .dikecualikan)
        XCTAssertNil(Values.category("Penting"))
    }

    func testWaktuTempatSplit() {
        XCTAssertEqual(Values.splitWaktuTempat("Serang, 2026")?.waktu, "2026")
        XCTAssertEqual(Values.splitWaktuTempat("Serang, 2026")?.tempat, "Serang")
        XCTAssertEqual(Values.splitWaktuTempat("2026 / Serang")?.tempat, "Serang")
        XCTAssertEqual(Values.splitWaktuTempat("Saat terjadi, Serang")?.waktu, "Saat terjadi")
        XCTAssertNil(Values.splitWaktuTempat("Serang"))
        XCTAssertNil(Values.splitWaktuTempat("2026"))
    }

    func testNomorAndClean() {
        XCTAssertEqual(Values.nomor("1."), "1")
        XCTAssertEqual(Values.nomor(" a) "), "a")
        XCTAssertEqual(Values.nomor("3.2"), "3.2")
        XCTAssertEqual(Text.clean("  Profil \t  dinas  "), "Profil dinas")
        XCTAssertEqual(Text.clean("KK \r\n  dan akta"), "KK\ndan akta")
        XCTAssertEqual(Text.clean("a\u{00A0}b"), "a b")
        XCTAssertEqual(Text.clean("plain"), "plain")
    }

    func testHeaderVariants() {
        let cases: [(String, Field)] = [
            ("No.", .nomor), ("Ringkasan Isi Informasi", .ringkasan), ("Ringkasan Informasi", .ringkasan),
            ("Pejabat/Unit/Satker yang Menguasi Informasi", .pejabat),
            ("PenanggungJawab", .penanggungJawab), ("Penanggungjawab Pembuatan atau Penerbitan Informasi", .penanggungJawab),
            ("Waktu dan Tempat", .waktuTempat), ("Tempat dan Waktu Pembuatan", .waktuTempat),
            ("Tanggal Pembuatan", .waktu), ("Tempat Pembuatan", .tempat),
            ("Bentuk Informasi yang Tersedia", .bentuk), ("Format Informasi yang Tersedia", .bentuk),
            ("Jangka Waktu Penyimpanana atau Retensi Arsip", .retensi), ("Retensi Arsip", .retensi),
            ("Jenis Informasi", .kategori), ("Kategori", .kategori), ("Keterangan", .keterangan),
            ("Dasar Hukum Pengecualian", .dasarHukum), ("Judul Informasi", .judul),
        ]
        for (label, field) in cases { XCTAssertEqual(HeaderMatcher.field(label), field, label) }
        XCTAssertNil(HeaderMatcher.field("Jenis Media yang Memuat Informasi"))
    }

    func testExcelDates() {
        XCTAssertEqual(CellText.isoDate(ExcelDateTime(serial: 45658, is1904: false)), "2025-01-01")
        XCTAssertEqual(CellText.isoDate(ExcelDateTime(serial: 1, is1904: false)), "1900-01-01")
        XCTAssertEqual(CellText.isoDate(ExcelDateTime(serial: 61, is1904: false)), "1900-03-01")
        XCTAssertEqual(CellText.isoDate(ExcelDateTime(serial: 0, is1904: true)), "1904-01-01")
        XCTAssertEqual(CellText.isoDate(ExcelDateTime(serial: 44196, is1904: true)), "2025-01-01")
        XCTAssertEqual(CellText.isoDate(ExcelDateTime(serial: 45658.5, is1904: false)), "2025-01-01T12:00:00")
        XCTAssertNil(CellText.isoDate(ExcelDateTime(serial: 1.5, is1904: false, isDuration: true)))
        XCTAssertEqual(CellText.text(.number(3)), "3")
        XCTAssertEqual(CellText.text(.number(2.5)), "2.5")
    }
}
