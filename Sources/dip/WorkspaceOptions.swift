import ArgumentParser
import Foundation
import Pipeline
import Register

/// The `--workspace` option every workspace command shares: the folder holding inbox/,
/// rules/, reports/ and archive/ (the register is `archive/register.sqlite`).
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "Folder workspace (berisi inbox/, rules/, reports/, archive/). Bawaan: folder saat ini.")
    var workspace: String = "."

    /// The workspace the option names.
    var resolved: Workspace {
        Workspace(root: URL(fileURLWithPath: workspace, isDirectory: true))
    }

    /// `<workspace>/archive/register.sqlite`.
    var registerPath: String { AppDatabase.path(workspace: workspace) }

    /// Opens the workspace's register, creating it on first use.
    func openRegister() throws -> AppDatabase {
        try AppDatabase.open(path: registerPath)
    }
}

/// `--format text|json`: Indonesian text for officers, JSON for tools (docs/json-register.md).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
