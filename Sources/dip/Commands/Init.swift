import ArgumentParser
import Foundation
import Pipeline

extension DIP {
    /// `dip init DIR`: creates a workspace with the default rules.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Membuat workspace baru (inbox/, rules/, reports/, archive/) dengan aturan bawaan.")

        @Argument(help: ArgumentHelp("Folder workspace yang dibuat (boleh sudah ada; berkas yang ada tidak ditimpa).", valueName: "folder"))
        var directory: String

        func run() throws {
            let workspace = Workspace(root: URL(fileURLWithPath: directory, isDirectory: true))
            let created = try WorkspaceSetup.initialise(workspace)
            for path in created { print("dibuat: \(path)") }
            print("Workspace siap di \(workspace.root.path).")
            print("Unit menaruh berkas DIP di inbox/<kode-unit>/; jalankan `dip run --workspace \(directory)`.")
        }
    }
}
