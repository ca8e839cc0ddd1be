import DIPCore
import Foundation
import Register
import Rules

/// Turns the register's PPID decisions into the classifier's precedents (Rules stays
/// independent of Register).
enum PPIDPrecedents {
    static func precedent(_ decision: PPIDDecision, units: UnitDirectory) -> Precedent {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let day = formatter.string(from: decision.at)
        return Precedent(
            title: decision.title, category: decision.category, grounds: decision.grounds,
            body: units.unit(decision.unit)?.name ?? decision.unit, bodyKind: "ppid",
            source: "register: \(decision.kind.rawValue) \(decision.itemID), \(day)", origin: .ppid)
    }
}
