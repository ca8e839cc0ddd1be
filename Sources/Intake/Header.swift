import DIPCore
import OfficeFormats

/// A column's meaning in a DIP table.
enum Field: Int, CaseIterable, Sendable {
    case nomor, ringkasan, pejabat, penanggungJawab, waktu, tempat, waktuTempat, bentuk, retensi
    case kategori, judul, keterangan, kode, dasarHukum
    /// The Perki sub-group ("kelompok", "sub kelompok") as a column.
    case subkelompok
    /// A link column ("Link", "Tautan", "URL").
    case tautan
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
        case .subkelompok: return "Kelompok Informasi"
        case .tautan: return "Tautan"
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
        if Text.hasWord(w, "tautan") || Text.hasWord(w, "link") || joined == "url" || Text.hasWord(w, "hyperlink")
            || joined == "unduh" || joined == "download" || joined == "unduhan"
            || joined == "alamat web" || joined == "alamat website"
        {
            return .tautan
        }
        if Text.hasWord(w, "media") { return nil }
        if Text.hasWord(w, "kelompok") || Text.hasWord(w, "subkelompok") { return .subkelompok }
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
    /// A field's column → the last column its label is merged across (XLSX/ODS merged
    /// header cell over several data columns, no sub-header under it): the cells of those
    /// columns are read together as the field's value.
    var spans: [Int: Int] = [:]
    /// How many fields the header row's record has, empty trailing ones included (CSV,
    /// `SheetRow.recordWidth`; 0 otherwise): an empty header cell over a notes column without
    /// a heading still makes that column the table's (`TableBuilder`'s `row-shifted` check).
    var recordWidth = 0

    func column(_ f: Field) -> Int? {
        fields.filter { $0.value == f }.map(\.key).min()
    }

    /// Column per field (`Field.rawValue` index), -1 when absent: a fast table for row loops.
    func columnTable() -> [Int] {
        Field.allCases.map { column($0) ?? -1 }
    }

    var hasTicks: Bool { column(.bentukCetak) != nil || column(.bentukOnline) != nil }

    /// Builds a map from a header row and the row under it when that is a sub-header, with a
    /// score (higher is a better header). A row naming four or more of the seven fields with a
    /// *ringkasan* (or *judul*) column is a full DIP header; otherwise a row is a header when
    /// one of its columns is a title column (see `titleColumn`): a list that keeps only a
    /// title, a category and a link is still a DIP list, and the missing fields are asked
    /// for. Returns nil when the row is neither.
    ///
    /// - Parameter below: the rows read after `next` (up to the first 30 of the sheet), whose
    ///   content tells a title column from a column of categories, numbers or links.
    ///   - memo: the header tests' results by exact text, shared by the tries of one sheet's
    ///     first rows (`bestHeader`), where every row is tried as the header.
    ///   - groups: the column ranges of the header row's labels merged across columns
    ///     (XLSX/ODS merged ranges; empty for a CSV, where a label followed by empty cells
    ///     whose sub-header row holds labels under each is taken as such a group).
    static func detect(header: SheetRow, next: SheetRow?, below: ArraySlice<SheetRow> = [],
                       memo: HeaderMemo = HeaderMemo(),
                       groups: [ClosedRange<Int>] = []) -> (ColumnMap, usesNext: Bool, score: Int)? {
        let labels = header.cells.map { Text.clean(CellText.text($0)) }
        var map = ColumnMap()
        map.recordWidth = header.recordWidth ?? 0
        for (c, l) in labels.enumerated() where !l.isEmpty {
            map.labels[c] = l
            if let f = memo.field(l), map.column(f) == nil { map.fields[c] = f }
        }
        let core = HeaderMatcher.coreCount(Array(map.fields.values))
        guard core >= 4 else {
            return titleHeader(map: map, header: header, below: ArraySlice((next.map { [$0] } ?? []) + below), memo: memo)
        }
        map.headerRows = [header.number]

        var usesNext = false
        func top(_ c: Int) -> String { labels.indices.contains(c) ? labels[c] : "" }
        if let next, next.number == header.number + 1 {
            let sub = next.cells.map { Text.clean(CellText.text($0)) }
            func below(_ c: Int) -> String { sub.indices.contains(c) ? sub[c] : "" }
            let nonEmpty = sub.enumerated().filter { !$0.element.isEmpty }
            // A group title merged over several columns with a sub-title under each ("Penguasaan
            // Informasi" over "Pejabat yang Menguasai" and "Penanggung Jawab"). Without merged
            // ranges (a CSV) the layout says it: a label, then empty top cells, with sub-titles
            // under all of them.
            var groups = groups
            if groups.isEmpty {
                var p = 0
                while p < labels.count {
                    var q = p
                    if !top(p).isEmpty, !below(p).isEmpty {
                        while q + 1 < sub.count, top(q + 1).isEmpty, !below(q + 1).isEmpty { q += 1 }
                    }
                    if q > p { groups.append(p...q) }
                    p = q + 1
                }
            }
            func group(_ c: Int) -> ClosedRange<Int>? { groups.first { $0.contains(c) } }
            let isSubHeader = !nonEmpty.isEmpty && nonEmpty.allSatisfy { c, l in
                HeaderMatcher.subField(l) != nil
                    || (top(c).isEmpty || group(c) != nil) && HeaderMatcher.field(l) != nil
            } && nonEmpty.contains { c, l in
                HeaderMatcher.subField(l) != nil || group(c) != nil && HeaderMatcher.field(l) != nil
            }
            if isSubHeader {
                usesNext = true
                map.headerRows.append(next.number)
                for (c, l) in nonEmpty {
                    // The parent is the group's title, this column's label, or the nearest
                    // label to the left (a horizontally merged parent cell).
                    let inGroup = group(c)
                    var p = inGroup?.lowerBound ?? c
                    while p >= 0, top(p).isEmpty { p -= 1 }
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
                        // Under a group title, a sub-title names its own column.
                        field = inGroup != nil
                            ? HeaderMatcher.field(l) ?? (p == c ? parent : nil)
                            : p == c ? parent : HeaderMatcher.field(l)
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
        // A field's label merged across data columns (no sub-titles under them): the columns
        // are the field's, read together (session 22: they were "tanpa judul").
        for g in groups where g.count > 1 && map.fields[g.lowerBound] != nil {
            let rest = g.dropFirst()
            guard rest.allSatisfy({ map.fields[$0] == nil && (!usesNext || map.labels[$0] == nil) }) else { continue }
            map.spans[g.lowerBound] = g.upperBound
            for c in rest { map.labels[c] = nil }
        }
        if map.column(.ringkasan) == nil, let j = map.column(.judul) {
            map.fields[j] = .ringkasan
        }
        guard map.column(.ringkasan) != nil else {
            return titleHeader(map: map, header: header, below: usesNext ? below : ArraySlice((next.map { [$0] } ?? []) + below), memo: memo)
        }
        return (map, usesNext, 1000 + HeaderMatcher.coreCount(Array(map.fields.values)))
    }

    /// A header row without the full set of fields: the best title column by its header's
    /// words and by what the rows under it hold. The row's cells must all be text (a row with
    /// a number cell is data) and name at least two columns.
    private static func titleHeader(map: ColumnMap, header: SheetRow, below: ArraySlice<SheetRow>,
                                    memo: HeaderMemo) -> (ColumnMap, usesNext: Bool, score: Int)? {
        var labelled = 0
        for cell in header.cells {
            switch cell {
            case .empty: continue
            case .string(let s):
                if !Text.clean(s).isEmpty { labelled += 1 }
            default: return nil
            }
        }
        guard labelled >= 2 else { return nil }
        var best: (column: Int, score: Int)?
        for (c, label) in map.labels.sorted(by: { $0.key < $1.key }) {
            let vocabulary = titleVocabulary(label, field: map.fields[c])
            // A column headed "Judul" or "Ringkasan Isi Informasi" in so many words may hold
            // one-word titles ("Renstra", "LKjIP", "DPA"); any other heading needs titles of
            // two words or more under it to be taken as the title column.
            guard vocabulary > 0, let content = titleContent(column: c, below: below, memo: memo,
                                                            oneWordTitles: vocabulary >= 5) else { continue }
            let score = vocabulary * 10 + content
            if best == nil || score > best!.score { best = (c, score) }
        }
        guard let best else { return nil }
        var map = map
        if map.headerRows.isEmpty { map.headerRows = [header.number] }
        // A judul column kept beside the title column stays judul; the title column is the summary.
        if let r = map.column(.ringkasan), r != best.column { map.fields[r] = nil }
        map.fields[best.column] = .ringkasan
        let recognised = map.fields.count
        return (map, false, best.score + recognised * 5)
    }

    /// How strongly a header names a column of item titles: 0 when it does not.
    static func titleVocabulary(_ label: String, field: Field?) -> Int {
        let w = Text.words(Text.fold(label))
        if w.isEmpty || w.count > 16 { return 0 }
        switch field {
        case .ringkasan?: return 6
        case .judul?: return 5
        case nil, .kategori?, .keterangan?:
            let informasi = Text.hasWord(w, "informasi")
            // A section title used as the header ("Informasi Wajib Disediakan dan Diumumkan
            // Secara Berkala"), or "Informasi …", "Daftar Informasi", "Nama Informasi".
            if field == nil, informasi { return 4 }
            if field == nil, Values.category(label) != nil, w.count >= 2 { return 4 }
            let document = Text.hasWord(w, "dokumen") || Text.hasWord(w, "arsip")
            if document && (Text.hasWord(w, "nama") || Text.hasWord(w, "jenis") || Text.hasWord(w, "judul")) { return 4 }
            if field == nil, document || Text.hasWord(w, "uraian") || Text.hasWord(w, "materi") { return 3 }
            // "Jenis Informasi" is usually the category; its content decides.
            if field == .kategori, informasi { return 2 }
            return 0
        default:
            return 0
        }
    }

    /// Whether the rows under a header hold item titles in column `c`: the score of its
    /// content (0–10), nil when most of its texts are not titles (numbers, links, categories)
    /// or it has none. Scoring stops at the first run of five blank cells after a title.
    ///   - oneWordTitles: a one-word text with letters counts as a title too (for a column whose
    ///     heading names it the title or summary column).
    static func titleContent(column c: Int, below: ArraySlice<SheetRow>, memo: HeaderMemo = HeaderMemo(),
                             oneWordTitles: Bool = false) -> Int? {
        var texts = 0
        var titles = 0
        var blankRun = 0
        for row in below {
            let t = Text.clean(CellText.text(row[c]))
            if t.isEmpty {
                blankRun += 1
                if titles > 0 && blankRun >= 5 { break }
                continue
            }
            blankRun = 0
            texts += 1
            if case .string = row[c], memo.isTitleLike(t) || (oneWordTitles && ColumnMap.isOneWordTitle(t)) { titles += 1 }
        }
        guard titles > 0, titles * 2 >= texts else { return nil }
        return min(10, titles)
    }

    /// A text that reads like an item's title: two or more words with letters, not a link,
    /// not a bare category ("Berkala", "Informasi Setiap Saat").
    static func isTitleLike(_ t: String) -> Bool {
        let lower = t.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") { return false }
        let w = Text.words(Text.fold(t))
        var lettered = 0
        for word in w where word.contains(where: { $0.isLetter }) { lettered += 1 }
        guard lettered >= 2 else { return false }
        if w.count <= 4, Values.category(t) != nil { return false }
        return true
    }

    /// A one-word title ("Renstra", "LKjIP"): one word with letters, not a link, not a bare
    /// category ("Berkala").
    static func isOneWordTitle(_ t: String) -> Bool {
        let lower = t.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") { return false }
        let w = Text.words(Text.fold(t))
        guard w.count == 1, w[0].contains(where: { $0.isLetter }) else { return false }
        return Values.category(t) == nil
    }

    /// Whether a row repeats the header (three or more core labels).
    static func looksLikeHeader(_ texts: [String]) -> Bool {
        HeaderMatcher.coreCount(texts.compactMap { $0.isEmpty ? nil : HeaderMatcher.field($0) }) >= 3
    }
}

/// The results of `HeaderMatcher.field` and `ColumnMap.isTitleLike` by exact text (bytes, not
/// `String` equality: texts that are canonically equivalent but spelled differently may fold
/// differently), for one search of a sheet's first rows, where every row is tried as the
/// header and the same cells are tested again for each try.
final class HeaderMemo {
    private var fields: [ExactText: Field?] = [:]
    private var titleLike: [ExactText: Bool] = [:]

    func field(_ label: String) -> Field? {
        if let known = fields[ExactText(label)] { return known }
        let found = HeaderMatcher.field(label)
        fields[ExactText(label)] = found
        return found
    }

    func isTitleLike(_ text: String) -> Bool {
        if let known = titleLike[ExactText(text)] { return known }
        let found = ColumnMap.isTitleLike(text)
        titleLike[ExactText(text)] = found
        return found
    }
}
