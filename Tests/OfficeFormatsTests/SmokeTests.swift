import XCTest

final class OfficeFormatsSmokeTests: XCTestCase {
    func testModuleLinks() throws {
        XCTAssertTrue(true) // replaced by real tests as the module grows
    }
}
