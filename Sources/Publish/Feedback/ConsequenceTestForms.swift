import DIPCore
import Foundation
import Register
import Rules

/// A generated document to write: its file name and bytes.
public struct GeneratedFile: Hashable, Sendable {
    public var fileName: String
    public var bytes: [UInt8]
}

extension ConsequenceTestForm {
    /// One consequence-test form document per unit with pending tests, named
    /// `uji-konsekuensi-<unit>.docx`, sorted by unit code. Each form names the item id; the
    /// revision tested is in the form's code field ("dinkes-0007 (revisi 2)") because a test
    /// is recorded for one revision.
    public static func documentsPerUnit(
        pending: [PendingTest], settings: DecreeSettings, citations: LegalCitations, clock: Clock
    ) throws -> [GeneratedFile] {
        let byUnit = Dictionary(grouping: pending, by: \.unit.code)
        var out: [GeneratedFile] = []
        for code in byUnit.keys.sorted() {
            let items = byUnit[code]!.sorted { $0.itemID < $1.itemID }.map { p in
                VersionItem(
                    id: "\(p.itemID) (revisi \(p.revision))", revision: p.revision, unit: p.unit, item: p.item,
                    category: p.classification.suggested ?? p.classification.declared ?? .dikecualikan,
                    subgroup: nil, classification: p.classification, change: .unchanged,
                    recordedAt: clock.now, consequenceTest: nil)
            }
            out.append(GeneratedFile(
                fileName: "uji-konsekuensi-\(code).docx",
                bytes: try document(items: items, settings: settings, citations: citations, clock: clock)))
        }
        return out
    }
}
