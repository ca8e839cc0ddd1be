import ArgumentParser
import BuildInfo
import Foundation

/// `dip`: takes in unit submissions, classifies, registers and publishes the DIP.
@main
struct DIP: ParsableCommand {
    /// "0.2.0 (abc1234)": the release number and the commit of this build (`BuildInfo`).
    static let version = BuildInfo.version

    static let configuration = CommandConfiguration(
        commandName: "dip",
        abstract: "Penetapan dan pemutakhiran Daftar Informasi Publik (DIP).",
        discussion: "Versi program: dip --version.",
        subcommands: [Init.self, Run.self, Watch.self, Check.self, Dump.self, VerifyArchive.self, RulesCommand.self, Status.self, Diff.self, History.self, Approve.self, Approvals.self, Return.self, Release.self, RecordTest.self]
    )

    // `dip --version` is answered in `main` before parsing, not by a flag of this command: the
    // parser's own version flag appeared on every subcommand, and a flag declared here is
    // parsed after a subcommand too, where it took `dip approve --version 2` and
    // `dip approvals --version 2` (their version number) for itself ("Argumen tidak dikenal '2'").
    mutating func run() throws {
        throw CleanExit.helpRequest(self)
    }

    /// Runs the command like the parser's own entry point, with the parser's fixed English
    /// texts (headings, built-in help lines, error frames) put into Indonesian.
    static func main() {
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(Self.version)
            Foundation.exit(0)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure, let unknown = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
                FileHandle.standardError.write(Data(("Galat: " + unknown + "\n").utf8))
                Foundation.exit(code.rawValue)
            }
            let message = ParserText.indonesian(fullMessage(for: error))
            if !message.isEmpty {
                if code == .success {
                    print(message)
                } else {
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

extension DIP {
    /// A mistyped command ("dip runn", "dip rules dampakk") said as one, with the commands there
    /// are: the parser said "Argumen tidak dikenal 'runn'" and only the usage line
    /// "dip <subperintah>" (session 27). Nil when `arguments` name no unknown command.
    static func unknownCommand(_ arguments: [String]) -> String? {
        var command: ParsableCommand.Type = DIP.self
        var path = "dip"
        for word in arguments {
            let subcommands: [ParsableCommand.Type] = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            var names: [String] = []
            var next: ParsableCommand.Type?
            for sub in subcommands {
                let name: String = sub._commandName
                names.append(name)
                if name == word || sub.configuration.aliases.contains(word) { next = sub }
            }
            guard let found = next else {
                return "Perintah '\(word)' tidak dikenal. Perintah \(path): " + names.joined(separator: ", ")
                    + ". Lihat '\(path) --help'."
            }
            command = found
            path += " " + found._commandName
        }
        return nil
    }
}

/// The swift-argument-parser texts a user sees, in Indonesian.
enum ParserText {
    static let replacements: [(String, String)] = [
        ("OVERVIEW: ", "IKHTISAR: "),
        ("USAGE: ", "PENGGUNAAN: "),
        ("\nARGUMENTS:\n", "\nARGUMEN:\n"),
        ("\nOPTIONS:\n", "\nOPSI:\n"),
        ("\nSUBCOMMANDS:\n", "\nSUBPERINTAH:\n"),
        ("Show help information.", "Tampilkan bantuan ini."),
        ("Show the version.", "Tampilkan versi dip."),
        ("Show subcommand help information.", "Tampilkan bantuan subperintah."),
        ("(default: ", "(bawaan: "),
        ("; default: ", "; bawaan: "),
        ("' and '", "' dan '"),
        ("' or '", "' atau '"),
        ("(values: ", "(pilihan: "),
        ("See 'dip help", "Lihat 'dip help"),
        ("<subcommand>' for detailed help.", "<subperintah>' untuk bantuan lengkap."),
        ("<subcommand>", "<subperintah>"),
        ("<options>", "<opsi>"),
        ("Error: ", "Galat: "),
        ("Usage: ", "Penggunaan: "),
        ("Help:  ", "Bantuan:  "),
        ("' for more information.", "' untuk keterangan lebih lanjut."),
        ("  See '", "  Lihat '"),
        ("Missing expected argument", "Argumen wajib belum diisi"),
        ("Unknown option", "Opsi tidak dikenal"),
        ("Unexpected argument", "Argumen tidak dikenal"),
        ("Missing value for", "Nilai belum diisi untuk"),
        ("The value", "Nilai"),
        ("is invalid for", "tidak sah untuk"),
        ("Please provide one of", "Pilih salah satu dari"),
        ("(default)", "(bawaan)"),
    ]

    static func indonesian(_ text: String) -> String {
        var out = text
        for (english, indonesian) in replacements { out = replacingWrapped(english, with: indonesian, in: out) }
        // A choice of two reads "one of 'a' and 'b'" in the parser's English: in Indonesian a
        // choice is "atau" ("Pilih salah satu dari 'terapkan' dan 'pertahankan'" read as both).
        return out.replacingOccurrences(of: #"(Pilih salah satu dari '[^']*') dan '"#, with: "$1 atau '",
                                        options: .regularExpression)
    }

    /// Replaces `english` in `text` also where the help's line wrapping broke it ("(default:"
    /// at the end of a line, "60.0)" indented on the next): each space of `english` matches any
    /// run of white space, and the runs matched are put back between the Indonesian words in
    /// the same order, so a wrapped phrase stays wrapped where it was.
    static func replacingWrapped(_ english: String, with indonesian: String, in text: String) -> String {
        let words = english.components(separatedBy: " ")
        let pattern = words.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "(\\s+)")
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        let source = text as NSString
        var out = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            out += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let runs = (1..<match.numberOfRanges).map { source.substring(with: match.range(at: $0)) }
            let target = indonesian.components(separatedBy: " ")
            for (i, word) in target.enumerated() {
                if i > 0 { out += i - 1 < runs.count ? runs[i - 1] : " " }
                out += word
            }
            last = match.range.location + match.range.length
        }
        return out + source.substring(from: last)
    }
}
