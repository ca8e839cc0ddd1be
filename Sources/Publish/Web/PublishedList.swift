import DIPCore
import Foundation

/// The items a published version puts before the public, in publication order. Every web
/// output (page, feeds, CSV) reads this one list, so they always agree on which items appear.
///
/// Only open items from `version.items` qualify; anything exempted, or still waiting for or
/// closed by a consequence test, is left out even if it reached `items` by mistake.
public struct PublishedList: Sendable {
    public let version: DIPVersion
    /// Published items sorted: category, sub-group, unit, number, id.
    public let items: [VersionItem]
    /// Exempted items whose titles may be listed, sorted by unit, number and id.
    public let exemptedTitles: [VersionItem]

    /// Each published item's number within its category (A, B, C), counted across the
    /// berkala sub-groups in publication order: the decree's Lampiran and the website both
    /// print it, so the two always agree.
    public let numbers: [String: Int]

    public init(version: DIPVersion) {
        self.version = version
        items = Self.publicationPlaces(version).map { Self.item(of: version, at: $0) }
        var numbers: [String: Int] = [:]
        var counters: [Category: Int] = [:]
        for item in items {
            counters[item.category, default: 0] += 1
            numbers[item.id] = counters[item.category]
        }
        self.numbers = numbers
        exemptedTitles = version.exempted.filter { item in
            switch item.consequenceTest?.conclusion {
            case .exemptWhole?, .exemptPart?: return true
            case .pending?, .open?: return false
            case nil: return item.category == .dikecualikan
            }
        }.sorted(by: PublishedList.order).map(Self.maskingPersonalData)
    }

    /// `v` with the values of personal data in its title, summary and the part its test withholds
    /// masked (`PersonalDataValues`): what the public reads of an exempted item, or of the open part
    /// of an item exempted in part, names the information, never the data withheld (a NIK written
    /// into a summary is printed wherever the summary is). The DIK decree's Lampiran masks the same.
    static func maskingPersonalData(_ v: VersionItem) -> VersionItem {
        var out = v
        out.item.ringkasan = PersonalDataValues.masked(v.item.ringkasan)
        out.item.judul = v.item.judul.map(PersonalDataValues.masked)
        if let t = v.consequenceTest {
            out.consequenceTest?.specificInformation = PersonalDataValues.masked(t.specificInformation)
        }
        return out
    }

    /// Note printed with the open part of an item *dikecualikan sebagian* (DIP and website).
    public static let partialNote = "Dikecualikan sebagian: tersedia salinan yang bagian dikecualikannya dihitamkan."

    /// `partialNote` naming the part withheld, as the consequence test recorded it (the DIK
    /// decree's Lampiran names the same part): the DIP decree lists the item as public, and its
    /// reader must see which part of it is not. The generic note when no part was recorded.
    public static func partialNote(naming item: VersionItem) -> String {
        let part = (item.consequenceTest?.specificInformation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !part.isEmpty, part != "-" else { return partialNote }
        let named = part.hasSuffix(".") ? String(part.dropLast()) : part
        return "Dikecualikan sebagian: \(named); tersedia salinan yang bagian dikecualikannya dihitamkan."
    }

    /// The open part of an item exempted in part: it stays in the DIP, in the category the
    /// unit declared (setiap saat when it declared none open), with `partialNote`; only the
    /// withheld part goes to the DIK. Values of personal data in its summary are masked
    /// (`maskingPersonalData`): the item is withheld in part.
    static func openPart(_ v: VersionItem) -> VersionItem {
        var open = maskingPersonalData(v)
        let declared = v.item.kategori
        open.category = declared.map { $0.isOpen ? $0 : .setiapSaat } ?? .setiapSaat
        if open.category != .berkala { open.subgroup = nil }
        return open
    }

    /// Whether `item` is the open part of an item exempted in part.
    public static func isPartial(_ item: VersionItem) -> Bool {
        item.consequenceTest?.conclusion == .exemptPart
    }

    /// Whether an item may appear in public outputs.
    public static func isPublishable(_ item: VersionItem) -> Bool {
        guard item.category.isOpen, item.change != .withdrawn else { return false }
        switch item.consequenceTest?.conclusion {
        case .pending?, .exemptWhole?: return false
        case .exemptPart?, .open?, nil: return true
        }
    }

    /// Where a published item of a version is: an open item (`version.items[index]`), or the
    /// open part of an item exempted in part (`openPart(version.exempted[index])`).
    public struct Place: Sendable {
        public var partial: Bool
        public var index: Int
    }

    /// The published items of `version` (`items`), as places in it, in publication order:
    /// no item is copied to find them (a regency's draft has tens of thousands).
    public static func publicationPlaces(_ version: DIPVersion) -> [Place] {
        var places: [Place] = []
        var candidates: [VersionItem] = []
        places.reserveCapacity(version.items.count)
        for (i, v) in version.items.enumerated() where isPublishable(v) { places.append(Place(partial: false, index: i)) }
        for (i, v) in version.exempted.enumerated() where v.consequenceTest?.conclusion == .exemptPart {
            let open = openPart(v)
            if isPublishable(open) {
                places.append(Place(partial: true, index: i))
                candidates.append(open)
            }
        }
        var partial = candidates.makeIterator()
        let keyed = places.map { place in place.partial ? partial.next()! : version.items[place.index] }
        return orderedIndices(keyed).map { places[$0] }
    }

    /// The item at `place` of `version`, as the published list holds it.
    public static func item(of version: DIPVersion, at place: Place) -> VersionItem {
        place.partial ? openPart(version.exempted[place.index]) : version.items[place.index]
    }

    /// `items` in publication order (`order`).
    static func sortedForPublication(_ items: [VersionItem]) -> [VersionItem] {
        orderedIndices(items).map { items[$0] }
    }

    /// The indexes of `items` in publication order (`order`), sorted through their keys taken
    /// once: sorting the items themselves moved whole items and asked Foundation's numeric
    /// comparison for every pair in a unit (issue 19).
    static func orderedIndices(_ items: [VersionItem]) -> [Int] {
        struct Key {
            var category: Category
            var subgroup: String
            var unit: String
            var nomor: String
            /// `nomor` as a number, when it is written as one plainly (see `plainNumber`).
            var number: UInt64?
            var id: String
            var revision: Int
        }
        let keys = items.map { v in
            Key(category: v.category, subgroup: v.subgroup?.rawValue ?? "~", unit: v.unit.code, nomor: v.item.nomor,
                number: plainNumber(v.item.nomor), id: v.id, revision: v.revision)
        }
        let order = keys.indices.sorted { i, j in
            keys.withUnsafeBufferPointer { keys in
                let a = keys[i], b = keys[j]
                if a.category != b.category { return a.category < b.category }
                if a.subgroup != b.subgroup { return a.subgroup < b.subgroup }
                if a.unit != b.unit { return a.unit < b.unit }
                if let x = a.number, let y = b.number {
                    if x != y { return x < y }
                } else {
                    let n = a.nomor.compare(b.nomor, options: [.numeric])
                    if n != .orderedSame { return n == .orderedAscending }
                }
                if a.id != b.id { return a.id < b.id }
                return a.revision < b.revision
            }
        }
        return order
    }

    /// The value of a number written plainly: ASCII digits only, no leading zero (or "0"),
    /// at most 18 digits. Two such texts compare under Foundation's numeric comparison as their
    /// values do, and equal values are equal texts; any other text takes that comparison.
    static func plainNumber(_ text: String) -> UInt64? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 18, utf8.first != 0x30 || utf8.count == 1 else { return nil }
        var value: UInt64 = 0
        for byte in utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        return value
    }

    /// Publication order; total, so output never depends on input order.
    static func order(_ a: VersionItem, _ b: VersionItem) -> Bool {
        if a.category != b.category { return a.category < b.category }
        let sa = a.subgroup?.rawValue ?? "~", sb = b.subgroup?.rawValue ?? "~"
        if sa != sb { return sa < sb }
        if a.unit.code != b.unit.code { return a.unit.code < b.unit.code }
        let n = a.item.nomor.compare(b.item.nomor, options: [.numeric])
        if n != .orderedSame { return n == .orderedAscending }
        if a.id != b.id { return a.id < b.id }
        return a.revision < b.revision
    }

    /// A group of the page: one per category, and per sub-group within berkala.
    public struct Group: Sendable {
        public var category: Category
        /// nil for serta merta, setiap saat, and berkala items without a sub-group.
        public var subgroup: BerkalaSubgroup?
        public var items: [VersionItem]
    }

    /// The items grouped as the decree groups them (A berkala by A–K, B serta merta,
    /// C setiap saat); empty groups are omitted.
    public var groups: [Group] {
        var out: [Group] = []
        for item in items {
            let sub = item.category == .berkala ? item.subgroup : nil
            if let last = out.last, last.category == item.category, last.subgroup == sub {
                out[out.count - 1].items.append(item)
            } else {
                out.append(Group(category: item.category, subgroup: sub, items: [item]))
            }
        }
        return out
    }

    /// The version's publication date: approval, else decree date, else creation; never before
    /// the WIB day of its decree date, since a version is published only once its decrees are
    /// in force (`PublishStage.publishApproved` waits for that day): a version approved ahead
    /// of its decree date must not be announced in the feeds as published before it.
    public static func publicationDate(of version: DIPVersion) -> Date {
        let date = version.approvedAt ?? version.decreeDate ?? version.createdAt
        guard let decreeDate = version.decreeDate else { return date }
        return max(date, IndonesianDate.startOfDay(decreeDate))
    }
}

extension Category {
    /// The decree's letter for an open category: A berkala, B serta merta, C setiap saat.
    var decreeLetter: String {
        switch self {
        case .berkala: return "A"
        case .sertaMerta: return "B"
        case .setiapSaat: return "C"
        case .dikecualikan: return "D"
        }
    }
}

extension VersionItem {
    /// "Cetak", "Online", … as the unit wrote it, or the normalised form label.
    var bentukText: String {
        let t = item.bentuk.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? item.form.label : t
    }

    /// The title shown for an exempted item: its own title, else its summary.
    var exemptedTitle: String {
        if let j = item.judul?.trimmingCharacters(in: .whitespacesAndNewlines), !j.isEmpty {
            return j
        }
        return item.ringkasan
    }
}
