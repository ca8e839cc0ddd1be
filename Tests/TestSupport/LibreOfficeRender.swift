import Foundation
import XCTest

/// Renders a workbook the way an office without Excel sees it: LibreOffice Calc prints it to
/// PDF (with the file's stored row heights; Calc does not grow rows on opening), and
/// `pdftotext` reads back the text that was drawn. Calc clips a wrapped cell's text at the
/// row's bottom edge and draws no glyph that is cut off, so a word missing from the PDF is
/// a word a reader cannot see.
public enum LibreOfficeRender {
    /// The words drawn in the PDF, one per line, as `pdftotext -bbox` lists them (its plain
    /// text mode joins a word hyphenated at a line end with the next line's first word).
    public static func pdfText(of file: URL) throws -> String {
        let pdf = try pdf(of: file)
        let (status, output) = try runProcess(URL(fileURLWithPath: try tool("pdftotext")), ["-bbox", pdf.path, "-"])
        guard status == 0 else { throw RenderError(description: "pdftotext failed: \(output)") }
        var words: [String] = []
        for line in output.split(separator: "\n") where line.contains("<word ") {
            guard let start = line.firstIndex(of: ">"), let end = line.range(of: "</word>") else { continue }
            words.append(String(line[line.index(after: start)..<end.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&"))
        }
        return words.joined(separator: "\n")
    }

    /// Converts `file` to PDF next to it (private LibreOffice profile, time-limited).
    public static func pdf(of file: URL) throws -> URL {
        let soffice = try tool("soffice")
        let work = try Scratch.directory("dip-lo-render")
        let out = work.appendingPathComponent("pdf")
        let (status, output) = try runProcess(URL(fileURLWithPath: "/usr/bin/timeout"), [
            "180", soffice, "-env:UserInstallation=file://\(work.path)/profile", "--headless",
            "--convert-to", "pdf", "--outdir", out.path, file.path,
        ])
        let pdf = out.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".pdf")
        // soffice exits 0 even when it could not load the file: judge by the output.
        guard status == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            throw RenderError(description: "LibreOffice did not render \(file.lastPathComponent): \(output)")
        }
        return pdf
    }

    /// The words of the texts of every visible cell (visible sheets, visible columns) of an
    /// .xlsx, read with openpyxl from the checkers' venv.
    public static func visibleCellTexts(of file: URL) throws -> [String] {
        let script = """
        import sys, json, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = []
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            hidden = {k for k, d in ws.column_dimensions.items() if d.hidden}
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.column_letter not in hidden:
                        out.append(c.value)
        print(json.dumps(out))
        """
        let (status, output) = try runProcess(URL(fileURLWithPath: try Checkers.python()), ["-c", script, file.path])
        guard status == 0 else { throw RenderError(description: "openpyxl could not read \(file.path): \(output)") }
        return try JSONDecoder().decode([String].self, from: Data(output.utf8))
    }

    /// Words (letter and digit runs, lower-cased) of `text`, counted.
    public static func words(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for w in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            counts[String(w), default: 0] += 1
        }
        return counts
    }

    /// Words of the visible cells that the rendered PDF lacks (with how many are missing):
    /// empty when every text is shown whole.
    public static func clippedWords(in file: URL) throws -> [String: Int] {
        let cells = words(try visibleCellTexts(of: file).joined(separator: "\n"))
        let shown = words(try pdfText(of: file))
        var missing: [String: Int] = [:]
        for (w, n) in cells where (shown[w] ?? 0) < n { missing[w] = n - (shown[w] ?? 0) }
        return missing
    }

    static func tool(_ name: String) throws -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        throw missingTool("\(name) not installed (`make checkers`, run by `make test`, installs LibreOffice and poppler-utils)")
    }

    public struct RenderError: Error, CustomStringConvertible {
        public var description: String
    }
}
