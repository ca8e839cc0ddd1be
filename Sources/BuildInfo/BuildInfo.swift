/// Which dip this is: the release number (`VERSION`) and the commit it was built from, written
/// at build time by `scripts/build-info.sh` (the `BuildInfoPlugin`), so an IT officer
/// reporting a problem and an archive package's `Bag-Software-Agent` name the exact build.
/// Nothing else: no date or host, so the same commit builds the same text and outputs that
/// carry it stay byte-identical for the same inputs and build.
public enum BuildInfo {
    /// The release number, e.g. "0.2.0" ("0.3.0-dev" between releases; docs/ops.md "Release").
    public static let release = GeneratedBuildInfo.release
    /// The commit's short id; nil when the build had neither a clone nor a `git archive`
    /// tarball to read it from.
    public static let commit: String? = GeneratedBuildInfo.commit.isEmpty ? nil : GeneratedBuildInfo.commit
    /// Whether tracked files differed from `commit` when it was built (a developer's build).
    public static let modified = GeneratedBuildInfo.modified

    /// What `dip --version` prints: "0.2.0 (abc1234)"; "0.2.0 (abc1234, dengan perubahan
    /// lokal)" for a build of edited files; "0.2.0 (commit tidak diketahui)" without one.
    public static var version: String { describe(release: release, commit: commit, modified: modified) }

    /// The `version` text of a build with these facts.
    public static func describe(release: String, commit: String?, modified: Bool) -> String {
        guard let commit else { return "\(release) (commit tidak diketahui)" }
        return modified ? "\(release) (\(commit), dengan perubahan lokal)" : "\(release) (\(commit))"
    }

    /// The program as outputs name it (`Bag-Software-Agent`): "dip 0.2.0 (abc1234)".
    public static var softwareAgent: String { "dip \(version)" }
}
