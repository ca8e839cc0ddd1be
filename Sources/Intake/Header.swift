import DIPCore
import OfficeFormats

/// A column's meaning in a DIP table.
enum Field: Int, CaseIterable, Sendable {
    case nomor, ringkasan, pejabat, penanggungJawab, waktu, tempat, waktuTempat, bentuk, retensi
    case kategori, judul, keterangan, kode, dasarHukum
    /// Tick columns under a two-row *Bentuk* header.
    case bentukCetak, bentukOnline

    /// The Indonesian name used in messages when the column is missing.
    var label: String {
        switch self {
        case .nomor: return "Nomor"
        case .ringkasan: return "Ringkasan Isi Informasi"
        case .pejabat: return "Pejabat/Unit yang Menguasai Informasi"
        case .penanggungJawab: return "Penanggung Jawab Pembuatan atau Penerbitan Informasi"
        case .waktu: return "Waktu Pembuatan"
        case .tempat: return "Tempat Pembuatan"
        case .waktuTempat: return "Waktu dan Tempat Pembuatan"
        case .bentuk, .bentukCetak, .bentukOnline: return "Bentuk Informasi yang Tersedia"
        case .retensi: return "Jangka Waktu Penyimpanan atau Retensi Arsip"
        case .kategori: return "Jenis/Kategori Informasi"
        case .judul: return "Judul Informasi"
        case .keterangan: return "Keterangan"
        case .kode: return "Kode"
        case .dasarHukum: return "Dasar Hukum"
        }
    }
}

/// Recognising header labels ("Ringkasan Isi Informasi", "Penanggungjawab", "Jangka Waktu
/// Penyimpanana …"), with typos tolerated word by word.
enum HeaderMatcher {
    static func field(_ label: String) -> Field? {
        let folded = Text.fold(label)
        let w = Text.words(folded)
        if w.isEmpty { return nil }
        let joined = w.joined(separator: " ")
        if ["no", "nomor", "no urut", "nomor urut", "nmr", "nomer"].contains(joined) { return .nomor }
        if Text.hasWord(w, "retensi") || Text.hasPhrase(w, ["jangka", "waktu"])
            || Text.hasWord(w, "penyimpanan")
        {
            return .retensi
        }
        if Text.hasPhrase(w, ["penanggung", "jawab"]) || joined == "pj" { return .penanggungJawab }
        if Text.hasWord(w, "menguasai") || Text.hasWord(w, "penguasa") || Text.hasWord(w, "pejabat")
            || Text.hasWord(w, "satker") || Text.hasPhrase(w, ["satuan", "kerja"])
            || Text.hasPhrase(w, ["unit", "kerja"]) || joined == "unit" || joined == "opd"
            || Text.hasWord(w, "pemilik")
        {
            return .pejabat
        }
        if Text.hasWord(w, "ringkasan") || Text.hasPhrase(w, ["isi", "informasi"]) { return .ringkasan }
        if (Text.hasWord(w, "dasar") && Text.hasWord(w, "hukum")) || Text.hasWord(w, "pasal")
            || Text.hasPhrase(w, ["alasan", "pengecualian"])
        {
            return .dasarHukum
        }
        let timeish = Text.hasWord(w, "waktu") || Text.hasWord(w, "tanggal") || w.contains("tgl")
            || Text.hasWord(w, "tahun")
        if timeish && Text.hasWord(w, "tempat") { return .waktuTempat }
        if timeish { return .waktu }
        if Text.hasWord(w, "tempat") || Text.hasWord(w, "lokasi") { return .tempat }
        if Text.hasWord(w, "bentuk") || Text.hasWord(w, "format") { return .bentuk }
        if Text.hasWord(w, "media") || Text.hasWord(w, "tautan") || Text.hasWord(w, "link") { return nil }
        if Text.hasWord(w, "kategori") || Text.hasWord(w, "klasifikasi") || Text.hasWord(w, "jenis")
            || Text.hasWord(w, "golongan")
        {
            return .kategori
        }
        if Text.hasWord(w, "judul") { return .judul }
        if Text.hasWord(w, "keterangan") || joined == "ket" || Text.hasWord(w, "catatan") { return .keterangan }
        if Text.hasWord(w, "kode") || joined == "id" { return .kode }
        return nil
    }

    /// A second header row's sub-label: Cetak/Online ticks or Waktu/Tempat.
    static func subField(_ label: String) -> Field? {
        let w = Text.words(Text.fold(label))
        if w.isEmpty || w.count > 3 { return nil }
        if Text.hasWord(w, "waktu") || Text.hasWord(w, "tanggal") || Text.hasWord(w, "tahun") { return .waktu }
        if Text.hasWord(w, "tempat") || Text.hasWord(w, "lokasi") { return .tempat }
        let f = Values.form(label)
        if f.printed && !f.electronic { return .bentukCetak }
        if f.electronic && !f.printed { return .bentukOnline }
        return nil
    }

    static let coreFields: [Field] = [.nomor, .ringkasan, .pejabat, .penanggungJawab, .waktu, .bentuk, .retensi]

    /// The core fields a row's labels name (waktu/tempat/waktuTempat count as one, ticks as bentuk).
    static func coreCount(_ fields: [Field]) -> Int {
        var seen = Set<Field>()
        for f in fields {
            switch f {
            case .waktu, .tempat, .waktuTempat: seen.insert(.waktu)
            case .bentuk, .bentukCetak, .bentukOnline: seen.insert(.bentuk)
            case .nomor, .ringkasan, .pejabat, .penanggungJawab, .retensi: seen.insert(f)
            default: break
            }
        }
        return seen.count
    }
}

/// Where each field is in a sheet, found from its header rows.
struct ColumnMap: Sendable {
    /// 0-based column → field.
    var fields: [Int: Field] = [:]
    /// 0-based column → the header text shown to the unit.
    var labels: [Int: String] = [:]
    /// The header rows (one or two), 1-based.
    var headerRows: [Int] = []

    func column(_ f: Field) -> Int? {
        fields.filter { $0.value == f }.map(\.key).min()
    }

    /// Column per field (`Field.rawValue` index), -1 when absent: a fast table for row loops.
    func columnTable() -> [Int] {
        Field.allCases.map { column($0) ?? -1 }
    }

    var hasTicks: Bool { column(.bentukCetak) != nil || column(.bentukOnline) != nil }

    /// Builds a map from a header row and the row under it when that is a sub-header.
    /// Returns nil when the row is not a DIP header (fewer than four core fields, or no
    /// *ringkasan* column).
    static func detect(header: SheetRow, next: SheetRow?) -> (ColumnMap, usesNext: Bool)? {
        let labels = header.cells.map { Text.clean(CellText.text($0)) }
        var map = ColumnMap()
        for (c, l) in labels.enumerated() where !l.isEmpty {
            map.labels[c] = l
            if let f = HeaderMatcher.field(l), map.column(f) == nil { map.fields[c] = f }
        }
        guard HeaderMatcher.coreCount(Array(map.fields.values)) >= 4 else { return nil }
        map.headerRows = [header.number]

        var usesNext = false
        if let next, next.number == header.number + 1 {
            let sub = next.cells.map { Text.clean(CellText.text($0)) }
            let nonEmpty = sub.enumerated().filter { !$0.element.isEmpty }
            let isSubHeader = !nonEmpty.isEmpty && nonEmpty.allSatisfy { c, l in
                HeaderMatcher.subField(l) != nil || (labels.indices.contains(c) ? labels[c] : "").isEmpty
                    && HeaderMatcher.field(l) != nil
            } && nonEmpty.contains { HeaderMatcher.subField($0.element) != nil }
            if isSubHeader {
                usesNext = true
                map.headerRows.append(next.number)
                for (c, l) in nonEmpty {
                    // The parent is this column's label, or the nearest label to the left
                    // (a horizontally merged parent cell).
                    var p = c
                    while p >= 0, (labels.indices.contains(p) ? labels[p] : "").isEmpty { p -= 1 }
                    let parentLabel = p >= 0 ? labels[p] : ""
                    let parent = p >= 0 ? HeaderMatcher.field(parentLabel) : nil
                    let subField = HeaderMatcher.subField(l)
                    var field: Field?
                    switch (parent, subField) {
                    case (.bentuk?, .bentukCetak?), (.bentuk?, .bentukOnline?),
                         (nil, .bentukCetak?), (nil, .bentukOnline?):
                        field = subField
                    case (.waktuTempat?, .waktu?), (.waktuTempat?, .tempat?), (nil, .waktu?), (nil, .tempat?):
                        field = subField
                    default:
                        field = p == c ? parent : HeaderMatcher.field(l)
                    }
                    if p == c || parent == nil { map.fields[c] = nil }
                    if let field, map.column(field) == nil { map.fields[c] = field }
                    map.labels[c] = parentLabel.isEmpty ? l : "\(parentLabel) / \(l)"
                }
                // A parent split into sub-columns no longer stands for itself.
                if map.hasTicks, let b = map.column(.bentuk), map.fields[b] == .bentuk,
                   map.labels[b]?.contains("/") == true
                {
                    map.fields[b] = nil
                }
                if map.column(.waktu) != nil, map.column(.tempat) != nil, let wt = map.column(.waktuTempat) {
                    map.fields[wt] = nil
                }
            }
        }
        if map.column(.ringkasan) == nil, let j = map.column(.judul) {
            map.fields[j] = .ringkasan
        }
        guard map.column(.ringkasan) != nil else { return nil }
        return (map, usesNext)
    }

    /// Whether a row repeats the header (three or more core labels).
    static func looksLikeHeader(_ texts: [String]) -> Bool {
        HeaderMatcher.coreCount(texts.compactMap { $0.isEmpty ? nil : HeaderMatcher.field($0) }) >= 3
    }
}
