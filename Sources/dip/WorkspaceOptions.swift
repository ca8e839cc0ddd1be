import ArgumentParser
import Foundation
import Register

/// The `--workspace` option every command shares: the folder holding inbox/, rules/,
/// reports/ and archive/ (the register is `archive/register.sqlite`).
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "Folder kerja (berisi inbox/, rules/, reports/, archive/).")
    var workspace: String = "."

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
