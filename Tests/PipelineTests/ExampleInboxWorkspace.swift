import DIPCore
import Foundation
import Logging
import Pipeline
import TestSupport

/// A fresh workspace with the project's example inbox dropped into it, and runs of the whole
/// pipeline at fixed times: the start of the decree tests that take the examples through a
/// cycle (SampleInboxDecreeTests, SignableDecreeTests).
struct ExampleInboxWorkspace {
    let root: URL
    let workspace: Workspace

    init(_ prefix: String) throws {
        let samples = try existing(Examples.inbox)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
        for unit in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted() {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(unit),
                                             to: workspace.inbox.appendingPathComponent(unit))
        }
    }

    /// One `dip run` at 1 January 2026 00.00 UTC plus `seconds`.
    func run(_ seconds: TimeInterval) throws -> RunSummary {
        try Runner(workspace: workspace,
                   options: RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + seconds))),
                   logger: Logger(label: "test")).run()
    }
}
