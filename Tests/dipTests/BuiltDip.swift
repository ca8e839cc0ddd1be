import Foundation
import XCTest

/// Runs the `dip` built beside the test bundle of `testCase` with `arguments`, returning its exit
/// status and standard output. Linux: the bundle URL is the build directory; macOS: the .xctest
/// bundle inside it.
func runBuiltDip(_ arguments: [String], for testCase: XCTestCase) throws -> (status: Int32, output: Data) {
    let bundle = Bundle(for: type(of: testCase)).bundleURL
    var binary = bundle.appendingPathComponent("dip")
    if !FileManager.default.isExecutableFile(atPath: binary.path) {
        binary = bundle.deletingLastPathComponent().appendingPathComponent("dip")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}
