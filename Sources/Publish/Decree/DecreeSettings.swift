import DIPCore
import Foundation
import Register

/// Margins of a page in centimetres.
public struct PageMargins: Codable, Hashable, Sendable {
    public var top: Double
    public var right: Double
    public var bottom: Double
    public var left: Double

    public init(top: Double, right: Double, bottom: Double, left: Double) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }
}

/// A decree made outside dip that the first dip decree revokes (keputusan.json `keputusanSebelumnya`).
public struct EarlierDecree: Codable, Hashable, Sendable {
    /// "000.9/45/Diskominfosatik/2025".
    public var number: String
    /// ISO date "2025-03-10".
    public var date: String
    /// Its full title after "tentang", e.g. "Penetapan Daftar Informasi Publik di Lingkungan
    /// Pemerintah Kabupaten Serang Tahun 2025".
    public var title: String

    public init(number: String, date: String, title: String) {
        self.number = number
        self.date = date
        self.title = title
    }
}

/// The letterhead's contact lines (kop surat): address, telephone, e-mail, website, logo.
public struct LetterheadContact: Codable, Hashable, Sendable {
    public var address: String
    public var telephone: String?
    public var email: String?
    public var website: String?
    /// A PNG or JPEG logo, relative to `rules/` (optional); printed left of the letterhead.
    public var logo: String?

    public init(address: String, telephone: String? = nil, email: String? = nil, website: String? = nil,
                logo: String? = nil) {
        self.address = address
        self.telephone = telephone
        self.email = email
        self.website = website
        self.logo = logo
    }
}

/// Paper sizes the decrees can be printed on.
public enum DecreePaper: String, Codable, Sendable {
    /// 215 × 330 mm, what Indonesian offices use.
    case f4 = "F4"
    case a4 = "A4"
}

/// Everything a deployment words or sets in its decrees (DIP.md §5): letterhead, officials,
/// numbering, considerations, legal bases, copies, paper and font. Loaded by the integrator
/// from a file in `rules/` (JSON, see `rules/keputusan.json`); `kabupatenSerang` is the default.
public struct DecreeSettings: Codable, Hashable, Sendable {
    /// "Pemerintah Kabupaten Serang".
    public var bodyName: String
    /// Letterhead lines, top to bottom; the first ones are printed larger and bold.
    public var letterhead: [String]
    /// Who issues the decree, in capitals after "KEPUTUSAN", e.g. "KEPALA DINAS … SELAKU PPID UTAMA".
    public var issuer: String
    /// The PPID Utama who signs (title printed above the name).
    public var ppid: Official
    /// The Atasan PPID who approves consequence tests.
    public var atasanPPID: Official
    /// City of issue ("Ditetapkan di Serang").
    public var city: String
    /// Number pattern; `{tahun}` becomes the year, `___` stays blank until registered.
    public var numberPattern: String
    /// *Menimbang* a–c of the DIP decree.
    public var menimbang: [String]
    /// *Menimbang* of the classification (DIK) decree.
    public var menimbangKlasifikasi: [String]
    /// *Mengingat* 1–n, shared by both decrees.
    public var mengingat: [String]
    /// Diktum KETIGA of the DIP decree (how the list is kept current and published).
    public var diktumPemutakhiran: String
    /// *Tembusan*, in order.
    public var tembusan: [String]
    public var paper: DecreePaper
    public var font: String
    /// Font size in points.
    public var fontSize: Double
    /// Margins of the decree body (portrait).
    public var margins: PageMargins
    /// Margins of the landscape Lampiran pages.
    public var lampiranMargins: PageMargins
    /// Address, telephone, e-mail, website and logo of the letterhead.
    public var contact: LetterheadContact? = nil
    /// *Mengingat* entries of the local basis of competence (Perbup/SK on the PPID), added
    /// after `mengingat` in both decrees.
    public var mengingatDaerah: [String]? = nil
    /// *Mengingat* entries of the classification (DIK) decree only (none by default: the general
    /// Mengingat already cites Perki 1/2021, which sets the consequence test). An older
    /// keputusan.json naming Perki 1/2017 here still works; `dip rules check` warns.
    public var mengingatKlasifikasi: [String]? = nil
    /// Full *Mengingat* text of a sectoral law, keyed by its short citation in pengecualian.yaml
    /// ("UU 27/2022"); a law without an entry is written out from its short citation.
    public var mengingatSektoral: [String: String]? = nil
    /// The DIP decree in force before dip, revoked by the first dip decree.
    public var keputusanSebelumnya: EarlierDecree? = nil
    /// The DIK (classification) decree in force before dip, revoked by the first dip DIK decree.
    public var keputusanDIKSebelumnya: EarlierDecree? = nil
    /// Number pattern of the berita acara uji konsekuensi in the regency's tata naskah dinas
    /// (`{tahun}` and `___` as in `numberPattern`); without one its NOMOR line is a dotted blank
    /// that the secretariat fills in when it registers the record.
    public var beritaAcaraNumberPattern: String? = nil
    /// Public holidays and collective leave days (*hari libur nasional* and *cuti bersama*) as the
    /// joint decree (SKB) of the Menteri Agama, Menteri Ketenagakerjaan and Menteri PANRB sets them
    /// for a year: a consequence test dated on one is noted as a Saturday or Sunday is. Shipped
    /// empty: dip invents no dates, and the SKB's own text was not read (docs/rules.md).
    public var hariLibur: [PublicHoliday]? = nil
    /// How many days before an exemption's period ends the review pack, `dip run` and `dip approve`
    /// list it (*jangka waktu pengecualian*); nil: `ExemptionPeriods.defaultNoticeDays` (90).
    public var hariPemberitahuanPengecualian: Int? = nil

    /// The values `hariPemberitahuanPengecualian` may take (`dip rules check` says so of others).
    public static let exemptionNoticeDaysRange = 0...3650

    /// The notice window of exemption periods, in days: the default when keputusan.json sets
    /// none or one outside `exemptionNoticeDaysRange` (`dip run` does not check keputusan.json: a
    /// negative window printed "berakhir dalam -5 hari", a huge one asked every exemption again).
    public var exemptionNoticeDays: Int {
        guard let days = hariPemberitahuanPengecualian, Self.exemptionNoticeDaysRange.contains(days) else {
            return ExemptionPeriods.defaultNoticeDays
        }
        return days
    }

    public init(bodyName: String, letterhead: [String], issuer: String, ppid: Official, atasanPPID: Official,
                city: String, numberPattern: String, menimbang: [String], menimbangKlasifikasi: [String],
                mengingat: [String], diktumPemutakhiran: String, tembusan: [String], paper: DecreePaper,
                font: String, fontSize: Double, margins: PageMargins, lampiranMargins: PageMargins,
                contact: LetterheadContact? = nil, mengingatDaerah: [String]? = nil,
                mengingatKlasifikasi: [String]? = nil, mengingatSektoral: [String: String]? = nil, keputusanSebelumnya: EarlierDecree? = nil,
                keputusanDIKSebelumnya: EarlierDecree? = nil, hariLibur: [PublicHoliday]? = nil) {
        self.bodyName = bodyName
        self.letterhead = letterhead
        self.issuer = issuer
        self.ppid = ppid
        self.atasanPPID = atasanPPID
        self.city = city
        self.numberPattern = numberPattern
        self.menimbang = menimbang
        self.menimbangKlasifikasi = menimbangKlasifikasi
        self.mengingat = mengingat
        self.diktumPemutakhiran = diktumPemutakhiran
        self.tembusan = tembusan
        self.paper = paper
        self.font = font
        self.fontSize = fontSize
        self.margins = margins
        self.lampiranMargins = lampiranMargins
        self.contact = contact
        self.mengingatDaerah = mengingatDaerah
        self.mengingatKlasifikasi = mengingatKlasifikasi
        self.mengingatSektoral = mengingatSektoral
        self.keputusanSebelumnya = keputusanSebelumnya
        self.keputusanDIKSebelumnya = keputusanDIKSebelumnya
        self.hariLibur = hariLibur
    }

    /// Why `date`'s WIB day is no working day: "hari Sabtu", "hari Minggu", or "hari libur
    /// (<keterangan>)" from `hariLibur`; nil on a working day. A berita acara dated on such a day
    /// is lawful, but a Bagian Hukum asks whether the Tim really met then.
    public func dayOff(_ date: Date, clock: Clock) -> String? {
        let d = clock.day(date)
        if d.weekday == 1 || d.weekday == 7 { return "hari \(Clock.indonesianWeekdays[d.weekday - 1])" }
        for h in hariLibur ?? [] {
            guard let on = try? IndonesianDate.parse(h.tanggal) else { continue }
            let o = clock.day(on)
            if (o.day, o.month, o.year) == (d.day, d.month, d.year) {
                let what = h.keterangan.trimmingCharacters(in: .whitespacesAndNewlines)
                return "hari libur" + (what.isEmpty ? "" : " (\(what))")
            }
        }
        return nil
    }

    /// The number for a year with the registration number still blank.
    public func blankNumber(year: Int) -> String {
        numberPattern.replacingOccurrences(of: "{tahun}", with: String(year))
    }

    /// The NOMOR of a berita acara when the deployment has no number pattern: the only dotted
    /// line a published (signed) record keeps, since dip is never told the registration number
    /// the secretariat gives it when it is signed.
    public static let unregisteredNumber = "……………………………………"

    /// The berita acara's number for a year: the pattern with its registration number blank, or
    /// a dotted line to fill in by hand when the deployment has set no pattern.
    public func beritaAcaraNumber(year: Int) -> String {
        guard let p = beritaAcaraNumberPattern?.trimmingCharacters(in: .whitespaces), !p.isEmpty else {
            return Self.unregisteredNumber
        }
        return p.replacingOccurrences(of: "{tahun}", with: String(year))
    }

    /// Defaults for Kabupaten Serang. No official is invented: the signatory comes from the
    /// approval, the Atasan PPID from the PPID (here or at approval); letterhead wording, contact
    /// lines and the local basis of competence should be filled in once per deployment.
    public static let kabupatenSerang = DecreeSettings(
        bodyName: "Pemerintah Kabupaten Serang",
        letterhead: [
            "PEMERINTAH KABUPATEN SERANG",
            "DINAS KOMUNIKASI, INFORMATIKA, PERSANDIAN DAN STATISTIK",
            "Serang – Banten",
        ],
        issuer: "KEPALA DINAS KOMUNIKASI, INFORMATIKA, PERSANDIAN DAN STATISTIK KABUPATEN SERANG SELAKU PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI UTAMA",
        // Name, NIP and rank of the PPID come from `dip approve`; the signature title is the
        // issuer's. The Atasan PPID is named once here or at `dip approve`; never dotted lines.
        ppid: Official(name: ""),
        atasanPPID: Official(name: "", title: "SEKRETARIS DAERAH KABUPATEN SERANG SELAKU ATASAN PPID"),
        city: "Serang",
        numberPattern: "000.9/___/Diskominfosatik/{tahun}",
        menimbang: [
            "bahwa berdasarkan Pasal 7 ayat (1) Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Badan Publik wajib menyediakan, memberikan dan/atau menerbitkan Informasi Publik yang berada di bawah kewenangannya kepada Pemohon Informasi Publik, selain informasi yang dikecualikan sesuai dengan ketentuan;",
            "bahwa berdasarkan Pasal 11 ayat (1) huruf a Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Badan Publik wajib menyediakan Informasi Publik setiap saat yang meliputi daftar seluruh Informasi Publik yang berada di bawah penguasaannya, tidak termasuk informasi yang dikecualikan;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan {keputusan};",
        ],
        menimbangKlasifikasi: [
            "bahwa berdasarkan Pasal 17 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, setiap Badan Publik wajib membuka akses bagi setiap Pemohon Informasi Publik untuk mendapatkan Informasi Publik, kecuali informasi yang dikecualikan;",
            "bahwa berdasarkan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Pejabat Pengelola Informasi dan Dokumentasi wajib melakukan pengujian tentang konsekuensi sebelum menyatakan Informasi Publik tertentu dikecualikan, dengan tahapan dan tata cara sebagaimana diatur dalam Pasal 49 Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan {keputusan};",
        ],
        mengingat: [
            "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran Negara Republik Indonesia Tahun 2008 Nomor 61, Tambahan Lembaran Negara Republik Indonesia Nomor 4846);",
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (Lembaran Negara Republik Indonesia Tahun 2009 Nomor 112, Tambahan Lembaran Negara Republik Indonesia Nomor 5038);",
            "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan (Lembaran Negara Republik Indonesia Tahun 2009 Nomor 152, Tambahan Lembaran Negara Republik Indonesia Nomor 5071);",
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara Republik Indonesia Nomor 6856);",
            "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 99, Tambahan Lembaran Negara Republik Indonesia Nomor 5149);",
            "Peraturan Menteri Dalam Negeri Nomor 3 Tahun 2017 tentang Pedoman Pengelolaan Pelayanan Informasi dan Dokumentasi Kementerian Dalam Negeri dan Pemerintahan Daerah (Berita Negara Republik Indonesia Tahun 2017 Nomor 157);",
            "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik (Berita Negara Republik Indonesia Tahun 2021 Nomor 741);",
        ],
        diktumPemutakhiran: "Daftar Informasi Publik sebagaimana dimaksud dalam Diktum KESATU dimutakhirkan secara berkala paling sedikit 1 (satu) kali dalam sebulan dan diumumkan melalui laman resmi PPID Pemerintah Kabupaten Serang.",
        tembusan: [
            "Bupati Serang (sebagai laporan);",
            "Ketua Komisi Informasi Provinsi Banten;",
            "Sekretaris Daerah Kabupaten Serang selaku Atasan PPID;",
            "Inspektur Kabupaten Serang;",
            "Kepala Perangkat Daerah di Lingkungan Pemerintah Kabupaten Serang.",
        ],
        paper: .f4,
        font: "Arial",
        fontSize: 12,
        margins: PageMargins(top: 2.5, right: 2.5, bottom: 3, left: 3),
        lampiranMargins: PageMargins(top: 2, right: 1.5, bottom: 2, left: 1.5),
        // The DIK decree rests on the general Mengingat (UU 14/2008, Perki 1/2021, whose Pasal 49
        // ff. set the consequence test); nothing of its own by default (docs/rules.md "Legal review").
        mengingatKlasifikasi: [],
        mengingatSektoral: [
            "UU 11/2012": "Undang-Undang Nomor 11 Tahun 2012 tentang Sistem Peradilan Pidana Anak (Lembaran Negara Republik Indonesia Tahun 2012 Nomor 153, Tambahan Lembaran Negara Republik Indonesia Nomor 5332);",
            "UU 2/2004": "Undang-Undang Nomor 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan Industrial (Lembaran Negara Republik Indonesia Tahun 2004 Nomor 6, Tambahan Lembaran Negara Republik Indonesia Nomor 4356);",
            "UU 16/1997": "Undang-Undang Nomor 16 Tahun 1997 tentang Statistik (Lembaran Negara Republik Indonesia Tahun 1997 Nomor 39, Tambahan Lembaran Negara Republik Indonesia Nomor 3683);",
            "UU 17/2023": "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 105, Tambahan Lembaran Negara Republik Indonesia Nomor 6887);",
            "UU 23/2006": "Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan (Lembaran Negara Republik Indonesia Tahun 2006 Nomor 124, Tambahan Lembaran Negara Republik Indonesia Nomor 4674) sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan (Lembaran Negara Republik Indonesia Tahun 2013 Nomor 232, Tambahan Lembaran Negara Republik Indonesia Nomor 5475);",
            "UU 27/2022": "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi (Lembaran Negara Republik Indonesia Tahun 2022 Nomor 196, Tambahan Lembaran Negara Republik Indonesia Nomor 6820);",
            "UU 7/1992": "Undang-Undang Nomor 7 Tahun 1992 tentang Perbankan (Lembaran Negara Republik Indonesia Tahun 1992 Nomor 31, Tambahan Lembaran Negara Republik Indonesia Nomor 3472) sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 4 Tahun 2023 tentang Pengembangan dan Penguatan Sektor Keuangan (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 4, Tambahan Lembaran Negara Republik Indonesia Nomor 6845);",
            "UU 8/2010": "Undang-Undang Nomor 8 Tahun 2010 tentang Pencegahan dan Pemberantasan Tindak Pidana Pencucian Uang (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 122, Tambahan Lembaran Negara Republik Indonesia Nomor 5164);",
        ],
        // Empty until the deployment copies the year's SKB (docs/panduan.md): no invented dates.
        hariLibur: [])
}

/// One day of *hari libur nasional* or *cuti bersama* (keputusan.json `hariLibur`).
public struct PublicHoliday: Codable, Hashable, Sendable {
    /// The day, "2026-03-20" or "20 Maret 2026".
    public var tanggal: String
    /// What the SKB names it, e.g. "Cuti Bersama Hari Raya Idulfitri 1447 Hijriah".
    public var keterangan: String
    /// The instrument it comes from (the SKB's numbers and year), for the reader of the file.
    public var dasar: String?

    public init(tanggal: String, keterangan: String, dasar: String? = nil) {
        self.tanggal = tanggal
        self.keterangan = keterangan
        self.dasar = dasar
    }
}
