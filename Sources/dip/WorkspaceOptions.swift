import ArgumentParser
import Foundation
import Pipeline

/// The `--workspace` option every workspace command shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "Folder workspace (berisi inbox/, rules/, reports/, archive/). Bawaan: folder saat ini.")
    var workspace: String = "."

    /// The workspace the option names.
    var resolved: Workspace {
        Workspace(root: URL(fileURLWithPath: workspace, isDirectory: true))
    }
}
