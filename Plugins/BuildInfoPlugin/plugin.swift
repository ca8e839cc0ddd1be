import Foundation
import PackagePlugin

/// Writes the `BuildInfo` module's `GeneratedBuildInfo.swift`: the release number (`VERSION`)
/// and the commit the build is made from, by `scripts/build-info.sh`.
///
/// A build command, not a prebuild command: SwiftPM 6 runs a prebuild command only when it
/// re-plans the build (walked: three commits in a row kept the first commit's id), while a build
/// command runs whenever one of its inputs changed. The inputs are what a commit, a checkout
/// or an edit touches: git's `HEAD`, index and HEAD log (found through a worktree's `.git`
/// file too), `VERSION`, the script, the `git archive` commit file and the package's
/// sources. Without `.git` (a tarball) the script reads the commit `git archive` wrote.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "scripts/build-info.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedBuildInfo.swift")
        var inputs = [script, package.appending(path: "VERSION"),
                      package.appending(path: "scripts/build-info-commit.txt")]
        if let gitDirectory = Self.gitDirectory(of: package) {
            inputs += ["HEAD", "index", "logs/HEAD"].map { gitDirectory.appending(path: $0) }
        }
        for folder in ["Sources", "Package.swift", "rules"] {
            inputs += Self.files(under: package.appending(path: folder))
        }
        let fm = FileManager.default
        return [.buildCommand(
            displayName: "dip: nomor rilis dan commit (scripts/build-info.sh)",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [script.path, package.path, output.path],
            inputFiles: inputs.filter { fm.fileExists(atPath: $0.path) },
            outputFiles: [output])]
    }

    /// `.git` itself, or the folder a worktree's `.git` file names (`gitdir: …`).
    static func gitDirectory(of package: URL) -> URL? {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue { return dotGit }
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("gitdir:") }) else { return nil }
        let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
    }

    /// Every file under `url` (or `url` itself when it is a file).
    static func files(under url: URL) -> [URL] {
        guard let walk = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return [url]
        }
        var found: [URL] = []
        for case let file as URL in walk
        where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            found.append(file)
        }
        return found.isEmpty ? [url] : found
    }
}
