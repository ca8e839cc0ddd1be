import ArgumentParser
import DIPCore
import Foundation
import Pipeline
import Register

/// Output helpers shared by the register commands: JSON with sorted keys and WIB dates,
/// Indonesian dates and labels for text, and the mapping of register errors to exit codes.
enum RegisterOutput {
    /// Pretty JSON, keys sorted, dates as RFC 3339 in +07:00; ends with a newline.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Clock(now: date).rfc3339())
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The counts the decrees of a version state, in the words `dip approve` and `dip status`
    /// both print: the DIP's Lampiran holds the open parts of items exempted in part too
    /// (diktum KEDUA), the DIK decree each exempted item (diktum KESATU); none when nothing is
    /// exempted. `inDIP` counts those open parts.
    static func decreeCounts(inDIP: Int, partial: Int, exempted: Int) -> String {
        "DIP memuat \(inDIP) informasi"
            + (partial > 0 ? " (termasuk bagian terbuka dari \(partial) informasi yang dikecualikan sebagian)" : "")
            + (exempted == 0 ? ", tanpa informasi yang dikecualikan (tidak ada Keputusan DIK)"
                : ", DIK \(exempted) informasi dikecualikan")
    }

    /// "26 November 2026".
    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return Clock(now: date).indonesianDate()
    }

    /// "26 November 2026 22.09 WIB".
    static func dateTime(_ date: Date) -> String {
        let text = Clock(now: date).rfc3339()
        let time = text.dropFirst(11).prefix(5).replacingOccurrences(of: ":", with: ".")
        return "\(Clock(now: date).indonesianDate()) \(time) WIB"
    }

    static func changeLabel(_ change: ItemChange) -> String {
        switch change {
        case .added: return "baru"
        case .changed: return "berubah"
        case .unchanged: return "tetap"
        case .reclassified: return "klasifikasi berubah"
        case .withdrawn: return "ditarik"
        }
    }

    static func stateLabel(_ state: String) -> String {
        switch state {
        case "menunggu_uji": return "menunggu uji konsekuensi"
        case "terbuka": return "terbuka (masuk DIP)"
        case "dikecualikan": return "dikecualikan (masuk DIK)"
        case "dikembalikan": return "dikembalikan ke unit kerja untuk diperbaiki"
        case "ditarik": return "ditarik oleh unit kerja"
        default: return state
        }
    }

    static func fieldList(_ fields: [String]) -> String {
        fields.map(FieldLabels.label).joined(separator: ", ")
    }

    /// Runs a register operation, turning its refusals into a message on stderr and exit
    /// code 1 (documented in docs/register.md); a folder that is not a workspace or a lost
    /// register is a configuration error, exit code 3, as for `dip run`.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as RegisterError {
            // The register's storage in words (full disk, read-only, damaged), else its refusal.
            writeStandardError("dip: " + (RegisterError.storageText(error) ?? error.message) + "\n")
            if RegisterError.waitsForAPerson(error) { throw DIPExit.configuration }
            throw ExitCode.failure
        } catch let error as RunError {
            writeStandardError("dip: \(error)\n")
            throw DIPExit.configuration
        } catch let error as WorkspaceError {
            writeStandardError("dip: \(error)\n")
            if case .notAWorkspace = error { throw DIPExit.configuration }
            throw ExitCode.failure
        } catch where RegisterError.storageText(error) != nil {
            // The register's storage (a full disk, a read-only file) in words, not SQLite's
            // English text left to the argument parser.
            writeStandardError("dip: " + FailureText.describe(error) + "\n")
            throw ExitCode.failure
        }
    }
}
