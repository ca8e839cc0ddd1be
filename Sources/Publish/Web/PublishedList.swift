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
        let partial = version.exempted.filter { $0.consequenceTest?.conclusion == .exemptPart }.map(Self.openPart)
        items = (version.items + partial).filter(PublishedList.isPublishable).sorted(by: PublishedList.order)
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
        }.sorted(by: PublishedList.order)
    }

    /// Note printed with the open part of an item *dikecualikan sebagian* (DIP and website).
    public static let partialNote = "Dikecualikan sebagian: tersedia salinan yang bagian dikecualikannya dihitamkan."

    /// The open part of an item exempted in part: it stays in the DIP, in the category the
    /// unit declared (setiap saat when it declared none open), with `partialNote`; only the
    /// withheld part goes to the DIK.
    static func openPart(_ v: VersionItem) -> VersionItem {
        var open = v
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
