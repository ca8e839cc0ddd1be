import XCTest

final class RegisterSmokeTests: XCTestCase {
    func testModuleLinks() throws {
        XCTAssertTrue(true) // replaced by real tests as the module grows
    }
}
