import Foundation

/// Removes what a killed run left half-written: temporary files and staging folders in
/// `reports/` and `archive/`. Runs under the workspace lock, so nothing else is writing.
///
/// Every writer in dip uses a hidden name for work in progress (`.name.tmp-PID`,
/// `.incoming-PID`, `.name.zip.partial-PID`, `.folder.baru`, `.folder.lama`), renamed into
/// place only when complete; anything still carrying such a name belongs to a dead run.
public enum Housekeeping {
    /// Whether `name` is a work-in-progress name of one of dip's writers.
    public static func isLeftover(_ name: String) -> Bool {
        guard name.hasPrefix(".") else { return false }
        return name.contains(".tmp-") || name.hasPrefix(".incoming-") || name.contains(".partial-")
            || name.hasSuffix(".baru") || name.hasSuffix(".lama")
    }

    /// Moves what the shared `reports/umpan-balik/` and `reports/templat/` of earlier
    /// versions hold into the units' own outboxes (`reports/unit/<unit>/`), then removes those
    /// folders, which every unit could read. Notices are not moved: each run makes them anew.
    /// Returns the files moved.
    @discardableResult
    public static func moveSharedUnitFolders(in workspace: Workspace) throws -> [String] {
        let fm = FileManager.default
        var moved: [String] = []
        for folder in workspace.formerSharedUnitFolders where fm.fileExists(atPath: folder.path) {
            for name in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where !name.hasPrefix(".") {
                let source = folder.appendingPathComponent(name)
                let stem = (name as NSString).deletingPathExtension
                let ext = (name as NSString).pathExtension
                let target: URL?
                if folder.lastPathComponent == "templat", stem.hasPrefix("DIP-"), ext == "xlsx" {
                    target = workspace.templateFile(unit: String(stem.dropFirst(4)))
                } else if ["txt", "xlsx", "html"].contains(ext), !stem.hasSuffix("-tidak-dibaca"), !stem.isEmpty {
                    target = workspace.feedbackFile(unit: stem, ext: ext)
                } else {
                    target = nil
                }
                guard let target else { continue }
                if !fm.fileExists(atPath: target.path) {
                    try DurableFiles.createDirectory(target.deletingLastPathComponent())
                    guard rename(source.path, target.path) == 0 else { throw DurableFiles.posixError("memindahkan", source.path) }
                    moved.append(target.path)
                }
            }
            try fm.removeItem(at: folder)
        }
        return moved
    }

    /// Deletes leftovers under `reports/` and `archive/` (never `inbox/`: files there
    /// belong to the units). Returns the paths removed, sorted.
    @discardableResult
    public static func removeLeftovers(in workspace: Workspace) -> [String] {
        var removed: [String] = []
        for top in [workspace.reports, workspace.archive] {
            collect(top, into: &removed)
        }
        return removed.sorted()
    }

    private static func collect(_ folder: URL, into removed: inout [String]) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            let url = folder.appendingPathComponent(name)
            let type = (try? fm.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            if isLeftover(name) {
                if (try? fm.removeItem(at: url)) != nil { removed.append(url.path) }
            } else if type == .typeDirectory {
                collect(url, into: &removed)
            }
        }
    }
}
