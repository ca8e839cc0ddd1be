/// Where a piece of a submission came from: the file, the sheet and the 1-based row a
/// spreadsheet program shows (for CSV, the record number counting the header as 1).
public struct SourceLocation: Codable, Hashable, Sendable {
    public var file: String
    public var sheet: String?
    public var row: Int

    public init(file: String, sheet: String?, row: Int) {
        self.file = file
        self.sheet = sheet
        self.row = row
    }
}

/// One entry of a unit's list: the seven legal DIP fields (Perki 1/2010 Pasal 13) as the unit
/// wrote them, the category it declared, and normalised forms for the later stages.
///
/// The original text is kept untouched (trimmed, inner whitespace collapsed) because decrees
/// and feedback quote it; the normalised forms are for matching and checks, and for outputs that
/// print time and place apart (`madeApart`).
public struct InformationItem: Codable, Hashable, Sendable {
    public var source: SourceLocation
    /// The number as written, without a trailing period ("1", "a", "3.2").
    public var nomor: String
    /// *Ringkasan isi informasi*.
    public var ringkasan: String
    /// *Pejabat atau unit/satuan kerja yang menguasai informasi*.
    public var pejabatPenguasa: String
    /// *Penanggung jawab pembuatan atau penerbitan informasi*.
    public var penanggungJawab: String
    /// *Waktu pembuatan*; a real date cell is given as an ISO date. When the source has one
    /// "waktu dan tempat" column its whole text is here.
    public var waktuPembuatan: String
    /// *Tempat pembuatan*; empty when the source has one combined column.
    public var tempatPembuatan: String
    /// *Bentuk informasi yang tersedia*, as written (or "Cetak", "Online", "Cetak dan Online"
    /// from tick columns).
    public var bentuk: String
    /// *Jangka waktu penyimpanan atau retensi arsip*, as written.
    public var retensi: String
    /// The category text as the unit declared it (column or section row), if any.
    public var kategoriText: String?
    /// The category the unit declared, when the text was understood.
    public var kategori: Category?
    /// The sub-group heading text when the source has one.
    public var subkelompok: String?
    /// Optional extra columns units often add.
    public var judul: String?
    public var keterangan: String?
    /// An explicit stable code from the unit's file (e.g. the hidden id of the update template).
    public var kode: String?
    /// Exemption grounds the unit named itself (e.g. "Pasal 17 huruf h"), original text.
    public var dasarHukumText: String?
    /// Where the information can be read online: a hyperlink on the item's title cell or a
    /// link column's value. Always an absolute `http`/`https` URL checked by the intake
    /// (anything else in the unit's file is dropped), but still the unit's text: escape it
    /// wherever it is written.
    public var tautan: String?

    // Normalised forms.
    public var form: InformationForm
    public var retention: RetentionPeriod
    /// The place split from a combined "waktu dan tempat" text when possible.
    public var tempatNormalised: String?
    /// The time part split from a combined text, or the ISO date.
    public var waktuNormalised: String?

    public init(
        source: SourceLocation, nomor: String, ringkasan: String, pejabatPenguasa: String,
        penanggungJawab: String, waktuPembuatan: String, tempatPembuatan: String,
        bentuk: String, retensi: String, kategoriText: String? = nil, kategori: Category? = nil,
        subkelompok: String? = nil, judul: String? = nil, keterangan: String? = nil,
        kode: String? = nil, dasarHukumText: String? = nil, tautan: String? = nil,
        form: InformationForm = InformationForm(printed: false, electronic: false),
        retention: RetentionPeriod = .unknown, tempatNormalised: String? = nil,
        waktuNormalised: String? = nil
    ) {
        self.source = source
        self.nomor = nomor
        self.ringkasan = ringkasan
        self.pejabatPenguasa = pejabatPenguasa
        self.penanggungJawab = penanggungJawab
        self.waktuPembuatan = waktuPembuatan
        self.tempatPembuatan = tempatPembuatan
        self.bentuk = bentuk
        self.retensi = retensi
        self.kategoriText = kategoriText
        self.kategori = kategori
        self.subkelompok = subkelompok
        self.judul = judul
        self.keterangan = keterangan
        self.kode = kode
        self.dasarHukumText = dasarHukumText
        self.tautan = tautan
        self.form = form
        self.retention = retention
        self.tempatNormalised = tempatNormalised
        self.waktuNormalised = waktuNormalised
    }

    /// The text the rules read: summary plus title and remarks.
    public var searchableText: String {
        // Most items have a summary alone: it, without a list made and joined per item.
        let title = judul ?? "", remark = keterangan ?? ""
        if title.isEmpty && remark.isEmpty { return ringkasan }
        return [judul, ringkasan, keterangan].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

/// *Bentuk informasi*: printed (cetak, hardcopy) and/or electronic (online, softcopy).
public struct InformationForm: Codable, Hashable, Sendable {
    public var printed: Bool
    public var electronic: Bool

    public init(printed: Bool, electronic: Bool) {
        self.printed = printed
        self.electronic = electronic
    }

    /// "Cetak", "Online", "Cetak dan Online", or "" when unknown.
    public var label: String {
        switch (printed, electronic) {
        case (true, true): return "Cetak dan Online"
        case (true, false): return "Cetak"
        case (false, true): return "Online"
        case (false, false): return ""
        }
    }
}

/// A structured retention or exemption period (*retensi*, *jangka waktu pengecualian*).
public enum RetentionPeriod: Codable, Hashable, Sendable {
    /// *Permanen*.
    case permanent
    /// A number of years ("5 (lima) tahun", "5 Thn").
    case years(Int)
    /// A number of months.
    case months(Int)
    /// *Selama berlaku* / while the information is in force.
    case whileValid
    /// Until an event ("Sampai pengumuman pemenang"); the text names the event.
    case untilEvent(String)
    /// As the body's *Jadwal Retensi Arsip* sets it ("Sesuai JRA"): a retention stated by reference
    /// to the instrument that sets it. UU 43/2009 Pasal 48 ayat (1) obliges a regional government to
    /// have a JRA, "daftar yang berisi sekurang-kurangnya jangka waktu penyimpanan atau retensi, jenis
    /// arsip, dan keterangan …" (as ANRI's own page states both, docs/publish.md "Session 22"), so the
    /// reference names a lawful period; it is not an unreadable text. A retention only, never an
    /// exemption period (`PeriodText` does not read it).
    case retentionSchedule
    /// Not understood (or empty): the original text stands alone.
    case unknown

    /// A short machine-readable code: "permanen", "5y", "6m", "selama_berlaku", "sampai", "".
    public var code: String {
        switch self {
        case .permanent: return "permanen"
        case .years(let n): return "\(n)y"
        case .months(let n): return "\(n)m"
        case .whileValid: return "selama_berlaku"
        case .untilEvent: return "sampai_peristiwa"
        case .retentionSchedule: return "sesuai_jra"
        case .unknown: return ""
        }
    }

    /// Whether `text` states the retention by reference to the Jadwal Retensi Arsip ("Sesuai JRA",
    /// "sesuai Jadwal Retensi Arsip", "Mengikuti JRA Pemkab Serang"): the words "JRA" or "jadwal
    /// retensi (arsip)". Also used on a revision stored before the case existed (its retention was
    /// recorded as unknown), so an older register's "Sesuai JRA" is not reported either.
    /// A text that says there is no schedule yet ("Belum ada JRA", "JRA belum ditetapkan", "Tanpa
    /// JRA", "Menunggu JRA") names no period: it stays unknown, warned, as the Lampiran would print it.
    public static func refersToRetentionSchedule(_ text: String) -> Bool {
        let words = scheduleWords(text)
        return mentionsRetentionSchedule(words) && !words.contains(where: scheduleAbsentWords.contains)
    }

    /// Whether `text` names the Jadwal Retensi Arsip at all, affirmed or denied.
    public static func mentionsRetentionSchedule(_ text: String) -> Bool {
        mentionsRetentionSchedule(scheduleWords(text))
    }

    /// Words that deny a schedule exists ("belum ada", "tidak ada", "tanpa", "menunggu").
    static let scheduleAbsentWords: Set<String> = ["belum", "tidak", "tanpa", "menunggu", "blm", "tdk"]

    private static func scheduleWords(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    private static func mentionsRetentionSchedule(_ words: [String]) -> Bool {
        if words.contains("jra") { return true }
        guard let at = words.firstIndex(of: "jadwal"), at + 1 < words.count else { return false }
        return words[at + 1].hasPrefix("retensi")
    }
}

extension InformationItem {
    /// Time and place of making for outputs with a column or field for each (the website, the
    /// feeds, the open data): as the unit wrote them, unless it wrote both in one "Waktu dan
    /// Tempat" cell ("Serang, 2026": the place left empty and the intake's split recorded), then
    /// that split. The site read "Waktu pembuatan: Serang, 2026" and "Tempat pembuatan: -"
    /// (session 21); the decree's single column prints both either way.
    public var madeApart: (waktu: String, tempat: String) {
        if tempatPembuatan.isAllSpaces,
           let place = tempatNormalised, !place.isEmpty, let time = waktuNormalised, !time.isEmpty {
            return (time, place)
        }
        return (waktuPembuatan, tempatPembuatan)
    }
}

extension InformationItem {
    /// The columns of the DIP Lampiran this item would print empty, by their legal names: an
    /// empty *ringkasan isi informasi* (the row names no information), *penanggung jawab* or
    /// *waktu dan tempat pembuatan* (both empty). Column (3) prints the unit's name when the official
    /// is empty and column (7) is checked as a period (`retention`), so neither is listed here.
    /// Intake warns the unit of each (missing-value); the review pack's row and `dip approve` say
    /// it again with these words, so the three read alike.
    public var emptyDecreeColumns: [String] {
        func blank(_ s: String) -> Bool { s.isAllWhitespace }
        var columns: [String] = []
        if blank(ringkasan) { columns.append("ringkasan isi informasi") }
        if blank(penanggungJawab) { columns.append("penanggung jawab pembuatan atau penerbitan informasi") }
        if blank(waktuPembuatan) && blank(tempatPembuatan) { columns.append("waktu dan tempat pembuatan") }
        return columns
    }
}
