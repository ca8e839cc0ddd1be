import ArgumentParser
import Foundation
import Logging
import Pipeline
import Publish
import Register
import Rules

/// The `--workspace` option every workspace command shares: the folder holding inbox/,
/// rules/, reports/ and archive/ (the register is `archive/register.sqlite`).
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder workspace (berisi inbox/, rules/, reports/, archive/); \".\" adalah folder saat ini.", valueName: "folder"))
    var workspace: String = "."

    /// The workspace the option names.
    var resolved: Workspace {
        Workspace(root: URL(fileURLWithPath: workspace, isDirectory: true))
    }

    /// `<workspace>/archive/register.sqlite`.
    var registerPath: String { AppDatabase.path(workspace: workspace) }

    /// Opens the workspace's register, creating it on first use (`requireRegister`).
    func openRegister() throws -> AppDatabase {
        try requireRegister()
        let register = try AppDatabase.open(path: registerPath)
        // An upgrade of dip migrates the register at its first command (not only `dip run`):
        // said where the IT officer sees it, on stderr so JSON output stays clean.
        if let upgrade = register.upgrade { printError("dip: " + upgrade.text) }
        return register
    }

    /// Refuses to create a register where none should be: a folder that is not a workspace (a
    /// mistyped `--workspace`, a share not mounted) got an empty `archive/register.sqlite` and
    /// its `dip status` answered "no unit has sent a list" with exit 0; a workspace whose
    /// register was lost while `archive/` holds history is told to restore it, as `dip run` is.
    /// An existing register is opened as it is (a bare copy of a register is enough).
    func requireRegister() throws {
        guard !FileManager.default.fileExists(atPath: registerPath) else { return }
        try resolved.requireLayout()
        try RegisterGuard.check(resolved, history: nil)
    }

    /// The workspace lock, waited for: a command that writes the register (`dip test`,
    /// `dip return`, `dip approve`) never writes while a run is between reading the register
    /// and stamping what it read (issue 16 #9: a test made meanwhile was folded into the
    /// draft's stamp and never reached a draft).
    func lockForWriting() throws -> RunLock {
        try requireRegister()
        return try RunLock(workspace: resolved, wait: true)
    }

    /// The workspace's rules (the built-in ones when it has no rules/ folder).
    func ruleSet() throws -> RuleSet {
        let folder = resolved.rules
        guard FileManager.default.fileExists(atPath: folder.path) else { return try RuleSet.defaults() }
        return try Configuration.load(resolved).ruleSet
    }

    /// rules/keputusan.json (the built-in settings when the workspace has none).
    func decreeSettings() throws -> DecreeSettings {
        let url = resolved.rules.appendingPathComponent("keputusan.json")
        guard let data = try? Data(contentsOf: url) else { return .kabupatenSerang }
        do {
            return try JSONDecoder().decode(DecreeSettings.self, from: data)
        } catch {
            throw RegisterError.invalidInput("rules/keputusan.json tidak dapat dibaca: \(ConfigurationText.describe(error, data: data))")
        }
    }
}

/// `--format text|json`: Indonesian text for officers, JSON for tools (docs/json-register.md).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

extension RunOptions {
    /// The run options of `dip run` and `dip watch`, with the thread count `DIP_THREADS` sets
    /// for the IT officer (a bad value is said in the log and the default kept).
    static func forCommand(settleSeconds: Double, waitForLock: Bool, logger: Logger) -> RunOptions {
        var options = RunOptions(settleSeconds: settleSeconds, clock: .fromEnvironment(), waitForLock: waitForLock)
        let asked = RunOptions.threads(fromEnvironment: ProcessInfo.processInfo.environment["DIP_THREADS"])
        if let threads = asked.threads { options.threads = threads }
        if let problem = asked.problem { logger.warning("DIP_THREADS tidak valid", metadata: ["alasan": "\(problem)"]) }
        return options
    }
}
