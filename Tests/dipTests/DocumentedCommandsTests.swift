import ArgumentParser
import Foundation
import TestSupport
import XCTest

@testable import dip

/// Every `dip` command line the README, the PPID's guide (docs/panduan.md) and the IT officer's
/// guide (docs/ops.md) give is put through dip's own parser, so a renamed option or command can
/// never leave a document (or a cron line copied from one) behind (session 27: the options were
/// given one language, the old names kept as aliases).
///
/// A command in a code block is one to paste: it must parse as it stands. A command in running
/// text (`dip approve --withdraw --name … --reason …`) may leave out what the sentence does not
/// need, but every command name and option it names must be dip's. Placeholders ("…", `N`,
/// `ITEM`, `<kode>`, `[--refuse]`, `terapkan|pertahankan`) are filled with sample values first.
final class DocumentedCommandsTests: XCTestCase {
    static let documents = ["README.md", "docs/panduan.md", "docs/ops.md"]

    func testEveryDocumentedCommandLineParses() throws {
        let tool = try Self.toolInfo()
        var checked = 0, complete = 0
        for document in Self.documents {
            let url = Checkers.repoRoot.appendingPathComponent(document)
            let text = try String(contentsOf: url, encoding: .utf8)
            for found in Self.commands(in: text) {
                checked += 1
                if found.complete { complete += 1 }
                let place = "\(document):\(found.line): \(found.text)"
                if found.optionOnly {
                    if !Self.otherTools.contains(found.text), !Self.allOptions(tool).contains(found.text) {
                        XCTFail("\(place)\n  no dip command has this option")
                    }
                    continue
                }
                let arguments = Self.arguments(found.text)
                if let problem = Self.unknownName(arguments, tool: tool) {
                    XCTFail("\(place)\n  \(problem)")
                    continue
                }
                if let problem = Self.parseProblem(Self.filled(arguments, tool: tool), complete: found.complete) {
                    XCTFail("\(place)\n  \(problem)")
                }
            }
        }
        // The documents give dozens of commands, eleven of them in code blocks (the cron lines,
        // the consequence test, the approval, the releases…): the extraction found them.
        XCTAssertGreaterThan(checked, 100)
        XCTAssertGreaterThanOrEqual(complete, 10)
    }

    /// The check fails on what it is there for: a renamed option, a command that is gone, a value
    /// the option does not take, in a code block or in running text.
    func testTheCheckFindsAWrongOptionOrCommand() throws {
        let tool = try Self.toolInfo()
        let wrong = """
            Run `dip rules putuskan dinkes-0007 --revision 1 --keuputusan terapkan` or `dip rules decidee`.

            ```sh
            dip dump FILE --maks-karakterr 0
            dip test dinsos-0007 --revision satu --berita-acara-number "1/2"
            ```
            """
        let found = Self.commands(in: wrong)
        XCTAssertEqual(found.map(\.complete), [false, false, true, true])
        XCTAssertEqual(Self.commands(in: "Use `--force-unreviewed` or `--paksa`.").map(\.text), ["--force-unreviewed", "--paksa"])
        XCTAssertTrue(Self.allOptions(tool).contains("--force-unreviewed"))
        XCTAssertFalse(Self.allOptions(tool).contains("--paksa"))
        let problems = found.map { command -> String? in
            let arguments = Self.arguments(command.text)
            return Self.unknownName(arguments, tool: tool)
                ?? Self.parseProblem(Self.filled(arguments, tool: tool), complete: command.complete)
        }
        XCTAssertEqual(problems.map { $0 != nil }, [true, true, true, true], "\(problems)")
        XCTAssertTrue(problems[0]?.contains("--keuputusan") == true, "\(problems)")
        XCTAssertTrue(problems[1]?.contains("decidee") == true, "\(problems)")
        XCTAssertTrue(problems[2]?.contains("--maks-karakterr") == true, "\(problems)")
        XCTAssertTrue(problems[3]?.contains("satu") == true, "\(problems)")
        // And what is right passes: the old names are aliases.
        for line in ["dip rules putuskan dinkes-0007 --revision 1 --pilihan terapkan --name …",
                     "dip rules decide dinkes-0007 --revision 1 --choice pertahankan --name …",
                     "dip dump FILE [--format json] [--maks-karakter N]"] {
            let arguments = Self.arguments(line)
            XCTAssertNil(Self.unknownName(arguments, tool: tool), line)
            XCTAssertNil(Self.parseProblem(Self.filled(arguments, tool: tool), complete: true), line)
        }
    }

    /// The options of sessions 14–26 in Indonesian (`--maks-karakter`, `--kategori`, `--dasar`,
    /// `--tanpa-preseden`, `--tanpa-pembelajaran`, `dip rules putuskan --pilihan`, `dip rules
    /// dampak`) still do what they did, under their English names and under the old ones.
    func testOldOptionNamesAreAliases() throws {
        func parsed<T>(_ arguments: [String], as type: T.Type) throws -> T {
            try XCTUnwrap(try DIP.parseAsRoot(arguments) as? T, "\(arguments)")
        }
        for name in ["--max-chars", "--maks-karakter"] {
            XCTAssertEqual(try parsed(["dump", "a.xlsx", name, "7"], as: Dump.self).maxCharacters, 7, name)
        }
        for (category, basis) in [("--category", "--legal-basis"), ("--kategori", "--dasar")] {
            let explain = try parsed(["rules", "explain", "Rekam medis", category, "dikecualikan", basis, "Pasal 17 huruf h"],
                                     as: DIP.RulesCommand.Explain.self)
            XCTAssertEqual(explain.declared, "dikecualikan")
            XCTAssertEqual(explain.basis, "Pasal 17 huruf h")
        }
        for (rulesOnly, noLayer) in [("--rules-only", "--no-learned-layer"), ("--tanpa-preseden", "--tanpa-pembelajaran")] {
            XCTAssertTrue(try parsed(["rules", "evaluate", "a.csv", rulesOnly], as: DIP.RulesCommand.Evaluate.self).rulesOnly)
            XCTAssertTrue(try parsed(["rules", "evaluate", "a.csv", noLayer], as: DIP.RulesCommand.Evaluate.self).withoutLearnedLayer)
        }
        for (command, choice) in [("decide", "--choice"), ("putuskan", "--pilihan")] {
            let decide = try parsed(["rules", command, "dinkes-0007", "--revision", "2", choice, "pertahankan", "--name", "Siti"],
                                    as: DIP.RulesCommand.Decide.self)
            XCTAssertEqual(decide.choice, .keep)
            XCTAssertEqual(decide.revision, 2)
        }
        for command in ["impact", "dampak"] {
            XCTAssertNoThrow(try parsed(["rules", command, "--workspace", "/srv/dip"], as: DIP.RulesCommand.Impact.self))
        }
    }

    /// Help texts said one way: every option of every command has one, and an option that
    /// several commands share says the same in each (`--format` read "Format keluaran." in most and
    /// "Format keluaran: text atau json." beside the parser's own "(pilihan: text, json)" in two;
    /// `--nip` "NIP PPID (18 digit)." in one, "NIP PPID." in three; `--settle-seconds` differed
    /// between `dip run` and `dip watch`).
    func testSharedOptionsShareTheirHelpText() throws {
        var texts: [String: Set<String>] = [:]
        func walk(_ command: ToolCommand, path: String) {
            for argument in command.arguments ?? [] {
                let name = argument.names?.first { $0.kind == "long" }.map { "--" + $0.name } ?? "<\(argument.kind)>"
                if name == "--help" { continue }
                let text = argument.abstract ?? ""
                XCTAssertFalse(text.isEmpty, "\(path) \(name) has no help text")
                texts[name, default: []].insert(text)
            }
            // `dip help` is the parser's own command.
            for sub in command.subcommands ?? [] where sub.commandName != "help" { walk(sub, path: path + " " + sub.commandName) }
        }
        walk(try Self.toolInfo(), path: "dip")
        for name in ["--format", "--nip", "--settle-seconds"] {
            XCTAssertEqual(texts[name]?.count, 1, "\(name): \(texts[name] ?? [])")
        }
    }

    // MARK: - Finding the commands

    struct Found: Equatable {
        var line: Int
        var text: String
        /// In a code block (to paste), not a mention in running text.
        var complete: Bool
        /// An option named alone in running text (`--force-unreviewed`): `text` is the option.
        var optionOnly = false
    }

    /// Options of other programs the documents name alone (scripts/make-xlsx-fixtures.py).
    static let otherTools: Set<String> = ["--check"]

    /// Every long option name of every dip command.
    static func allOptions(_ command: ToolCommand) -> Set<String> {
        var names = Set((command.arguments ?? []).flatMap { ($0.names ?? []).filter { $0.kind == "long" }.map { "--" + $0.name } })
        for sub in command.subcommands ?? [] { names.formUnion(allOptions(sub)) }
        return names
    }

    /// The `dip` commands of a Markdown text: each line of a code block that runs dip (after a
    /// cron schedule, `sudo -u dip`, a path, variables; continued lines joined; cut at a comment,
    /// a redirection, `&&`, `|` or `;`), and each inline code span that starts with `dip ` or is
    /// an option (`--force-unreviewed`, checked as a mention of `dip`'s options).
    static func commands(in markdown: String) -> [Found] {
        var found: [Found] = []
        var fenced = false
        var pending: (line: Int, text: String)?
        var prose: [(line: Int, text: String)] = []
        for (index, raw) in markdown.components(separatedBy: "\n").enumerated() {
            let line = index + 1
            if raw.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                fenced.toggle()
                prose.append((line, ""))
                continue
            }
            guard fenced else {
                prose.append((line, raw))
                continue
            }
            prose.append((line, ""))
            var text = raw
            let continued = text.hasSuffix("\\")
            if continued { text.removeLast() }
            if let start = pending {
                pending = (start.line, start.text + " " + text)
            } else {
                pending = (line, text)
            }
            if continued { continue }
            if let command = pending.flatMap({ p in invocation(p.text).map { Found(line: p.line, text: $0, complete: true) } }) {
                found.append(command)
            }
            pending = nil
        }
        // Inline spans, also those a line break runs through.
        let joined = prose.map(\.text).joined(separator: "\n")
        let lineStarts = prose.map(\.line)
        var lineOf: [Int] = []  // line number of each character offset's line
        for (i, part) in prose.enumerated() { lineOf.append(contentsOf: Array(repeating: lineStarts[i], count: part.text.count + 1)) }
        let regex = try! NSRegularExpression(pattern: "`([^`]+)`")
        let ns = joined as NSString
        for match in regex.matches(in: joined, range: NSRange(location: 0, length: ns.length)) {
            let span = ns.substring(with: match.range(at: 1)).replacingOccurrences(of: "\n", with: " ")
            let offset = joined.distance(from: joined.startIndex,
                                         to: String.Index(utf16Offset: match.range.location, in: joined))
            let line = offset < lineOf.count ? lineOf[offset] : 0
            if let command = invocation(span) {
                found.append(Found(line: line, text: command, complete: false))
            } else if span.hasPrefix("--"), let option = span.split(separator: " ").first,
                      option.count > 2, option.dropFirst(2).allSatisfy({ $0.isLetter || $0 == "-" }) {
                found.append(Found(line: line, text: String(option), complete: false, optionOnly: true))
            }
        }
        return found.sorted { $0.line < $1.line }
    }

    /// `dip …` from a shell line, or nil when the line does not run dip.
    static func invocation(_ line: String) -> String? {
        var words = line.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // A cron schedule: five fields of digits, '*', ',' '/' '-'.
        if words.count > 5, words.prefix(5).allSatisfy({ $0.allSatisfy { "0123456789*,/-".contains($0) } }) {
            words.removeFirst(5)
        }
        while let first = words.first {
            if first == "sudo" {
                words.removeFirst()
                if words.first == "-u" { words.removeFirst(min(2, words.count)) }
            } else if first.contains("="), !first.hasPrefix("-") {
                words.removeFirst()  // DIP_THREADS=1
            } else {
                break
            }
        }
        // "dip 0.1.0" names a release, not a command.
        guard let first = words.first, first == "dip" || first.hasSuffix("/dip"), words.count > 1,
              words[1].first?.isNumber == false else { return nil }
        words[0] = "dip"
        var kept: [String] = []
        for word in words {
            if ["#", "&&", "||", "|", ";"].contains(word) || word.hasPrefix(">") || word.hasPrefix("2>") || word.hasPrefix("<<") {
                break
            }
            kept.append(word)
        }
        return kept.joined(separator: " ")
    }

    /// The words of a command as the shell splits them (quotes kept together), with the
    /// documents' notation taken off: `[`…`]` around optional parts, `\|` of a table cell, an
    /// ellipsis glued to a word (`FILE…`).
    static func arguments(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        var depth = 0  // inside $( … ), a word of its own for the shell
        for ch in command.replacingOccurrences(of: "\\|", with: "|") {
            if depth > 0 {
                current.append(ch)
                if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
            } else if ch == "(" && current.hasSuffix("$") {
                current.append(ch)
                depth = 1
            } else if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words.dropFirst().compactMap { word in
            var w = word
            while w.hasPrefix("[") { w.removeFirst() }
            while w.hasSuffix("]") { w.removeLast() }
            if w.count > 1, w.hasSuffix("…") { w.removeLast() }
            return w.isEmpty ? nil : w
        }
    }

    // MARK: - Checking them

    /// dip's commands and options as the parser describes itself (`--experimental-dump-help`).
    struct ToolCommand: Decodable {
        var commandName: String
        var aliases: [String]?
        var subcommands: [ToolCommand]?
        var arguments: [ToolArgument]?

        func subcommand(_ name: String) -> ToolCommand? {
            subcommands?.first { $0.commandName == name || ($0.aliases ?? []).contains(name) }
        }

        func option(_ name: String) -> ToolArgument? {
            arguments?.first { ($0.names ?? []).contains { $0.kind == "long" && "--" + $0.name == name } }
        }
    }

    struct ToolArgument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var kind: String
        var names: [Name]?
        var allValues: [String]?
        var abstract: String?
    }

    struct ToolDump: Decodable { var command: ToolCommand }

    static func toolInfo() throws -> ToolCommand {
        try JSONDecoder().decode(ToolDump.self, from: Data(DIP._dumpHelp().utf8)).command
    }

    /// The command the words name and where its options start.
    static func resolve(_ arguments: [String], tool: ToolCommand) -> (command: ToolCommand, rest: ArraySlice<String>) {
        var command = tool
        var rest = arguments[...]
        while let word = rest.first, let sub = command.subcommand(word) {
            command = sub
            rest = rest.dropFirst()
        }
        return (command, rest)
    }

    /// A command or option name dip does not have, said; nil when every name is dip's.
    static func unknownName(_ arguments: [String], tool: ToolCommand) -> String? {
        if arguments == ["--version"] { return nil }  // answered before parsing (DIP.main)
        let (command, rest) = resolve(arguments, tool: tool)
        if let word = rest.first, !word.hasPrefix("-"), command.subcommands?.isEmpty == false,
           !(command.arguments ?? []).contains(where: { $0.kind == "positional" }) {
            return "'\(word)' is not a command of dip \(command.commandName)"
        }
        var expectsValue = false
        for word in rest {
            if expectsValue { expectsValue = false; continue }
            guard word.hasPrefix("--") else { continue }
            let name = String(word.split(separator: "=", maxSplits: 1)[0])
            if name == "--help" { continue }
            guard let option = command.option(name) else {
                return "dip \(command.commandName) has no option \(name)"
            }
            expectsValue = option.kind == "option" && !word.contains("=")
        }
        return nil
    }

    /// Sample values for the documents' placeholders, by option.
    static let samples: [String: String] = [
        "--revision": "1", "--version": "2", "--from": "1", "--to": "2", "--settle-seconds": "0", "--poll-seconds": "60",
        "--max-chars": "0", "--maks-karakter": "0", "--nip": "197001011995031002", "--atasan-nip": "196801011990031002",
        "--tester-nip": "198203152006042011", "--decree-date": "2026-01-01", "--tested-on": "2026-01-01",
        "--name": "Siti Aminah, S.Sos.",
    ]

    static func isPlaceholder(_ word: String) -> Bool {
        word == "…" || word == "N" || word == "K" || (word.hasPrefix("<") && word.hasSuffix(">"))
            || (word.count > 1 && word.allSatisfy { $0.isUppercase })
    }

    /// The words with placeholders filled: an option's value from `samples` or its first allowed
    /// value; a positional one with a sample word; "…" standing for more options, dropped; of
    /// alternatives (`terapkan|pertahankan`) the first.
    static func filled(_ arguments: [String], tool: ToolCommand) -> [String] {
        let (command, rest) = resolve(arguments, tool: tool)
        var out = Array(arguments[..<rest.startIndex])
        var option: ToolArgument?
        var optionName = ""
        for word in rest {
            if let current = option {
                option = nil
                var value = word.contains("|") && !word.contains(" ") ? String(word.split(separator: "|")[0]) : word
                if isPlaceholder(value) { value = samples[optionName] ?? current.allValues?.first ?? "contoh" }
                out.append(value)
                continue
            }
            if word.hasPrefix("--"), let known = command.option(word), known.kind == "option" {
                option = known
                optionName = word
                out.append(word)
            } else if word == "…" {
                continue
            } else if isPlaceholder(word) {
                out.append("dinkes-0007")
            } else {
                out.append(word)
            }
        }
        if let current = option { out.append(samples[optionName] ?? current.allValues?.first ?? "contoh") }
        return out
    }

    /// What the parser says of the words, or nil when it takes them. Running text may leave out a
    /// required part (the parser then stops at it, or at a check of the command's own); a word
    /// it does not know or a value it refuses is a problem everywhere.
    static func parseProblem(_ arguments: [String], complete: Bool) -> String? {
        if arguments == ["--version"] { return nil }
        do {
            _ = try DIP.parseAsRoot(arguments)
            return nil
        } catch {
            let message = DIP.message(for: error)
            if !complete && !["Unknown option", "Unexpected argument", "is invalid for", "Missing value for"]
                .contains(where: message.contains) {
                return nil
            }
            return "\(arguments): \(message)"
        }
    }
}
