import DIPCore
import Foundation
import XCTest
@testable import Pipeline
@testable import Register

/// The review pack's "Keputusan Tercatat" read "Disetujui 6 Februari 2026 oleh Dra. Hj. Rina
/// Marlina, M.Si.." in the session 24 walk: a name ending with its degree's full stop took a second.
final class StandingDecisionTextTests: XCTestCase {
    let clock = Clock(now: Date(timeIntervalSince1970: 1_770_336_000)) // 2026-02-06

    func decision(_ action: DecisionAction, by: String, note: String = "") -> StandingDecision {
        StandingDecision(itemID: "dinsos-0001", revision: 1, action: action, note: note, by: by, at: clock.now)
    }

    func testOneFullStopAfterANameEndingWithItsDegree() {
        XCTAssertEqual(PublishStage.standingText(decision(.approve, by: "Dra. Hj. Rina Marlina, M.Si."), clock: clock),
                       "Disetujui 6 Februari 2026 oleh Dra. Hj. Rina Marlina, M.Si.")
        XCTAssertEqual(PublishStage.standingText(decision(.approve, by: "PPID Utama"), clock: clock),
                       "Disetujui 6 Februari 2026 oleh PPID Utama.")
        XCTAssertEqual(PublishStage.standingText(decision(.return, by: "PPID Utama", note: "Pisahkan profil pejabat."), clock: clock),
                       "DIKEMBALIKAN 6 Februari 2026 oleh PPID Utama: Pisahkan profil pejabat. — menunggu perbaikan dari perangkat daerah.")
    }
}
