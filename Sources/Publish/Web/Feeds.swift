import DIPCore
import Foundation

/// One feed entry: an item revision as it was first published.
struct FeedEntry: Sendable {
    var item: VersionItem
    /// Publication date of the first version that carried this revision.
    var date: Date
    /// The version number that first published it.
    var versionNumber: Int
    /// true when this is the first published revision of the item.
    var isNew: Bool
    /// 0 for a revision as first published; 1, 2, … each time the same revision was published
    /// again in the other form (the open part of an item exempted in part, or the whole item once
    /// that exemption was lifted, or the other way round): a change the reader must be told of.
    var variant: Int = 0
    /// Published by the version whose decree lifted its exemption (`DIPVersion.liftedExemptions`):
    /// new to the list, but not new information.
    var lifted = false
    /// For a changed revision: the published fields that differ from the revision announced
    /// before it, in the page's words (`IndexPage.changedColumns`).
    var changedColumns: [String] = []

    var changeLabel: String { isNew ? "Baru" : "Berubah" }
}

/// Builds the change feeds (Atom 1.0 and JSON Feed 1.1) from a version and its predecessors.
///
/// Entries are the revisions of the items the version publishes, each as first published
/// (one entry per item version added or changed). Items no longer published are left out so
/// the feed, page and CSV always name the same items.
enum Feeds {
    static func entries(_ list: PublishedList, history: [DIPVersion]) -> [FeedEntry] {
        let current = list.version
        let publishedIDs = Set(list.items.map(\.id))
        let versions = (history.filter { $0.number < current.number && $0.status != .draft }
            .sorted { $0.number < $1.number }) + [current]
        // Per item id, per revision announced: whether it was last published as the open part of
        // an item exempted in part, and how many entries that revision has had.
        var announced: [String: [Int: (partial: Bool, entries: Int)]] = [:]
        // Each item as last announced, to say which fields a new revision changed.
        var lastAnnounced: [String: VersionItem] = [:]
        var out: [FeedEntry] = []
        // Items the version withholds in part: an entry an earlier version made of the whole item
        // stays in the feed (the open part is still published), so it is masked as the open part
        // is (`PublishedList.maskingPersonalData`), or the feed would go on publishing what is withheld.
        let withheldInPart = Set(list.items.filter(PublishedList.isPartial).map(\.id))
        for v in versions {
            let date = PublishedList.publicationDate(of: v)
            // An earlier version's published items as its page and decree held them: the open
            // parts of items exempted in part included, or such an item, unchanged since, would be
            // announced again as new in every later version.
            let items = v.number == current.number ? list.items : PublishedList(version: v).items
            for var item in items where publishedIDs.contains(item.id) {
                if withheldInPart.contains(item.id) { item = PublishedList.maskingPersonalData(item) }
                let revs = announced[item.id, default: [:]]
                let partial = PublishedList.isPartial(item)
                if let last = revs[item.revision] {
                    // Same revision: announced again only when its published form changed.
                    guard last.partial != partial else { continue }
                    announced[item.id, default: [:]][item.revision] = (partial, last.entries + 1)
                    out.append(FeedEntry(item: item, date: date, versionNumber: v.number, isNew: false,
                                         variant: last.entries))
                    lastAnnounced[item.id] = item
                    continue
                }
                let isNew = revs.isEmpty && (item.revision <= 1 || item.change == .added)
                announced[item.id, default: [:]][item.revision] = (partial, 1)
                let columns = lastAnnounced[item.id].map { IndexPage.changedColumns($0, item) } ?? []
                lastAnnounced[item.id] = item
                out.append(FeedEntry(item: item, date: date, versionNumber: v.number, isNew: isNew,
                                     lifted: v.liftedExemptions?.contains(item.id) == true, changedColumns: columns))
            }
        }
        return out.sorted { a, b in
            if a.date != b.date { return a.date > b.date }
            if a.item.id != b.item.id { return a.item.id < b.item.id }
            if a.item.revision != b.item.revision { return a.item.revision > b.item.revision }
            return a.variant > b.variant
        }
    }

    /// The published versions the feeds announce as decrees, newest first: the current one
    /// and the earlier published ones.
    static func decrees(_ list: PublishedList, history: [DIPVersion]) -> [DIPVersion] {
        let current = list.version
        return (history.filter { $0.number < current.number && $0.status != .draft } + [current])
            .sorted { $0.number > $1.number }
    }

    static func decreeID(_ v: DIPVersion, settings: WebsiteSettings) -> String {
        "tag:\(settings.tagDomain),\(settings.tagDate):dip/keputusan/v\(v.number)"
    }

    static func decreeTitle(_ v: DIPVersion) -> String {
        "Keputusan baru: Daftar Informasi Publik versi \(v.number)" + (v.decreeNumber.map { " (Nomor \($0))" } ?? "")
    }

    /// The published version `v` replaced: the next older one among `decrees` (newest first).
    static func replaced(_ v: DIPVersion, in decrees: [DIPVersion]) -> DIPVersion? {
        decrees.first { $0.number < v.number }
    }

    /// The information the version before listed in its DIP that `v` lists nowhere (neither in
    /// its DIP nor in its DIK): withdrawn by its unit or returned. An item now exempted is not
    /// among them (the page lists its title with the exemptions).
    static func noLongerListed(_ v: DIPVersion, previous: DIPVersion?) -> [VersionItem] {
        guard let previous else { return [] }
        let now = Set(PublishedList(version: v).items.map(\.id) + v.exempted.map(\.id))
        var seen = Set<String>()
        return PublishedList(version: previous).items.filter { !now.contains($0.id) && seen.insert($0.id).inserted }
    }

    static func decreeText(_ v: DIPVersion, previous: DIPVersion? = nil, clock: Clock) -> String {
        var lines = ["Daftar Informasi Publik versi \(v.number) ditetapkan"
            + (v.decreeNumber.map { " dengan Keputusan Nomor \($0)" } ?? "")
            + (v.decreeDate.map { " tanggal \(clock.indonesianDate($0))" } ?? "") + "."]
        // The counts the decrees state (DIP diktum KEDUA: the Lampiran's rows, the open parts of
        // items exempted in part included; DIK diktum KESATU), never a third figure.
        lines.append("Jumlah informasi publik dalam DIP: \(PublishedList(version: v).items.count).")
        if !v.exempted.isEmpty {
            lines.append("Informasi yang dikecualikan: \(v.exempted.count)"
                + (v.dikDecreeNumber.map { ", ditetapkan dengan Keputusan Nomor \($0)" } ?? "") + ".")
        }
        // The exemptions its decree lifts (named in its diktum, each now an item of the list).
        let published = Set(PublishedList(version: v).items.map(\.id))
        let lifted = (v.liftedExemptions ?? []).filter { published.contains($0) }
        if !lifted.isEmpty {
            lines.append("Informasi yang tidak lagi dikecualikan (dibuka berdasarkan uji konsekuensi) dan kini tercantum dalam DIP: "
                + "\(IndonesianNumber.grouped(lifted.count)).")
        }
        // Items leave the page and the feeds without an entry of their own: the decree's entry
        // counts them, so a citizen following the feed learns that items left the list. Counted,
        // not named: what a list no longer holds is never republished (a unit may withdraw a
        // title that should not have been public).
        let gone = noLongerListed(v, previous: previous)
        if !gone.isEmpty {
            lines.append("Informasi yang tidak lagi tercantum dibandingkan DIP versi \(previous!.number): "
                + "\(IndonesianNumber.grouped(gone.count)) (ditarik oleh unitnya atau dikembalikan untuk diperbaiki).")
        }
        if let previous = v.previousDecreeNumber { lines.append("Keputusan ini mencabut Keputusan Nomor \(previous).") }
        if let dik = v.previousDIKDecreeNumber {
            // The classification in force before: revoked by this version's DIK decree, or, when
            // nothing is exempted any more, by its DIP decree (as the decrees' diktums say).
            if v.exempted.isEmpty {
                lines.append("Tidak ada lagi informasi yang dikecualikan: Keputusan Klasifikasi Informasi yang Dikecualikan Nomor \(dik) juga dicabut.")
            } else {
                lines.append("Keputusan Klasifikasi Informasi yang Dikecualikan Nomor \(dik) dicabut"
                    + (v.dikDecreeNumber.map { " oleh Keputusan Nomor \($0)" } ?? "") + ".")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Items and decrees in one newest-first order; a decree comes before the items it
    /// published (same date).
    enum Entry {
        case item(FeedEntry)
        case decree(DIPVersion)
    }

    static func merged(_ entries: [FeedEntry], _ decrees: [DIPVersion]) -> [Entry] {
        var out: [Entry] = []
        var pending = decrees[...]
        for e in entries {
            while let d = pending.first, PublishedList.publicationDate(of: d) >= e.date {
                out.append(.decree(d))
                pending.removeFirst()
            }
            out.append(.item(e))
        }
        out += pending.map { .decree($0) }
        return out
    }

    static func entryID(_ item: VersionItem, variant: Int = 0, settings: WebsiteSettings) -> String {
        "tag:\(settings.tagDomain),\(settings.tagDate):dip/\(WebText.pathSegment(item.id))/r\(item.revision)"
            + (variant > 0 ? "-\(variant + 1)" : "")
    }

    static func feedID(settings: WebsiteSettings) -> String {
        "tag:\(settings.tagDomain),\(settings.tagDate):dip"
    }

    static func itemURL(_ item: VersionItem, settings: WebsiteSettings) -> String {
        settings.normalizedBaseURL + "#" + IndexPage.itemAnchor(item)
    }

    static func title(_ e: FeedEntry) -> String {
        "\(e.changeLabel): \(e.item.item.ringkasan)"
    }

    static func categoryText(_ item: VersionItem) -> String {
        var s = "\(item.category.decreeLetter). \(item.category.shortLabel)"
        if item.category == .berkala, item.subgroup != nil { s += " — " + IndexPage.subgroupHeading(item.subgroup) }
        return s
    }

    /// The entry body as plain text, one field per line.
    static func contentText(_ e: FeedEntry, clock: Clock) -> String {
        let it = e.item.item
        var tautan: [String] = []
        if let link = it.tautan.flatMap(WebLink.checked) { tautan = ["Tautan: " + link] }
        // A field the unit left empty reads "-", not a label with nothing after it.
        let fields: [String] = [
            ("Unit kerja", e.item.unit.name),
            ("Kategori", categoryText(e.item)),
            // The unit's own number, not the item's number on the page (numbered per table):
            // "Nomor: 4" under "Kategori: C. Setiap Saat" read as the fourth item of C.
            ("Nomor pada daftar unit", it.nomor),
            ("Ringkasan isi informasi", it.ringkasan),
            ("Pejabat atau unit yang menguasai informasi", it.pejabatPenguasa),
            ("Penanggung jawab pembuatan atau penerbitan informasi", it.penanggungJawab),
            // As the page and the decree print it ("14 Februari 2026", not "2026-02-14").
            ("Waktu pembuatan", DecreeWriter.madeOn(it.madeApart.waktu, clock: clock)),
            ("Tempat pembuatan", it.madeApart.tempat),
            ("Bentuk informasi", e.item.bentukText),
            ("Jangka waktu penyimpanan (retensi)", it.retensi),
        ].map { label, value in
            let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(label): \(v.isEmpty ? "-" : v)"
        }
        // The open part of an item exempted in part: the reader is told a part is withheld, as
        // the page and the decree's Lampiran say.
        let partial = PublishedList.isPartial(e.item) ? [PublishedList.partialNote(naming: e.item)] : []
        // The same revision in its other form: say what changed (an exemption in part set or lifted).
        // An exemption lifted by this version's decree: the reader is told why it appears now (the
        // decree names it in its own diktum), not only "baru".
        let change = e.variant == 0 && e.lifted
            ? e.changeLabel.lowercased() + " (sebelumnya dikecualikan; dibuka berdasarkan uji konsekuensi)"
            : e.variant == 0 && !e.isNew && !e.changedColumns.isEmpty
            // What changed, as the page's section says it ("berubah: revisi 2" told a subscriber nothing).
            ? "berubah (" + e.changedColumns.joined(separator: ", ") + ")"
            : e.variant == 0 ? e.changeLabel.lowercased()
            : PublishedList.isPartial(e.item) ? "berubah (sebagian kini dikecualikan)"
            : "berubah (pengecualian sebagian dicabut; seluruh informasi terbuka)"
        return (fields + partial + tautan + [
            "Perubahan: \(change), revisi \(e.item.revision), DIP versi \(e.versionNumber)",
        ]).joined(separator: "\n")
    }

    static func updated(_ entries: [FeedEntry], _ list: PublishedList) -> Date {
        max(entries.map(\.date).max() ?? .distantPast, PublishedList.publicationDate(of: list.version))
    }

    // MARK: Atom

    static func atom(_ list: PublishedList, entries: [FeedEntry], history: [DIPVersion] = [], settings: WebsiteSettings,
                     clock: Clock) -> String {
        let e = WebText.escape
        let base = settings.normalizedBaseURL
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        x += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"id\">\n"
        x += "<id>\(e(feedID(settings: settings)))</id>\n"
        x += "<title type=\"text\">\(e("Perubahan " + settings.siteTitle))</title>\n"
        x += "<subtitle type=\"text\">\(e("Informasi publik yang baru atau berubah pada Daftar Informasi Publik \(settings.bodyName)."))</subtitle>\n"
        x += "<updated>\(clock.rfc3339(updated(entries, list)))</updated>\n"
        x += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(e(base + IndexPage.atomName))\"/>\n"
        x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(base))\"/>\n"
        x += "<author><name>\(e(settings.bodyName))</name></author>\n"
        x += "<rights type=\"text\">\(e("\(settings.licenseTitle) (\(settings.licenseID))"))</rights>\n"
        x += "<generator>dip</generator>\n"
        let published = decrees(list, history: history)
        for merged in merged(entries, published) {
            guard case .item(let entry) = merged else {
                guard case .decree(let v) = merged else { continue }
                let date = clock.rfc3339(PublishedList.publicationDate(of: v))
                let html = decreeText(v, previous: replaced(v, in: published), clock: clock).split(separator: "\n").map { WebText.escape(String($0)) }
                    .joined(separator: "<br/>")
                x += "<entry>\n<id>\(e(decreeID(v, settings: settings)))</id>\n"
                x += "<title type=\"text\">\(e(decreeTitle(v)))</title>\n"
                x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(base))\"/>\n"
                x += "<published>\(date)</published>\n<updated>\(date)</updated>\n"
                x += "<category term=\"keputusan\" label=\"Keputusan\"/>\n"
                x += "<content type=\"html\">\(e(html))</content>\n</entry>\n"
                continue
            }
            let item = entry.item
            let date = clock.rfc3339(entry.date)
            x += "<entry>\n"
            x += "<id>\(e(entryID(item, variant: entry.variant, settings: settings)))</id>\n"
            x += "<title type=\"text\">\(e(title(entry)))</title>\n"
            x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(itemURL(item, settings: settings)))\"/>\n"
            if let link = item.item.tautan.flatMap(WebLink.checked) {
                x += "<link rel=\"related\" href=\"\(e(link))\" title=\"Tautan informasi\"/>\n"
            }
            x += "<published>\(date)</published>\n<updated>\(date)</updated>\n"
            x += "<category term=\"\(e(item.category.rawValue))\" label=\"\(e(item.category.shortLabel))\"/>\n"
            // HTML content so that feed readers keep one field per line (text content
            // loses the line breaks in most readers).
            let html = contentText(entry, clock: clock).split(separator: "\n", omittingEmptySubsequences: false)
                .map { WebText.escape(String($0)) }.joined(separator: "<br/>")
            x += "<content type=\"html\">\(e(html))</content>\n"
            x += "</entry>\n"
        }
        x += "</feed>\n"
        return x
    }

    // MARK: JSON Feed

    struct JSONFeed: Encodable {
        var version = "https://jsonfeed.org/version/1.1"
        var title: String
        var description: String
        var homePageURL: String
        var feedURL: String
        var language = "id"
        var authors: [Author]
        var items: [Item]

        struct Author: Encodable { var name: String }

        struct Item: Encodable {
            var id: String
            var url: String
            /// The unit's own link to the information (checked http/https).
            var externalURL: String?
            var title: String
            var contentText: String
            var datePublished: String
            var dateModified: String
            var tags: [String]
            /// Nil for a decree's entry.
            var dip: Extension?

            enum CodingKeys: String, CodingKey {
                case id, url, title, tags
                case externalURL = "external_url"
                case contentText = "content_text"
                case datePublished = "date_published"
                case dateModified = "date_modified"
                case dip = "_dip"
            }
        }

        /// Machine-readable fields under the `_dip` extension key.
        struct Extension: Encodable {
            var id: String
            var revisi: Int
            var versi: Int
            var perubahan: String
            var kategori: String
            var subkelompok: String?
            var unitKode: String
            var unit: String

            enum CodingKeys: String, CodingKey {
                case id, revisi, versi, perubahan, kategori, subkelompok, unit
                case unitKode = "unit_kode"
            }
        }

        enum CodingKeys: String, CodingKey {
            case version, title, description, language, authors, items
            case homePageURL = "home_page_url"
            case feedURL = "feed_url"
        }
    }

    static func jsonFeed(_ list: PublishedList, entries: [FeedEntry], history: [DIPVersion] = [], settings: WebsiteSettings,
                         clock: Clock) throws -> Data {
        let base = settings.normalizedBaseURL
        let published = decrees(list, history: history)
        let feed = JSONFeed(
            title: "Perubahan " + settings.siteTitle,
            description: "Informasi publik yang baru atau berubah pada Daftar Informasi Publik \(settings.bodyName).",
            homePageURL: base, feedURL: base + IndexPage.jsonFeedName,
            authors: [.init(name: settings.bodyName)],
            items: merged(entries, published).map { merged in
                guard case .item(let entry) = merged else {
                    guard case .decree(let v) = merged else { fatalError("unreachable") }
                    let date = clock.rfc3339(PublishedList.publicationDate(of: v))
                    return JSONFeed.Item(
                        id: decreeID(v, settings: settings), url: base, externalURL: nil,
                        title: WebText.xmlSafe(decreeTitle(v)), contentText: WebText.xmlSafe(decreeText(v, previous: replaced(v, in: published), clock: clock)),
                        datePublished: date, dateModified: date, tags: ["Keputusan"], dip: nil)
                }
                let item = entry.item
                let date = clock.rfc3339(entry.date)
                return JSONFeed.Item(
                    id: entryID(item, variant: entry.variant, settings: settings), url: itemURL(item, settings: settings),
                    externalURL: item.item.tautan.flatMap(WebLink.checked),
                    title: WebText.xmlSafe(title(entry)),
                    contentText: WebText.xmlSafe(contentText(entry, clock: clock)),
                    datePublished: date, dateModified: date,
                    tags: [item.category.shortLabel, item.unit.name],
                    dip: .init(id: item.id, revisi: item.revision, versi: entry.versionNumber,
                               perubahan: entry.isNew ? "baru" : "berubah",
                               kategori: item.category.rawValue,
                               subkelompok: item.category == .berkala ? item.subgroup?.rawValue : nil,
                               unitKode: item.unit.code, unit: item.unit.name))
            })
        return try WebJSON.encode(feed)
    }
}

/// Deterministic JSON: sorted keys, unescaped slashes, two-space indentation, final newline.
enum WebJSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try enc.encode(value)
        data.append(0x0A)
        return data
    }
}
