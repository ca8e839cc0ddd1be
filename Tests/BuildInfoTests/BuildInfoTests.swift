import BuildInfo
import Foundation
import TestSupport
import XCTest

/// `dip --version` and the archive packages name the exact build: the release number of
/// `VERSION` and the commit, read by `scripts/build-info.sh` from a clone, from the id
/// `git archive` writes into a tarball, or said to be unknown.
final class BuildInfoTests: XCTestCase {
    let script = Checkers.repoRoot.appendingPathComponent("scripts/build-info.sh")

    func git(_ directory: URL, _ arguments: [String]) throws -> String {
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                    ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "safe.directory=*",
                                     "-C", directory.path] + arguments)
        XCTAssertEqual(result.status, 0, "git \(arguments): \(result.output)")
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs the script on `package`; returns its exit status and the file's text.
    func generate(_ package: URL) throws -> (status: Int32, text: String, file: URL) {
        let out = package.deletingLastPathComponent().appendingPathComponent("\(package.lastPathComponent)-Generated.swift")
        let result = try runProcess(URL(fileURLWithPath: "/bin/sh"), [script.path, package.path, out.path])
        return (result.status, (try? String(contentsOf: out, encoding: .utf8)) ?? result.output, out)
    }

    /// A small package like dip's: VERSION, the export-subst commit file, one tracked file.
    func makeRepository(release: String) throws -> URL {
        let repo = try Scratch.directory("build-info").appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try "\(release)\n".write(to: repo.appendingPathComponent("VERSION"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Checkers.repoRoot.appendingPathComponent("scripts/build-info-commit.txt"),
                                         to: repo.appendingPathComponent("scripts/build-info-commit.txt"))
        try FileManager.default.copyItem(at: Checkers.repoRoot.appendingPathComponent(".gitattributes"),
                                         to: repo.appendingPathComponent(".gitattributes"))
        try "satu\n".write(to: repo.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        _ = try git(repo, ["init", "-q", "."])
        _ = try git(repo, ["add", "-A"])
        _ = try git(repo, ["commit", "-q", "-m", "one"])
        return repo
    }

    func testThisBuildNamesTheReleaseOfVERSIONAndACommitOfThisRepository() throws {
        let release = try String(contentsOf: Checkers.repoRoot.appendingPathComponent("VERSION"), encoding: .utf8)
            .split(separator: "\n").first.map(String.init)?.trimmingCharacters(in: .whitespaces)
        XCTAssertEqual(BuildInfo.release, release)
        XCTAssertNotNil(BuildInfo.release.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$"#, options: .regularExpression),
                        BuildInfo.release)
        XCTAssertTrue(BuildInfo.version.hasPrefix(BuildInfo.release + " ("), BuildInfo.version)
        XCTAssertEqual(BuildInfo.softwareAgent, "dip " + BuildInfo.version)
        guard FileManager.default.fileExists(atPath: Checkers.repoRoot.appendingPathComponent(".git").path) else { return }
        // Built in a clone: the commit is one of this repository's (not necessarily HEAD: the
        // tests may run after a commit without a rebuild).
        let commit = try XCTUnwrap(BuildInfo.commit, "a build in a clone knows its commit")
        XCTAssertEqual(try git(Checkers.repoRoot, ["cat-file", "-t", commit]), "commit")
    }

    func testTheVersionTextSaysWhatIsKnown() {
        XCTAssertEqual(BuildInfo.describe(release: "0.2.0", commit: "abc1234", modified: false), "0.2.0 (abc1234)")
        XCTAssertEqual(BuildInfo.describe(release: "0.2.0", commit: "abc1234", modified: true),
                       "0.2.0 (abc1234, dengan perubahan lokal)")
        XCTAssertEqual(BuildInfo.describe(release: "0.2.0", commit: nil, modified: false), "0.2.0 (commit tidak diketahui)")
    }

    func testInACloneTheCommitIsHEADAndAnEditIsSaid() throws {
        let repo = try makeRepository(release: "1.4.0")
        let head = try git(repo, ["rev-parse", "--short=7", "HEAD"])
        let first = try generate(repo)
        XCTAssertEqual(first.status, 0, first.text)
        XCTAssertTrue(first.text.contains(#"static let release = "1.4.0""#), first.text)
        XCTAssertTrue(first.text.contains(#"static let commit = "\#(head)""#), first.text)
        XCTAssertTrue(first.text.contains("static let modified = false"), first.text)

        // Unchanged: the file is not rewritten (nothing recompiles).
        let before = try FileManager.default.attributesOfItem(atPath: first.file.path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(try generate(repo).status, 0)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: first.file.path)[.modificationDate] as? Date, before)

        // A tracked file edited: the build says so; committed: the new commit, clean again.
        try "dua\n".write(to: repo.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        XCTAssertTrue(try generate(repo).text.contains("static let modified = true"))
        _ = try git(repo, ["commit", "-q", "-am", "two"])
        let next = try git(repo, ["rev-parse", "--short=7", "HEAD"])
        XCTAssertNotEqual(next, head)
        let second = try generate(repo).text
        XCTAssertTrue(second.contains(#"static let commit = "\#(next)""#), second)
        XCTAssertTrue(second.contains("static let modified = false"), second)
    }

    func testATarballMadeByGitArchiveKnowsItsCommitAndACopyWithoutGitDoesNot() throws {
        let repo = try makeRepository(release: "1.4.0")
        let head = try git(repo, ["rev-parse", "--short=7", "HEAD"])
        let tarball = repo.deletingLastPathComponent().appendingPathComponent("dip.tar")
        _ = try git(repo, ["archive", "--format=tar", "--prefix=dip-1.4.0/", "-o", tarball.path, "HEAD"])
        let unpacked = repo.deletingLastPathComponent().appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        let tar = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-xf", tarball.path, "-C", unpacked.path])
        XCTAssertEqual(tar.status, 0, tar.output)
        let fromTarball = try generate(unpacked.appendingPathComponent("dip-1.4.0"))
        XCTAssertEqual(fromTarball.status, 0, fromTarball.text)
        XCTAssertTrue(fromTarball.text.hasPrefix("// Written by"), fromTarball.text)
        XCTAssertTrue(fromTarball.text.contains(#"static let commit = "\#(head.prefix(7))"#), fromTarball.text)

        // A plain copy (no .git, the commit file not substituted): no commit is claimed.
        let copy = repo.deletingLastPathComponent().appendingPathComponent("copy")
        try FileManager.default.copyItem(at: repo, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent(".git"))
        let plain = try generate(copy)
        XCTAssertEqual(plain.status, 0, plain.text)
        XCTAssertTrue(plain.text.contains(#"static let commit = """#), plain.text)
        XCTAssertTrue(plain.text.contains(#"static let release = "1.4.0""#), plain.text)
    }

    func testAReleaseNumberThatCouldBreakTheSwiftFileIsRefused() throws {
        let repo = try makeRepository(release: #"1.0"; fatalError()"#)
        let result = try generate(repo)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.text.contains("VERSION must hold a release number"), result.text)
    }

    /// The release `VERSION` names (without `-dev`) has its section in CHANGELOG.md, which the
    /// IT officer reads before upgrading.
    func testTheReleaseHasItsSectionInTheChangelog() throws {
        let changelog = try String(contentsOf: Checkers.repoRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let number = BuildInfo.release.split(separator: "-").first.map(String.init) ?? BuildInfo.release
        XCTAssertTrue(changelog.split(separator: "\n").contains { $0.hasPrefix("## \(number) ") },
                      "CHANGELOG.md has no section '## \(number) (…)'")
    }
}
