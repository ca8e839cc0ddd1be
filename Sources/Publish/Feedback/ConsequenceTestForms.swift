import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// A generated document to write: its file name and bytes.
public struct GeneratedFile: Hashable, Sendable {
    public var fileName: String
    public var bytes: [UInt8]
}

/// Per-unit documents kept between runs by the caller, which keys each by everything its body
/// is made from; a kept document lends its compressed body to the new one
/// (`DOCXWriter.write(_:bodyFrom:)`), so an update of a few units renders only theirs again.
public struct KeptBodies {
    /// The document kept for a unit's document made from `pending`, if any.
    public var body: (_ unit: String, _ pending: [PendingTest]) -> [UInt8]?
    /// Keeps the document just rendered for a unit from `pending`.
    public var keep: (_ unit: String, _ pending: [PendingTest], _ package: [UInt8]) throws -> Void

    public init(body: @escaping (String, [PendingTest]) -> [UInt8]?,
                keep: @escaping (String, [PendingTest], [UInt8]) throws -> Void) {
        self.body = body
        self.keep = keep
    }
}

extension ConsequenceTestForm {
    /// Every field of a pending test its form prints or is sorted by (`form`, the category
    /// and `PublishedList.order`): what a kept form's key is made of, with the decree settings,
    /// the citations and the day, which the caller adds. A change of this code is a new dip
    /// build, which no kept form survives. (Encoding whole tests as JSON for the key took
    /// more time than the forms it saved.)
    public static func keyFields(_ p: PendingTest) -> [String] {
        let c = p.classification
        return [p.itemID, String(p.revision), p.unit.code, p.unit.name, p.item.nomor, p.item.ringkasan,
                p.item.pejabatPenguasa, p.item.dasarHukumText ?? "\u{0}", c.suggested?.rawValue ?? "-",
                c.declared?.rawValue ?? "-", c.exemptionGrounds.joined(separator: "\u{1}")]
            + (p.retestReason.map { [$0] } ?? [])
    }

    /// One consequence-test form document per unit with pending tests, named
    /// `uji-konsekuensi-<unit>.docx`, sorted by unit code. Each form names the item id; the
    /// revision tested is in the form's code field ("dinkes-0007 (revisi 2)") because a test
    /// is recorded for one revision. With `kept`, a unit's body kept for the same pending
    /// tests is used instead of rendering it again (same bytes).
    public static func documentsPerUnit(
        pending: [PendingTest], settings: DecreeSettings, citations: LegalCitations, clock: Clock,
        kept: KeptBodies? = nil
    ) throws -> [GeneratedFile] {
        let byUnit = Dictionary(grouping: pending, by: \.unit.code)
        var out: [GeneratedFile] = []
        for code in byUnit.keys.sorted() {
            let tests = byUnit[code]!
            let items = tests.sorted { $0.itemID < $1.itemID }.map { p in
                VersionItem(
                    // A re-test says why beside the code (the Tim meets on it as on a first test).
                    id: "\(p.itemID) (revisi \(p.revision))" + (p.retestReason.map { "; \($0)" } ?? ""),
                    revision: p.revision, unit: p.unit, item: p.item,
                    category: p.classification.suggested ?? p.classification.declared ?? .dikecualikan,
                    subgroup: nil, classification: p.classification, change: .unchanged,
                    recordedAt: clock.now, consequenceTest: nil)
            }
            let bytes: [UInt8]
            if let kept, let earlier = kept.body(code, tests) {
                let frame = model(items: items, settings: settings, citations: citations, atasan: nil, clock: clock,
                                  blocks: false)
                bytes = try DOCXWriter.write(frame, bodyFrom: earlier)
            } else {
                let doc = model(items: items, settings: settings, citations: citations, atasan: nil, clock: clock)
                let written = try DOCXWriter.writeForKeeping(doc)
                if let kept, written.keepable { try kept.keep(code, tests, written.package) }
                bytes = written.package
            }
            out.append(GeneratedFile(fileName: "uji-konsekuensi-\(code).docx", bytes: bytes))
        }
        return out
    }
}
