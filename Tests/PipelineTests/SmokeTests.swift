import XCTest

final class PipelineSmokeTests: XCTestCase {
    func testModuleLinks() throws {
        XCTAssertTrue(true) // replaced by real tests as the module grows
    }
}
