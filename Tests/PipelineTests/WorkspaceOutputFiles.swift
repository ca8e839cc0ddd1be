import Foundation

/// Every regular file of the workspace at `root` but the operator's log, as sorted relative
/// paths: what two runs that must agree byte for byte are compared on.
func outputFiles(_ root: URL) throws -> [String] {
    let all = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
    return all.filter { path in
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
        return exists && !isDirectory.boolValue && !path.hasPrefix("reports/log/")
    }.sorted()
}
