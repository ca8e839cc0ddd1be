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
