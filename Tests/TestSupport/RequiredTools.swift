import Foundation
import XCTest

/// The error for a test whose tool (an output checker, the headless browser, the built `dip`
/// binary) is missing: a skip on a developer's machine, a failure when
/// DIP_TESTS_REQUIRE_TOOLS=1. `.ci/run` sets it, because there `make test` has just installed
/// every tool, so a missing one is a broken setup, and skipping would let CI pass without the
/// checks by real consumers ever running.
public func missingTool(_ why: String) -> Error {
    if ProcessInfo.processInfo.environment["DIP_TESTS_REQUIRE_TOOLS"] == "1" {
        return MissingToolError(description: "\(why) (DIP_TESTS_REQUIRE_TOOLS=1: a required tool is missing)")
    }
    return XCTSkip(why)
}

/// A required test tool is missing (see `missingTool`).
public struct MissingToolError: Error, CustomStringConvertible {
    public var description: String
}
