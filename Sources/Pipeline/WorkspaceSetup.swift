import Foundation
import DIPCore
import Publish
import Rules

/// Creates a workspace: the four folders with a short README each. Existing files are kept.
public enum WorkspaceSetup {
    /// Creates what is missing and returns the paths created (relative to the workspace).
    @discardableResult
    public static func initialise(_ workspace: Workspace, clock: Clock = .fromEnvironment(),
                                  extraFiles: [(path: String, contents: String)] = []) throws -> [String] {
        var created: [String] = []
        for name in Workspace.folderNames {
            let url = workspace.root.appendingPathComponent(name, isDirectory: true)
            if !FileManager.default.fileExists(atPath: url.path) {
                try DurableFiles.createDirectory(url)
                created.append(name + "/")
            }
        }
        // The PPID's own drop folder for filled-in review workbooks (docs/panduan.md §3): made
        // here, as the units' folders are not, because the PPID is told to drop the workbook
        // there and the IT officer to share it on its own; a fresh workspace had none.
        let ppid = workspace.inbox.appendingPathComponent(Workspace.ppidInboxFolder, isDirectory: true)
        if !FileManager.default.fileExists(atPath: ppid.path) {
            try DurableFiles.createDirectory(ppid)
            created.append("inbox/\(Workspace.ppidInboxFolder)/")
        }
        // The default rules (embedded in the binary), each file only where none exists.
        for file in DefaultRules.files {
            let url = workspace.rules.appendingPathComponent(file.name)
            if !FileManager.default.fileExists(atPath: url.path) {
                try DurableFiles.write(file.contents, to: url)
                created.append("rules/" + file.name)
            }
        }
        let files = readmes.map { (path: $0.key, contents: $0.value) }.sorted { $0.path < $1.path } + extraFiles
        for file in files {
            let url = workspace.root.appendingPathComponent(file.path)
            if !FileManager.default.fileExists(atPath: url.path) {
                try DurableFiles.write(file.contents, to: url)
                created.append(file.path)
            }
        }
        // A blank update template for units that have never submitted.
        let template = workspace.inbox.appendingPathComponent(blankTemplateName)
        if !FileManager.default.fileExists(atPath: template.path) {
            try DurableFiles.write(Data(try UpdateTemplate.blank(clock: clock)), to: template)
            created.append("inbox/" + blankTemplateName)
        }
        return created
    }

    /// The blank template `dip init` places in `inbox/` (copied by units into their folder).
    public static let blankTemplateName = "TEMPLAT-DIP.xlsx"

    /// The README of each workspace folder (for the IT officer and PPID staff).
    public static let readmes: [String: String] = [
        "inbox/README.md": """
            # inbox/

            Units drop their DIP lists here, one folder per unit named by its code in
            `rules/unit.yaml` (for example `inbox/dinkes/`). XLSX, ODS and CSV are read; lock files
            (`~$…`, `.~lock…#`) and files still being copied are left alone. After a run each
            file is moved into `archive/originals/` and the unit's feedback is in
            `reports/unit/<unit>/`. `inbox/_ppid/` is reserved for the PPID's review workbook.

            """,
        "reports/README.md": """
            # reports/

            Everything dip generates for people: `unit/<unit>/` (each unit's own feedback,
            template and notices: share each with that unit alone), the review
            pack, decree drafts and the website output. A run rebuilds the drafts, the review
            pack and the templates when they are missing, but not the units' last feedback
            nor the decrees and website of a published version (those are also in the
            archive packages): back this folder up with `archive/` (docs/ops.md §5).

            """,
        "archive/README.md": """
            # archive/

            The durable records: `originals/` (every submitted file, named by its SHA-256, with
            a receipt), the register `register.sqlite`, and the archive packages. Back this
            folder up; never edit it by hand.

            """,
    ]
}
