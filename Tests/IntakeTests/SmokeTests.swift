import XCTest

final class IntakeSmokeTests: XCTestCase {
    func testModuleLinks() throws {
        XCTAssertTrue(true) // replaced by real tests as the module grows
    }
}
