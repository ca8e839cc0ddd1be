import ArgumentParser
import Foundation

/// `dip`: takes in unit submissions, classifies, registers and publishes the DIP.
@main
struct DIP: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dip",
        abstract: "Penetapan dan pemutakhiran Daftar Informasi Publik (DIP).",
        subcommands: [Init.self, Run.self, Watch.self, Check.self, Dump.self, VerifyArchive.self, RulesCommand.self, Status.self, Diff.self, History.self, Approve.self, Approvals.self, Return.self, Release.self, RecordTest.self]
    )

    // The version flag belongs to `dip` alone: the parser's own `--version` appeared on every
    // subcommand, next to `dip approve --version <nomor>`.
    @Flag(name: .customLong("version"), help: "Tampilkan versi dip.")
    var showVersion = false

    mutating func run() throws {
        guard showVersion else { throw CleanExit.helpRequest(self) }
        print(Self.version)
    }

    /// Runs the command like the parser's own entry point, with the parser's fixed English
    /// texts (headings, built-in help lines, error frames) put into Indonesian.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
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
        ("See 'dip help <subcommand>' for detailed help.", "Lihat 'dip help <subperintah>' untuk bantuan lengkap."),
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
        for (english, indonesian) in replacements { out = out.replacingOccurrences(of: english, with: indonesian) }
        return out
    }
}
