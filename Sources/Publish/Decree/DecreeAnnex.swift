import DIPCore
import Foundation
import Register

/// The items of the DIP decree's Lampiran in publication order (`PublishedList`'s), each read
/// when its row is written: from a list in memory, or from the register a few hundred at a
/// time, so a regency's annex never holds all its items at once (issue 19).
public final class DecreeAnnex: @unchecked Sendable {
    /// What the table plans its groups, sub-groups and numbers from, before any item is read.
    public struct Entry: Sendable {
        public var id: String
        public var category: DIPCore.Category
        public var subgroup: BerkalaSubgroup?
    }

    public let entries: [Entry]
    private let fetch: (Int) throws -> VersionItem
    /// The first failure to read an item; the decree is refused when set.
    private(set) var failure: Error?

    init(entries: [Entry], fetch: @escaping (Int) throws -> VersionItem) {
        self.entries = entries
        self.fetch = fetch
    }

    /// The published list of a version held in memory (`PublishedList(version:).items`), each
    /// item taken from the version when its row is written rather than copied into a list.
    public convenience init(version: DIPVersion) {
        let places = PublishedList.publicationPlaces(version)
        self.init(entries: places.map { place in
            if place.partial {
                let v = PublishedList.item(of: version, at: place)
                return Entry(id: v.id, category: v.category, subgroup: v.subgroup)
            }
            return Entry(id: version.items[place.index].id, category: version.items[place.index].category,
                         subgroup: version.items[place.index].subgroup)
        }, fetch: { PublishedList.item(of: version, at: places[$0]) })
    }

    /// Item `index` (in `entries`), or nil after recording why it could not be read.
    func item(_ index: Int) -> VersionItem? {
        do {
            return try fetch(index)
        } catch {
            if failure == nil { failure = error }
            return nil
        }
    }

    /// The published list of version `outline.header.number`, its items read from `register`
    /// `chunk` at a time, in order (the table asks for them in order; a jump back rereads).
    /// Same items, same order and same open parts of items exempted in part as
    /// `PublishedList(version: register.version(number:))`.
    public convenience init(outline: VersionOutline, register: AppDatabase, chunk: Int = 256) {
        let number = outline.header.number
        self.init(outline: outline, chunk: chunk) { try register.versionItems(number: number, ids: $0) }
    }

    /// `read`: the version's items of the given ids, in their order.
    convenience init(outline: VersionOutline, chunk: Int, read: @escaping ([String]) throws -> [VersionItem]) {
        struct Slot {
            var slot: VersionSlot
            var partial: Bool
        }
        var slots: [Slot] = []
        slots.reserveCapacity(outline.open.count)
        for slot in outline.open { slots.append(Slot(slot: slot, partial: false)) }
        for var slot in outline.exempted where slot.conclusion == .exemptPart {
            // PublishedList.openPart: the open part stands in the category the unit declared.
            slot.category = slot.declared.map { $0.isOpen ? $0 : .setiapSaat } ?? .setiapSaat
            if slot.category != .berkala { slot.subgroup = nil }
            slots.append(Slot(slot: slot, partial: true))
        }
        slots = slots.filter { entry in
            let s = entry.slot
            guard s.category.isOpen, s.change != .withdrawn else { return false }
            switch s.conclusion {
            case .pending?, .exemptWhole?: return false
            case .exemptPart?, .open?, nil: return true
            }
        }
        // PublishedList.order on the slots' fields.
        slots.sort { x, y in
            let a = x.slot, b = y.slot
            if a.category != b.category { return a.category < b.category }
            let sa = a.subgroup?.rawValue ?? "~", sb = b.subgroup?.rawValue ?? "~"
            if sa != sb { return sa < sb }
            if a.unit != b.unit { return a.unit < b.unit }
            let n = a.nomor.compare(b.nomor, options: [.numeric])
            if n != .orderedSame { return n == .orderedAscending }
            if a.id != b.id { return a.id < b.id }
            return a.revision < b.revision
        }
        let ordered = slots
        var loadedFrom = -1
        var loaded: [VersionItem] = []
        self.init(entries: ordered.map { Entry(id: $0.slot.id, category: $0.slot.category, subgroup: $0.slot.subgroup) },
                  fetch: { index in
            if loadedFrom < 0 || index < loadedFrom || index >= loadedFrom + loaded.count {
                let end = min(index + chunk, ordered.count)
                loaded = []  // the previous chunk goes before the next is read
                loaded = try read(ordered[index..<end].map(\.slot.id))
                loadedFrom = index
            }
            let item = loaded[index - loadedFrom]
            return ordered[index].partial ? PublishedList.openPart(item) : item
        })
    }
}
