import XCTest

final class dipSmokeTests: XCTestCase {
    func testModuleLinks() throws {
        XCTAssertTrue(true) // replaced by real tests as the module grows
    }
}
