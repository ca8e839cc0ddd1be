import ArgumentParser
import DIPCore
import Foundation
import Intake
import OfficeFormats

/// `dip dump FILE`: shows what the readers see in a spreadsheet, as JSON or a table.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Tampilkan isi berkas XLSX, ODS, CSV atau halaman web (HTML) apa adanya (untuk pemeriksaan pembaca).")


    @Argument(help: ArgumentHelp("Berkas XLSX, ODS, CSV atau halaman web (HTML, termasuk \"Export ke Excel\" bernama .xls).", valueName: "berkas"))
    var file: String

    @Option(help: "Format keluaran.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Hanya lembar dengan nama ini (untuk halaman web: \"tabel ke-N\").", valueName: "lembar"))
    var sheet: String?

    @Option(name: [.customLong("max-chars"), .customLong("maks-karakter")],
            help: ArgumentHelp("Potong teks sel yang lebih panjang dari ini (0: tampilkan utuh).", valueName: "angka"))
    var maxCharacters: Int = 200

    func run() throws {
        let kind = try? sniffFileKind(path: file)
        // A web page first: it is text too, and would otherwise be shown as a CSV of markup.
        let isPage = kind == .text && Intake.isWebPage(path: file)
        let isCSV = !isPage && (file.lowercased().hasSuffix(".csv") || kind == .text)
        let isODS = !isCSV && kind == .ods
        // Row by row as read, in both formats: nothing but the current row is held, long
        // texts are cut.
        let out = FileHandle.standardOutput
        let write: (String) -> Void = { try? out.write(contentsOf: Data($0.utf8)) }
        do {
            if isPage {
                if format == .json {
                    try WorkbookDump.streamJSONHTML(path: file, sheet: sheet, maxCharacters: maxCharacters, write: write)
                } else {
                    try WorkbookDump.streamHTML(path: file, sheet: sheet, maxCharacters: maxCharacters, write: write)
                }
                return
            }
            switch (format, isCSV, isODS) {
            case (.text, true, _):
                try WorkbookDump.streamCSV(path: file, maxCharacters: maxCharacters, write: write)
            case (.text, false, true):
                try WorkbookDump.streamODS(path: file, sheet: sheet, maxCharacters: maxCharacters, write: write)
            case (.text, false, false):
                try WorkbookDump.streamXLSX(path: file, sheet: sheet, maxCharacters: maxCharacters, write: write)
            case (.json, true, _):
                try WorkbookDump.streamJSONCSV(path: file, maxCharacters: maxCharacters, write: write)
            case (.json, false, true):
                try WorkbookDump.streamJSONODS(path: file, sheet: sheet, maxCharacters: maxCharacters, write: write)
            case (.json, false, false):
                try WorkbookDump.streamJSONXLSX(path: file, sheet: sheet, maxCharacters: maxCharacters, write: write)
            }
        } catch let error as OfficeError {
            writeStandardError("dip dump: \(Dump.message(for: error, file: file))\n")
            throw ExitCode(2)
        } catch let error as CSVError {
            writeStandardError("dip dump: \(Dump.message(for: error, file: file))\n")
            throw ExitCode(2)
        } catch let error as FileReadError {
            // The system could not read it: nothing is known of the file itself.
            writeStandardError("dip dump: \(file): berkas tidak dapat dibaca dari disk. "
                               + "\(SystemErrorText.explained(error.systemMessage)).\n")
            throw ExitCode(2)
        }
    }

    /// A CSV that cannot be read: a system failure explained (`SystemErrorText`), not the
    /// error's Swift value ("cannotOpen(path: …, errno: 2)").
    static func message(for error: CSVError, file: String) -> String {
        switch error {
        case .cannotOpen(_, let code), .readFailed(_, let code):
            return "\(file): berkas CSV tidak dapat dibaca. \(SystemErrorText.explained(String(cString: strerror(code))))."
        case .unsupportedEncoding(let name):
            return "\(file): pengodean teks \(name) tidak didukung; simpan ulang sebagai \"CSV UTF-8\"."
        case .binaryContent:
            return "\(file): bukan teks CSV (berisi data biner)."
        case .recordTooLarge(let record, let detail):
            return "\(file): baris \(record) berisi \(detail); berkas tidak dibaca."
        }
    }

    /// A short Indonesian message for the user, with the English detail for logs.
    static func message(for error: OfficeError, file: String) -> String {
        let reason: String
        switch error {
        case .cfbContainer(true): reason = "berkas dilindungi kata sandi (terenkripsi)"
        case .cfbContainer(false): reason = "berkas Excel lama (.xls) atau terenkripsi; simpan ulang sebagai .xlsx"
        case .emptyFile: reason = "berkas kosong (0 bita)"
        case .notAZip, .notAWorkbook: reason = "bukan berkas XLSX atau ODS"
        case .doctypeRefused: reason = "berkas memuat DOCTYPE yang tidak diizinkan (kemungkinan berbahaya)"
        case .limitExceeded: reason = "berkas melampaui batas keamanan"
        case .expansionExceeded: reason = "isi berkas bila dibaca jauh lebih besar dari ukurannya"
        case .noSuchSheet: reason = "lembar tidak ditemukan"
        default: reason = "berkas tidak dapat dibaca"
        }
        return "\(file): \(reason) (\(error))"
    }
}
