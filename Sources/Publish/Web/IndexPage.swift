import DIPCore
import Foundation
import Register
import Rules

/// The public page `index.html`: the published DIP grouped as the decree groups it, readable
/// without JavaScript, with a small inline filter, feed autodiscovery and open-data links.
/// Self-contained (inline CSS and JS, no external resources) so it can be copied anywhere.
enum IndexPage {
    /// File names of the sibling outputs the page links to.
    static let atomName = "feed.atom"
    static let jsonFeedName = "feed.json"
    static let csvName = "dip.csv"
    static let xlsxName = "dip.xlsx"
    static let dataPackageName = "datapackage.json"

    static let columns = [
        "No.", "Unit kerja", "Ringkasan isi informasi",
        "Pejabat atau unit yang menguasai informasi",
        "Penanggung jawab pembuatan atau penerbitan informasi",
        "Waktu pembuatan", "Tempat pembuatan", "Bentuk informasi",
        "Jangka waktu penyimpanan (retensi)",
    ]

    /// - Parameter terms: the register's `exemptionTerms(version:)` of the version: when each
    ///   exempted title's period started (else with this version's decree) and so when it ends.
    ///   - history: earlier versions: the page says what changed since the decree this one
    ///     replaced (`changesSection`); empty, nothing is said.
    static func render(_ list: PublishedList, settings: WebsiteSettings, citations: LegalCitations, clock: Clock,
                       terms: [ExemptionTerm] = [], history: [DIPVersion] = []) -> String {
        let e = WebText.escape
        let version = list.version
        var h = ""
        h += "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(e(settings.siteTitle))</title>\n"
        h += "<meta name=\"description\" content=\"\(e(description(version, settings: settings, clock: clock)))\">\n"
        h += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Perubahan DIP (Atom)\" href=\"\(atomName)\">\n"
        h += "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Perubahan DIP (JSON Feed)\" href=\"\(jsonFeedName)\">\n"
        h += "<style>\n\(css)</style>\n</head>\n<body>\n"
        h += "<a class=\"lompat\" href=\"#daftar\">Langsung ke daftar informasi</a>\n"
        h += "<header>\n<h1>\(e(settings.siteTitle))</h1>\n"
        h += "<p class=\"badan\">\(e(settings.bodyName))</p>\n"
        h += "<p class=\"penetapan\">\(e(decreeSentence(version, clock: clock)))</p>\n"
        h += "<p>Versi DIP ke-\(version.number) · \(IndonesianNumber.grouped(list.items.count)) informasi publik.</p>\n"
        h += "<p class=\"permohonan\">\(e(requestSentence(settings)))</p>\n"
        h += "</header>\n"
        h += changesSection(list, history: history, listsExempted: settings.listExemptedTitles)

        let groups = list.groups
        h += "<nav aria-label=\"Daftar isi\">\n<h2 id=\"isi\">Daftar isi</h2>\n<ul>\n"
        var lastCategory: Category?
        for g in groups {
            if g.category != lastCategory {
                if lastCategory != nil && lastCategory == .berkala { h += "</ul></li>\n" }
                h += "<li><a href=\"#\(categoryAnchor(g.category))\">\(e(categoryHeading(g.category)))</a>"
                h += g.category == .berkala ? "\n<ul>\n" : "</li>\n"
                lastCategory = g.category
            }
            if g.category == .berkala {
                h += "<li><a href=\"#\(groupAnchor(g))\">\(e(subgroupHeading(g.subgroup)))</a></li>\n"
            }
        }
        if lastCategory == .berkala { h += "</ul></li>\n" }
        if settings.listExemptedTitles && !list.exemptedTitles.isEmpty {
            h += "<li><a href=\"#dikecualikan\">Informasi yang dikecualikan (judul saja)</a></li>\n"
        }
        h += "<li><a href=\"#data-terbuka\">Umpan perubahan dan data terbuka</a></li>\n"
        h += "</ul>\n</nav>\n"

        h += "<main id=\"daftar\">\n"
        h += "<form class=\"saring\" id=\"saring\" role=\"search\" method=\"get\" hidden>\n"
        h += "<label for=\"q\">Cari dalam daftar (ringkasan, unit, pejabat, bentuk, …)</label>\n"
        h += "<input type=\"search\" id=\"q\" name=\"q\" autocomplete=\"off\" spellcheck=\"false\">\n"
        h += "<p id=\"saring-status\" role=\"status\" aria-live=\"polite\"></p>\n"
        h += "</form>\n"
        h += "<noscript><p class=\"catatan\">Kotak pencarian memerlukan JavaScript. Seluruh daftar tetap dapat dibaca di bawah ini; gunakan fitur cari pada peramban (Ctrl+F).</p></noscript>\n"
        if groups.isEmpty {
            h += "<p>Belum ada informasi publik yang diterbitkan pada versi ini.</p>\n"
        }

        var open = false
        lastCategory = nil
        for g in groups {
            if g.category != lastCategory {
                if open { h += "</section>\n" }
                h += "<section class=\"dip-kategori\" id=\"\(categoryAnchor(g.category))\" aria-labelledby=\"\(categoryAnchor(g.category))-judul\">\n"
                h += "<h2 id=\"\(categoryAnchor(g.category))-judul\">\(e(categoryHeading(g.category)))</h2>\n"
                h += "<p class=\"dasar\">Dasar hukum: \(e(g.category.legalBasis)).</p>\n"
                open = true
                lastCategory = g.category
            }
            h += renderGroup(g, numbers: list.numbers, clock: clock)
        }
        if open { h += "</section>\n" }

        if settings.listExemptedTitles && !list.exemptedTitles.isEmpty {
            h += renderExempted(list.exemptedTitles, citations: citations, decree: dikDecreeSentence(version, clock: clock),
                                periods: exemptionPeriods(list.exemptedTitles, version: version, terms: terms, clock: clock), clock: clock)
        }
        h += "</main>\n"

        h += "<footer id=\"data-terbuka\">\n<h2>Umpan perubahan dan data terbuka</h2>\n<ul>\n"
        h += "<li><a href=\"\(atomName)\" type=\"application/atom+xml\">Umpan perubahan (Atom)</a></li>\n"
        h += "<li><a href=\"\(jsonFeedName)\" type=\"application/feed+json\">Umpan perubahan (JSON Feed)</a></li>\n"
        h += "<li><a href=\"\(xlsxName)\" type=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\">Data DIP (Excel, .xlsx)</a></li>\n"
        h += "<li><a href=\"\(csvName)\" type=\"text/csv\">Data DIP (CSV, UTF-8)</a></li>\n"
        h += "<li><a href=\"\(dataPackageName)\" type=\"application/json\">Deskripsi data (Frictionless Data Package)</a></li>\n"
        h += "</ul>\n"
        h += "<p>Data dapat digunakan ulang dengan lisensi <a href=\"\(e(settings.licenseURL))\">\(e(settings.licenseTitle)) (\(e(settings.licenseID)))</a>.</p>\n"
        h += "<p>Halaman ini dibuat pada \(e(clock.indonesianDate())).</p>\n"
        h += "</footer>\n"
        h += "<script>\n\(script)</script>\n"
        h += "</body>\n</html>\n"
        return h
    }

    /// Under the exempted titles: that they may still be requested, and the objection a refusal allows.
    static let exemptedRequestSentence = "Permohonan atas informasi yang dikecualikan tetap dapat diajukan kepada PPID. "
        + "Bila permohonan ditolak berdasarkan alasan pengecualian, pemohon dapat mengajukan keberatan secara tertulis "
        + "kepada atasan PPID (UU 14/2008 Pasal 35)."

    /// How many items of each kind the changes section names; the rest are counted.
    static let changesNamed = 20

    /// The published fields a citizen reads, with the page's names for them (`headers`).
    static func changedColumns(_ old: VersionItem, _ new: VersionItem) -> [String] {
        let a = old.item, b = new.item
        let pairs: [(String, String?, String?)] = [
            ("ringkasan isi informasi", a.ringkasan, b.ringkasan),
            ("pejabat atau unit yang menguasai informasi", a.pejabatPenguasa, b.pejabatPenguasa),
            ("penanggung jawab", a.penanggungJawab, b.penanggungJawab),
            ("waktu pembuatan", a.madeApart.waktu, b.madeApart.waktu),
            ("tempat pembuatan", a.madeApart.tempat, b.madeApart.tempat),
            ("bentuk informasi", old.bentukText, new.bentukText),
            ("jangka waktu penyimpanan", a.retensi, b.retensi),
        ]
        var out = pairs.filter { ($0.1 ?? "") != ($0.2 ?? "") }.map(\.0)
        if old.category != new.category || old.subgroup != new.subgroup { out.append("kategori") }
        return out
    }

    /// "Perubahan dibanding DIP versi 2": the items this version publishes that the decree it
    /// replaced did not (new, or opened from an exemption), those whose published fields changed
    /// (and which), and how many left the list or are now exempted. The page listed the items
    /// as they stand and said nowhere what the new decree changed; only the feeds did, which a
    /// citizen on a phone does not read (session 26). Items that left are counted, never named,
    /// as in the feeds (a unit may withdraw a title that should not have been public). Empty
    /// for a first publication (everything is new) or without the earlier versions.
    static func changesSection(_ list: PublishedList, history: [DIPVersion], listsExempted: Bool) -> String {
        let e = WebText.escape
        guard let previous = Feeds.replaced(list.version, in: Feeds.decrees(list, history: history)) else { return "" }
        let before = PublishedList(version: previous)
        var old: [String: VersionItem] = [:]
        for item in before.items where old[item.id] == nil { old[item.id] = item }
        let wasExempted = Set(previous.exempted.map(\.id))
        var added: [VersionItem] = [], opened: [VersionItem] = [], changed: [(VersionItem, [String])] = []
        var seen = Set<String>()
        for item in list.items where seen.insert(item.id).inserted {
            guard let was = old[item.id] else {
                if wasExempted.contains(item.id) { opened.append(item) } else { added.append(item) }
                continue
            }
            let columns = changedColumns(was, item)
            if !columns.isEmpty { changed.append((item, columns)) }
        }
        let nowOpen = Set(list.items.map(\.id))
        let nowExempted = Set(list.version.exempted.map(\.id)).subtracting(nowOpen)
        let exemptedNow = Set(old.keys).intersection(nowExempted).count
        let gone = Feeds.noLongerListed(list.version, previous: previous).count
        var h = "<section class=\"perubahan\" id=\"perubahan\" aria-labelledby=\"perubahan-judul\">\n"
        h += "<h2 id=\"perubahan-judul\">Perubahan dibanding DIP versi \(previous.number)</h2>\n"
        guard !(added.isEmpty && opened.isEmpty && changed.isEmpty && exemptedNow == 0 && gone == 0) else {
            return h + "<p>Isi daftar sama dengan DIP versi \(previous.number).</p>\n</section>\n"
        }
        func link(_ item: VersionItem) -> String {
            "<a href=\"#\(itemAnchor(item))\">\(e(item.item.ringkasan))</a> (\(e(item.unit.name)))"
        }
        func named(_ label: String, _ items: [(VersionItem, String)]) -> String {
            guard !items.isEmpty else { return "" }
            var out = "<p>\(e(label)) (\(IndonesianNumber.grouped(items.count))):</p>\n<ul>\n"
            for (item, more) in items.prefix(changesNamed) { out += "<li>\(link(item))\(e(more))</li>\n" }
            if items.count > changesNamed {
                out += "<li>dan \(IndonesianNumber.grouped(items.count - changesNamed)) informasi lain (lihat umpan perubahan)</li>\n"
            }
            return out + "</ul>\n"
        }
        h += named("Informasi baru", added.map { ($0, "") })
        h += named("Informasi yang tidak lagi dikecualikan (dibuka berdasarkan uji konsekuensi)", opened.map { ($0, "") })
        h += named("Informasi yang berubah", changed.map { ($0.0, "; yang berubah: " + $0.1.joined(separator: ", ")) })
        if exemptedNow > 0 {
            h += "<p>\(IndonesianNumber.grouped(exemptedNow)) informasi kini dikecualikan"
                + (listsExempted ? " (judulnya tercantum pada <a href=\"#dikecualikan\">informasi yang dikecualikan</a>)" : "") + ".</p>\n"
        }
        if gone > 0 {
            h += "<p>\(IndonesianNumber.grouped(gone)) informasi tidak lagi tercantum (ditarik oleh unitnya atau dikembalikan untuk diperbaiki).</p>\n"
        }
        return h + "</section>\n"
    }

    /// How a citizen obtains what the list names: the page listed every item and said nowhere
    /// whom to ask for it (session 24); the body's own contact follows when `situs.json` sets it.
    static func requestSentence(_ settings: WebsiteSettings) -> String {
        let contact = settings.requestContact.trimmingCharacters(in: .whitespacesAndNewlines)
        var s = "Informasi dalam daftar ini dapat diperoleh dengan mengajukan permohonan informasi publik kepada PPID \(settings.bodyName)"
        if !contact.isEmpty {
            s += ": " + contact
            if !(contact.hasSuffix(".") || contact.hasSuffix("!") || contact.hasSuffix("?")) { s += "." }
        } else {
            s += "."
        }
        return s
    }

    static func description(_ v: DIPVersion, settings: WebsiteSettings, clock: Clock) -> String {
        "Daftar Informasi Publik \(settings.bodyName), versi \(v.number)."
    }

    static func decreeSentence(_ v: DIPVersion, clock: Clock) -> String {
        switch (v.decreeNumber, v.decreeDate) {
        case let (n?, d?):
            return "Ditetapkan dengan Keputusan Nomor \(n) tanggal \(clock.indonesianDate(d))."
        case let (n?, nil):
            return "Ditetapkan dengan Keputusan Nomor \(n)."
        case let (nil, d?):
            return "Ditetapkan pada \(clock.indonesianDate(d))."
        case (nil, nil):
            return "Versi \(v.number), diterbitkan \(clock.indonesianDate(PublishedList.publicationDate(of: v)))."
        }
    }

    static func categoryAnchor(_ c: Category) -> String { "kategori-\(c.rawValue)" }

    static func groupAnchor(_ g: PublishedList.Group) -> String {
        if g.category == .berkala { return "berkala-\(g.subgroup?.rawValue ?? "lainnya")" }
        return "tabel-\(g.category.rawValue)"
    }

    static func categoryHeading(_ c: Category) -> String { "\(c.decreeLetter). \(c.label)" }

    /// "Kelompok A – …", as the decree's Lampiran prints it: a bare "C. Ringkasan Informasi tentang
    /// Kinerja" under "A. … Berkala" read to citizens as a third category beside "C. … Setiap Saat".
    static func subgroupHeading(_ s: BerkalaSubgroup?) -> String {
        guard let s else { return "Informasi berkala lainnya" }
        return "Kelompok \(s.rawValue) – \(s.title)"
    }

    static func itemAnchor(_ item: VersionItem) -> String { "item-\(WebText.anchor(item.id))" }

    static func renderGroup(_ g: PublishedList.Group, numbers: [String: Int], clock: Clock) -> String {
        let e = WebText.escape
        let anchor = groupAnchor(g)
        var h = ""
        let title: String
        if g.category == .berkala {
            title = subgroupHeading(g.subgroup)
            h += "<section class=\"dip-kelompok\" id=\"\(anchor)\" aria-labelledby=\"\(anchor)-judul\">\n"
            h += "<h3 id=\"\(anchor)-judul\">\(e(title))</h3>\n"
        } else {
            title = g.category.label
            h += "<div class=\"dip-kelompok\" id=\"\(anchor)\">\n"
        }
        h += "<div class=\"tabel\" role=\"region\" aria-labelledby=\"\(anchor)-keterangan\" tabindex=\"0\">\n"
        h += "<table class=\"dip\">\n<caption id=\"\(anchor)-keterangan\">\(e(title)) (\(IndonesianNumber.grouped(g.items.count)) informasi)</caption>\n"
        h += "<thead>\n<tr>"
        for c in columns { h += "<th scope=\"col\">\(e(c))</th>" }
        h += "</tr>\n</thead>\n<tbody>\n"
        for (i, item) in g.items.enumerated() {
            let it = item.item
            h += "<tr class=\"dip-item\" id=\"\(itemAnchor(item))\" data-id=\"\(e(item.id))\">"
            h += "<th scope=\"row\">\(numbers[item.id] ?? i + 1)</th>"
            h += "<td>\(e(item.unit.name))</td>"
            let note = PublishedList.isPartial(item) ? "<br><small>\(e(PublishedList.partialNote(naming: item)))</small>" : ""
            if let link = it.tautan.flatMap(WebLink.checked) {
                // The unit's own link (checked http/https, escaped): the item's page or document.
                h += "<td><a href=\"\(e(link))\" rel=\"noopener noreferrer nofollow\">\(e(it.ringkasan))</a>\(note)</td>"
            } else {
                h += "<td>\(e(it.ringkasan))\(note)</td>"
            }
            h += "<td>\(e(it.pejabatPenguasa))</td>"
            h += "<td>\(e(it.penanggungJawab))</td>"
            // The time of making as the decree's Lampiran prints it ("5 Januari 2026", not the ISO form).
            let made = it.madeApart
            h += "<td>\(e(DecreeWriter.madeOn(made.waktu, clock: clock)))</td>"
            h += "<td>\(e(made.tempat))</td>"
            h += "<td>\(e(item.bentukText))</td>"
            h += "<td>\(e(it.retensi))</td>"
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n</div>\n"
        h += g.category == .berkala ? "</section>\n" : "</div>\n"
        return h
    }

    /// The DIK decree the exemptions were set by, for the citizen who objects to one (UU 14/2008
    /// Pasal 35 ayat (1) huruf a: an objection against a refusal on the grounds of Pasal 17).
    static func dikDecreeSentence(_ v: DIPVersion, clock: Clock) -> String? {
        guard let n = v.dikDecreeNumber else { return nil }
        return "Klasifikasinya ditetapkan dengan Keputusan Nomor \(n)"
            + (v.decreeDate.map { " tanggal \(clock.indonesianDate($0))" } ?? "") + "."
    }

    /// What the page says of an exempted title's period: from when it runs and when it ends (or
    /// ended); keyed by item id and revision.
    struct PeriodNote: Equatable {
        /// "sejak 5 Januari 2026 sampai dengan tanggal 4 Januari 2027" (the last day withheld)
        var dates: String
        /// The first day without it, when that day has come by the page's day.
        var ended: Date?
    }

    /// For every exempted title whose period dip can date (years, months, "sampai <a calendar
    /// time>"): its start (the decree that first set it on its test, `ExemptionTerm.decidedOn`,
    /// else this version's decree) and end (`ExemptionPeriods.endDay`), and whether it has ended
    /// on `clock`'s day. A page written when the version was published keeps saying "withheld"
    /// after the period ends; `PublishStage.refreshWebsite` writes it again on the first day
    /// without it, with this note.
    static func exemptionPeriods(_ items: [VersionItem], version: DIPVersion, terms: [ExemptionTerm],
                                 clock: Clock) -> [String: PeriodNote] {
        var decided: [String: Date] = [:]
        for t in terms where t.decidedInVersion != version.number {
            if let d = t.decidedOn { decided["\(t.itemID)#\(t.revision)"] = d }
        }
        var notes: [String: PeriodNote] = [:]
        for v in items {
            guard let t = v.consequenceTest else { continue }
            let key = "\(v.id)#\(v.revision)"
            guard let start = decided[key] ?? version.decreeDate,
                  let end = ExemptionPeriods.endDay(of: t.period, setOn: start) else { continue }
            let ended = end <= IndonesianDate.startOfDay(clock.now)
            notes[key] = PeriodNote(
                dates: "sejak \(clock.indonesianDate(start)) \(ExemptionPeriods.untilText(end, clock: clock))",
                ended: ended ? end : nil)
        }
        return notes
    }

    /// What a citizen reads of an exemption whose period has ended while the decree that listed it
    /// is still the one in force: the date, that no decree has set it again on a new test (a test
    /// recorded but not yet decreed may exist, so not "not tested again"), and that it can be
    /// requested.
    static func endedNote(_ end: Date, clock: Clock) -> String {
        "Jangka waktu pengecualian ini telah \(ExemptionPeriods.endsText(end, clock: clock)); pengecualiannya belum "
            + "ditetapkan kembali berdasarkan uji konsekuensi baru. "
            + "Anda dapat mengajukan permohonan informasi ini kepada PPID."
    }

    static func renderExempted(_ items: [VersionItem], citations: LegalCitations, decree: String? = nil,
                               periods: [String: PeriodNote] = [:], clock: Clock) -> String {
        let e = WebText.escape
        var h = "<section id=\"dikecualikan\" aria-labelledby=\"dikecualikan-judul\">\n"
        h += "<h2 id=\"dikecualikan-judul\">Informasi yang Dikecualikan</h2>\n"
        h += "<p>Berikut hanya judul informasi yang dikecualikan berdasarkan uji konsekuensi, dengan dasar hukum dan jangka waktu pengecualiannya (UU 14/2008 Pasal 17 dan Pasal 19). Isi informasinya tidak dipublikasikan.\(decree.map { " " + e($0) } ?? "")</p>\n"
        // What a citizen may still do about a withheld title: the page said only that its content
        // is not published (session 26). Pasal 35 as quoted by PPID pages in the stored texts
        // (keberatan to the atasan PPID, ground a: a refusal on the grounds of Pasal 17).
        h += "<p>\(e(exemptedRequestSentence))</p>\n"
        h += "<div class=\"tabel\" role=\"region\" aria-labelledby=\"dikecualikan-keterangan\" tabindex=\"0\">\n"
        h += "<table class=\"dik\">\n<caption id=\"dikecualikan-keterangan\">Judul informasi yang dikecualikan (\(IndonesianNumber.grouped(items.count)) informasi)</caption>\n"
        h += "<thead>\n<tr>" + exemptedColumns.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr>\n</thead>\n<tbody>\n"
        for (i, item) in items.enumerated() {
            let basis = citations.citation(test: item.consequenceTest, grounds: item.classification?.exemptionGrounds ?? [],
                                           unitText: item.item.dasarHukumText)
            let period = item.consequenceTest.map(DecreeWriter.periodLabel) ?? ""
            h += "<tr class=\"dik-item\"><th scope=\"row\">\(i + 1)</th>"
            // Exempted in part: the list names the withheld part, as the DIK decree's Lampiran
            // does; the rest of the item is in the DIP above.
            var title = e(item.exemptedTitle)
            if let t = item.consequenceTest, t.conclusion == .exemptPart {
                let part = t.specificInformation.trimmingCharacters(in: .whitespacesAndNewlines)
                title += part.isEmpty ? "<br>(dikecualikan sebagian; bagian lainnya tercantum dalam DIP)"
                    : "<br>Bagian yang dikecualikan: \(e(part)) (bagian lainnya tercantum dalam DIP)"
            }
            // An ended period is said once, in the period's cell: a phone shows each title as a
            // card with every field (session 23), so the line session 21 added under the title, for
            // a period column then beyond the screen's edge, only said it twice (session 24).
            h += "<td>\(e(item.unit.name))</td><td>\(title)</td>"
            var periodCell = e(period.isEmpty ? "-" : period)
            if let note = periods["\(item.id)#\(item.revision)"] {
                periodCell += "<br>\(e(note.dates))"
                if let end = note.ended { periodCell += "<br><strong class=\"berakhir\">\(e(endedNote(end, clock: clock)))</strong>" }
            }
            h += "<td>\(e(basis.isEmpty ? "-" : basis))</td><td>\(periodCell)</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</div>\n</section>\n"
        return h
    }

    /// The exempted titles' table's columns.
    static let exemptedColumns = ["No.", "Unit kerja", "Judul informasi", "Dasar hukum pengecualian", "Jangka waktu pengecualian"]

    /// The page's style: `baseCSS`, then, on a phone, every table as a card per row with each
    /// value under its column's name. (A 60 rem table in a box scrolling sideways showed a phone
    /// two or three columns and cut its caption after a few words: the count and most of the
    /// title were beyond the box's edge, session 22.) The names come from CSS, not from an
    /// attribute on each of a regency's 18,000 rows × 9 cells.
    static let css = baseCSS + """
    @media (max-width:40rem){
    .tabel{overflow-x:visible}
    table.dip,table.dik{min-width:0}
    table.dip,table.dik,table.dip caption,table.dik caption,table.dip tbody,table.dik tbody,table.dip tr,table.dik tr{display:block}
    table.dip thead,table.dik thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
    table.dip tr,table.dik tr{border:1px solid #b8c2cc;border-left:4px solid #0b4f9c;margin:0 0 .6rem;padding:.35rem .5rem}
    table.dip th,table.dip td,table.dik th,table.dik td{display:block;border:0;padding:.15rem 0;white-space:normal;overflow-wrap:anywhere}
    table.dip td:empty,table.dik td:empty{display:none}
    table.dip tr>*::before,table.dik tr>*::before{display:block;font-weight:600;font-size:.8rem;color:#444}

    """ + cardLabels("dip", columns) + cardLabels("dik", exemptedColumns) + "}\n"

    /// `table.<name> tr>:nth-child(k)::before{content:"…"}` for each column.
    static func cardLabels(_ name: String, _ headers: [String]) -> String {
        headers.enumerated().map { i, header in
            let quoted = header.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "table.\(name) tr>:nth-child(\(i + 1))::before{content:\"\(quoted)\"}\n"
        }.joined()
    }

    static let baseCSS = """
    [hidden]{display:none!important}
    html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}
    body{margin:0 auto;max-width:90rem;padding:0 1rem 2rem}
    a{color:#0b4f9c}
    a:focus,input:focus,.tabel:focus{outline:3px solid #f2a900;outline-offset:2px}
    .lompat{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
    .lompat:focus{left:1rem}
    h1{font-size:1.6rem;margin:1rem 0 .25rem}
    h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:2px solid #0b4f9c}
    h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
    .badan{font-weight:600;margin:0}
    .dasar,.catatan{color:#444;font-size:.95rem}
    nav ul{padding-left:1.25rem}
    .saring{margin:1rem 0;padding:.75rem;background:#f1f5fa;border:1px solid #c9d6e6;border-radius:4px}
    .saring label{display:block;font-weight:600;margin-bottom:.25rem}
    .saring input{width:100%;max-width:40rem;box-sizing:border-box;font-size:1rem;padding:.5rem;border:1px solid #555;border-radius:3px}
    #saring-status{margin:.5rem 0 0}
    .tabel{overflow-x:auto;margin-bottom:1rem}
    table{border-collapse:collapse;width:100%;min-width:60rem;font-size:.92rem}
    caption{text-align:left;font-weight:600;padding:.25rem 0}
    th,td{border:1px solid #b8c2cc;padding:.35rem .5rem;vertical-align:top;text-align:left}
    thead th{background:#e3ebf4}
    tbody th{font-weight:normal;white-space:nowrap}
    tbody tr:nth-child(even){background:#f8fafc}
    footer{margin-top:2rem;font-size:.95rem}
    @media (max-width:40rem){
    body{padding:0 .5rem 1rem}
    h1{font-size:1.3rem}
    table{font-size:.9rem}
    }
    @media print{
    .lompat,.saring,nav,noscript{display:none!important}
    body{max-width:none;padding:0}
    .tabel{overflow:visible}
    table{min-width:0;font-size:9pt}
    thead{display:table-header-group}
    tr{break-inside:avoid}
    a{color:inherit;text-decoration:none}
    h2,h3{break-after:avoid}
    }

    """

    /// The filter: shows the box (hidden without JS), hides rows not containing every word of
    /// the query (accents ignored), hides empty groups, and reads `?q=` so a filtered view can
    /// be linked (and tested headless). The exempted titles are searched too, and counted apart:
    /// a citizen looking for a withheld title read "0 dari 20 informasi cocok." and stopped,
    /// while the title, its basis and period stood unfiltered further down (session 24).
    static let script = """
    (function () {
      var form = document.getElementById('saring');
      var input = document.getElementById('q');
      var status = document.getElementById('saring-status');
      if (!form || !input) { return; }
      var rows = Array.prototype.slice.call(document.querySelectorAll('tr.dip-item'));
      var sections = Array.prototype.slice.call(document.querySelectorAll('.dip-kelompok, .dip-kategori'));
      var dikRows = Array.prototype.slice.call(document.querySelectorAll('tr.dik-item'));
      var dikSection = document.getElementById('dikecualikan');
      function norm(s) { return s.normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(); }
      var texts = rows.map(function (r) { return norm(r.textContent); });
      var dikTexts = dikRows.map(function (r) { return norm(r.textContent); });
      function narrow(list, listTexts, words) {
        var shown = 0;
        list.forEach(function (r, i) {
          var ok = words.every(function (w) { return listTexts[i].indexOf(w) >= 0; });
          r.hidden = !ok;
          if (ok) { shown += 1; }
        });
        return shown;
      }
      function apply() {
        var words = norm(input.value).split(/\\s+/).filter(function (w) { return w.length > 0; });
        var shown = narrow(rows, texts, words);
        var dikShown = narrow(dikRows, dikTexts, words);
        sections.forEach(function (s) { s.hidden = !s.querySelector('tr.dip-item:not([hidden])'); });
        if (dikSection && dikRows.length) { dikSection.hidden = dikShown === 0; }
        var withheld = dikRows.length ? '; ' + dikShown + ' dari ' + dikRows.length + ' judul informasi yang dikecualikan cocok' : '';
        status.textContent = words.length ? shown + ' dari ' + rows.length + ' informasi cocok' + withheld + '.' : 'Menampilkan semua ' + rows.length + ' informasi.';
        document.body.setAttribute('data-tampil', String(shown));
        document.body.setAttribute('data-tampil-dikecualikan', String(dikShown));
      }
      form.hidden = false;
      form.addEventListener('submit', function (ev) { ev.preventDefault(); apply(); });
      input.addEventListener('input', apply);
      var q = new URLSearchParams(window.location.search).get('q');
      if (q) { input.value = q; }
      apply();
    })();

    """
}
