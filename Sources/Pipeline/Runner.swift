import DIPCore
import Foundation
import Logging

/// Errors that stop a run before anything is done.
public enum RunError: Error, CustomStringConvertible {
    case brokenRules([String])

    public var description: String {
        switch self {
        case .brokenRules(let messages):
            return "Aturan di rules/ rusak; dip tidak menjalankan apa pun sampai diperbaiki:\n"
                + messages.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}

/// `dip run`: takes the lock, then runs each stage in order.
public struct Runner {
    public var workspace: Workspace
    public var options: RunOptions
    public var logger: Logger

    public init(workspace: Workspace, options: RunOptions, logger: Logger) {
        self.workspace = workspace
        self.options = options
        self.logger = logger
    }

    public func run() throws -> RunSummary {
        try workspace.requireLayout()
        let lock = try RunLock(workspace: workspace, wait: options.waitForLock)
        defer { withExtendedLifetime(lock) {} }
        let intake = IntakeStage(workspace: workspace, options: options, logger: logger)
        let summary = try intake.run()
        try writeFeedback(summary)
        logger.info("run selesai", metadata: [
            "diterima": "\(summary.accepted)", "ditolak": "\(summary.refused)",
            "duplikat": "\(summary.duplicates)", "masalah": "\(summary.problemCount)",
        ])
        return summary
    }

    /// One feedback file per unit that sent something this run.
    func writeFeedback(_ summary: RunSummary) throws {
        let byUnit = Dictionary(grouping: summary.outcomes, by: \.unit)
        for unit in byUnit.keys.sorted() {
            let text = FeedbackReport.text(unit: WorkUnit(code: unit, name: unit), outcomes: byUnit[unit]!, clock: options.clock)
            try DurableFiles.write(text, to: workspace.feedback.appendingPathComponent("\(unit).txt"))
        }
    }
}
