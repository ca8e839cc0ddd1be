// "normalise": streamSubmission (items and problems counted, not kept; no row cap) on the
// 1M-row CSV of the "csv" benchmark, the same CSV saved as UTF-16LE with a BOM (Excel's
// "Teks Unicode", transcoded as it is read) and an equivalent inline-string XLSX, each next to the
// raw reader on the same file (CSVReader; XLSXWorkbook + XLSXSheetReader) and, for the XLSX,
// the merged-range pre-scan alone.
//
// Every pass runs in its own child process (this executable, re-run with
// DIP_BENCH_NORMALISE_PASS set): peak RSS is a process high-water mark, and memory an earlier
// pass freed may stay mapped by the allocator, so even resetting the mark (/proc/self/
// clear_refs) would leave one pass's heap counted in the next. A child's figures are its own.
import Foundation
import Intake
import OfficeFormats

private let passVariable = "DIP_BENCH_NORMALISE_PASS"

/// One pass's figures, as a child prints them on one line.
private struct PassFigures {
    var wall: Double
    var cpu: Double
    var peakRSS: Int
    var items: Int
    var problems: Int
}

func runNormaliseBench() throws {
    if let pass = ProcessInfo.processInfo.environment[passVariable] {
        try runNormalisePass(pass)
        exit(0)
    }
    // DIP_BENCH_NORMALISE_ONLY=csv-utf16 (a label) runs one file's passes.
    let only = ProcessInfo.processInfo.environment["DIP_BENCH_NORMALISE_ONLY"]
    try ensureBenchCSV()
    try ensureBenchUTF16()
    if only == nil || only == "xlsx" { try ensureBenchXLSX() }
    for (label, path) in [("csv", benchCSVPath), ("csv-utf16", benchUTF16Path), ("xlsx", benchXLSXPath)]
    where only == nil || only == label {
        let raw = try normaliseChild("raw", path)
        let rawName = label == "xlsx" ? "XLSXSheetReader" : "CSVReader"
        report("normalise \(label): raw read \(rawName) seconds (wall)", raw.wall, "s")
        report("normalise \(label): raw read seconds (CPU time)", raw.cpu, "s")
        report("normalise \(label): raw read peak RSS", Double(raw.peakRSS) / 1_048_576, "MiB")
        if label == "xlsx" {
            let scan = try normaliseChild("merges", path)
            report("normalise xlsx: merged-range pre-scan seconds (wall)", scan.wall, "s")
            report("normalise xlsx: merged-range pre-scan seconds (CPU time)", scan.cpu, "s")
        }
        let n = try normaliseChild("stream", path)
        report("normalise \(label): streamSubmission items/s (wall)", Double(n.items) / n.wall, "items/s")
        report("normalise \(label): streamSubmission items/s (CPU time)", Double(n.items) / n.cpu, "items/s")
        report("normalise \(label): seconds (\(n.items) items, \(n.problems) problems)", n.wall, "s")
        report("normalise \(label): seconds (CPU time)", n.cpu, "s")
        report("normalise \(label): normalise / raw read (wall)", n.wall / raw.wall, "x")
        report("normalise \(label): normalise / raw read (CPU time)", n.cpu / raw.cpu, "x")
        report("normalise \(label): peak RSS", Double(n.peakRSS) / 1_048_576, "MiB")
    }
}

private enum NormaliseBenchError: Error { case child(String) }

/// Runs one pass in a child process and reads its figures.
private func normaliseChild(_ pass: String, _ path: String) throws -> PassFigures {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = ["normalise"]
    var environment = ProcessInfo.processInfo.environment
    environment[passVariable] = pass + ":" + path
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let parts = output.split(whereSeparator: \.isWhitespace)
    guard process.terminationStatus == 0, parts.count == 5,
          let wall = Double(parts[0]), let cpu = Double(parts[1]), let rss = Int(parts[2]),
          let items = Int(parts[3]), let problems = Int(parts[4]) else {
        throw NormaliseBenchError.child("pass \(pass) on \(path): exit \(process.terminationStatus), output \(output)")
    }
    return PassFigures(wall: wall, cpu: cpu, peakRSS: rss, items: items, problems: problems)
}

/// The child: one pass, printed as "wall cpu peakRSS items problems".
private func runNormalisePass(_ spec: String) throws {
    guard let colon = spec.firstIndex(of: ":") else { throw NormaliseBenchError.child("bad pass \(spec)") }
    let pass = String(spec[..<colon])
    let path = String(spec[spec.index(after: colon)...])
    var items = 0
    var problems = 0
    let cpu0 = cpuSeconds()
    let wall = try measureSeconds {
        switch pass {
        case "raw" where path.hasSuffix(".csv") || path.hasSuffix(".txt"):
            var reader = try CSVReader(path: path)
            while try reader.nextRow() != nil { items += 1 }
        case "raw":
            let workbook = try XLSXWorkbook(path: path)
            let reader = try workbook.rows(sheet: 0)
            while try reader.nextRow() != nil { items += 1 }
        case "merges":
            items = try XLSXWorkbook(path: path).mergedRanges(sheet: 0).count
        default:
            let summary = streamSubmission(at: path, maxDataRows: .max,
                                           onItem: { _ in items += 1 }, onProblem: { _ in problems += 1 })
            if summary.status != .accepted { throw NormaliseBenchError.child("refused: \(summary.reason ?? "")") }
        }
    }
    let cpu = cpuSeconds() - cpu0
    print(wall, cpu, peakRSSBytes(), items, problems)
}
