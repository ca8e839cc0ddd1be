import BuildInfo
import Foundation
import TestSupport
import XCTest

/// The command line speaks Indonesian in the parser's own lines too, and `dip approve` has
/// one `--version` (its version number), not also the parser's version flag.
final class HelpTextTests: XCTestCase {
    func dip(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let binary = Checkers.repoRoot.appendingPathComponent(".build/debug/dip")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw missingTool("the dip binary is not built (swift build)")
        }
        return try runProcess(binary, arguments)
    }

    func testHelpIsIndonesianAndVersionIsNotDuplicated() throws {
        let approve = try dip(["approve", "--help"])
        XCTAssertEqual(approve.status, 0, approve.output)
        XCTAssertEqual(approve.output.components(separatedBy: "--version").count - 1, 1, approve.output)
        for english in ["Show help information", "Show the version", "USAGE:", "OPTIONS:", "default:"] {
            XCTAssertFalse(approve.output.contains(english), "\(english) in:\n\(approve.output)")
        }
        XCTAssertTrue(approve.output.contains("Tampilkan bantuan ini."))
        let root = try dip(["--help"])
        XCTAssertTrue(root.output.contains("SUBPERINTAH:"), root.output)
        // The release number and the commit of this build ("0.2.0 (abc1234)"), not a fixed
        // "0.1.0" for every build (BuildInfoTests checks where the two come from).
        let version = try dip(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertEqual(version.output, BuildInfo.version + "\n")
        XCTAssertNotNil(version.output.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+\S* \(.+\)\n$"#, options: .regularExpression),
                        version.output)
        let wrong = try dip(["diff", "--bogus"])
        XCTAssertEqual(wrong.status, 64)
        XCTAssertTrue(wrong.output.contains("Galat: Opsi tidak dikenal '--bogus'"), wrong.output)
        // A mistyped command is said as one, with the commands there are (it read "Argumen tidak
        // dikenal 'runn'", session 27); an argument too many is still the parser's.
        let typo = try dip(["runn", "--workspace", "/srv/dip"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.output.contains("Galat: Perintah 'runn' tidak dikenal. Perintah dip: init, run, watch, "), typo.output)
        let nested = try dip(["rules", "dampakk"])
        XCTAssertEqual(nested.status, 64)
        XCTAssertTrue(nested.output.contains("Galat: Perintah 'dampakk' tidak dikenal. Perintah dip rules: check, explain, "
                                             + "evaluate, impact, decide. Lihat 'dip rules --help'."), nested.output)
        let extra = try dip(["status", "lebih"])
        XCTAssertEqual(extra.status, 64)
        XCTAssertTrue(extra.output.contains("Galat: Argumen tidak dikenal 'lebih'"), extra.output)
    }

    /// Every command's help, including the phrases the parser wraps onto the next line
    /// ("(default:" at a line's end) and the nested commands' "See 'dip help rules …'", is
    /// Indonesian: an officer reading `dip watch --help` met "(default: 60.0)" and
    /// `dip rules --help` ended "for detailed help.".
    func testEveryCommandsHelpIsIndonesianAlsoWhereWrapped() throws {
        let commands = ["", "init", "run", "watch", "check", "dump", "verify-archive", "rules", "rules check",
                        "rules explain", "rules evaluate", "rules impact", "rules decide", "status", "diff", "history", "approve", "approvals",
                        "return", "release", "test"]
        for command in commands {
            let help = try dip(command.split(separator: " ").map(String.init) + ["--help"])
            XCTAssertEqual(help.status, 0, "\(command): \(help.output)")
            XCTAssertTrue(help.output.contains("PENGGUNAAN: dip"), "\(command): \(help.output)")
            for english in ["default:", "(values:", "detailed help", "See '", "<subcommand>", "<options>", "OVERVIEW",
                            "USAGE", "OPTIONS", "ARGUMENTS"] {
                XCTAssertFalse(help.output.contains(english), "dip \(command) --help says \"\(english)\":\n\(help.output)")
            }
        }
        // One word for the folder dip works in, the README's and docs/ops.md's "workspace": the
        // help also said "ruang kerja" (check) and "folder kerja" (rules, verify-archive; session 26).
        for command in commands {
            let help = try dip(command.split(separator: " ").map(String.init) + ["--help"]).output
                .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            for other in ["ruang kerja", "folder kerja"] {
                XCTAssertFalse(help.lowercased().contains(other), "dip \(command) --help says \"\(other)\":\n\(help)")
            }
        }
        // The wrapped defaults keep their value, in Indonesian.
        let watch = try dip(["watch", "--help"]).output
        XCTAssertNotNil(watch.range(of: #"\(bawaan:\s+60\.0\)"#, options: .regularExpression), watch)
        let rules = try dip(["rules", "--help"]).output
        XCTAssertTrue(rules.contains("Lihat 'dip help rules <subperintah>' untuk bantuan lengkap."), rules)
        // The default of --workspace said once ("Bawaan: folder saat ini. (bawaan: .)" said it twice).
        let run = try dip(["run", "--help"]).output
        XCTAssertNil(run.range(of: #"Bawaan:[^)]*\(bawaan"#, options: .regularExpression), run)
        XCTAssertNotNil(run.range(of: #"adalah\s+folder\s+saat\s+ini\.\s+\(bawaan:\s+\.\)"#, options: .regularExpression), run)
    }

    /// The IT officer sets cron and systemd up from `dip run --help` (session 24 walk): it
    /// names every exit code and where the log is. And no help sends a user to a file only the
    /// developers have (`dip test` cited "DIP.md §4", of the developers' shared folder).
    func testRunHelpNamesTheExitCodesAndTheLog() throws {
        let run = try dip(["run", "--help"]).output
        for code in 0...4 {
            XCTAssertNotNil(run.range(of: "\n\\s*\(code)  \\S", options: .regularExpression), "exit code \(code):\n\(run)")
        }
        XCTAssertTrue(run.contains("reports/log/dip-TTTT-BB-HH.log"), run)
        XCTAssertTrue(run.contains("docs/ops.md"), run)
        // Value placeholders are Indonesian too (`dip init <directory>`, `--settle-seconds
        // <settle-seconds>`, `dip history <item>` were the parser's English property names).
        for command in [["init"], ["run"], ["watch"], ["check"], ["history"], ["release"], ["test"], ["approve"], ["dump"]] {
            let help = try dip(command + ["--help"]).output
            for english in ["<directory>", "<files>", "<file>", "<item>", "<unit>", "<name>", "<settle-seconds>",
                            "<poll-seconds>", "<workspace>", "<revision>", "<decree-date>", "<tested-on>", "<place>"] {
                XCTAssertFalse(help.contains(english), "dip \(command.joined(separator: " ")) --help shows \(english):\n\(help)")
            }
        }
        for command in [["test"], ["run"], ["watch"], ["approve"], ["verify-archive"], []] {
            let help = try dip(command + ["--help"]).output
            XCTAssertFalse(help.contains("DIP.md"), "dip \(command.joined(separator: " ")) --help:\n\(help)")
        }
    }
}
