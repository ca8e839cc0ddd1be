import DIPCore
import Register
import XCTest
@testable import dip

/// `dip diff` marks an exempted item, which is recorded but never announced as open.
final class DiffTextTests: XCTestCase {
    func testExemptedItemsAreMarked() {
        let diff = VersionDiff(
            from: 1, to: nil,
            added: [
                ItemDelta(itemID: "dinkes-0001", unit: "dinkes", revision: 1, change: .added, fields: [],
                          ringkasan: "Profil dinas", nomor: "1", toCategory: .berkala),
                ItemDelta(itemID: "dinkes-0002", unit: "dinkes", revision: 1, change: .added, fields: [],
                          ringkasan: "Rekam medis pasien", nomor: "2", toCategory: .dikecualikan),
            ],
            changed: [], reclassified: [], withdrawn: [])
        let text = DIP.Diff.text(diff)
        XCTAssertTrue(text.contains("dinkes-0002 (revisi 1) [DIKECUALIKAN – tidak diumumkan]: Rekam medis pasien"), text)
        XCTAssertTrue(text.contains("dinkes-0001 (revisi 1): Profil dinas"), text)
    }
}
