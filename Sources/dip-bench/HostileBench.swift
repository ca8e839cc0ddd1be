import Foundation
import Intake
import OfficeFormats

// `make bench BENCH=hostile`: the cost of reading one file per MB of input, over a corpus of
// hostile shapes generated here (issue 16 #10; budget in docs/problems.md, "Cost budget per
// file"). Each shape is read once through the intake (`readSubmission`), with the process's
// peak RSS reset before it (/proc/self/clear_refs); then, when the release `dip` sits beside
// dip-bench, `dip check FILE` and `dip dump --format json FILE` run as children, each with
// its own peak RSS and CPU time (wait4). The worst seconds and MB per input MB are printed
// last. Prints, never asserts.

private let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
private let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/// An .xlsx with one sheet "DIP" (sheetData as given) and an optional shared-string table.
private func hostileXLSX(sheetData: String, sharedStrings: [String]? = nil) throws -> [UInt8] {
    let zw = try ZipWriter(inMemoryWithTimeZone: TimeZone(identifier: "UTC")!)
    let when = Date(timeIntervalSince1970: 1_767_225_600)
    try zw.add(path: "[Content_Types].xml", text: """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
        """, modified: when)
    try zw.add(path: "_rels/.rels", text: """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rns)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """, modified: when)
    try zw.add(path: "xl/workbook.xml", text: """
        <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(rns)"><sheets><sheet name="DIP" sheetId="1" r:id="rId1"/></sheets></workbook>
        """, modified: when)
    try zw.add(path: "xl/_rels/workbook.xml.rels", text: """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rns)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\(rns)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """, modified: when)
    try zw.add(path: "xl/worksheets/sheet1.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(ns)\"><sheetData>\(sheetData)</sheetData></worksheet>", modified: when)
    if let sharedStrings {
        try zw.add(path: "xl/sharedStrings.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(ns)\">"
                   + sharedStrings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>", modified: when)
    }
    return try zw.closeToBytes()
}

/// An .ods with one table "DIP" of the given rows (`table:table-row` elements).
private func hostileODS(rows: String) throws -> [UInt8] {
    let zw = try ZipWriter(inMemoryWithTimeZone: TimeZone(identifier: "UTC")!)
    let when = Date(timeIntervalSince1970: 1_767_225_600)
    try zw.add(path: "mimetype", text: "application/vnd.oasis.opendocument.spreadsheet", modified: when, compression: .stored)
    try zw.add(path: "content.xml", text: """
        <?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="DIP">\(rows)</table:table></office:spreadsheet></office:body></office:document-content>
        """, modified: when)
    return try zw.closeToBytes()
}

private let headerCells = ["No", "Ringkasan Isi Informasi", "Pejabat", "Penanggung Jawab", "Waktu", "Bentuk", "Retensi"]

private func inline(_ ref: String, _ text: String) -> String {
    "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
}

private func columnName(_ c: Int) -> String {
    var c = c + 1, s = ""
    while c > 0 { c -= 1; s = String(UnicodeScalar(UInt8(65 + c % 26))) + s; c /= 26 }
    return s
}

private func headerRow() -> String {
    "<row r=\"1\">" + headerCells.enumerated().map { inline("\(columnName($0.offset))1", $0.element) }.joined() + "</row>"
}

/// The hostile shapes (name, file extension, bytes).
private func hostileShapes() throws -> [(String, String, [UInt8])] {
    var shapes: [(String, String, [UInt8])] = []
    // An ordinary list of 3,000 items, for comparison.
    var plain = headerRow()
    for r in 2...3_001 {
        plain += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r - 1)</v></c>" + inline("B\(r)", "Laporan kegiatan bidang \(r) tahun 2026")
            + inline("C\(r)", "Sekretariat") + inline("D\(r)", "PPID") + inline("E\(r)", "2026") + inline("F\(r)", "Softcopy")
            + inline("G\(r)", "5 tahun") + "</row>"
    }
    shapes.append(("ordinary list (3,000 items)", "xlsx", try hostileXLSX(sheetData: plain)))
    // One cell at XFD in every row.
    var xfd = headerRow()
    for r in 2...40_000 { xfd += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c><c r=\"XFD\(r)\"><v>1</v></c></row>" }
    shapes.append(("one cell at XFD per row", "xlsx", try hostileXLSX(sheetData: xfd)))
    // Six 30,000-character shared strings referenced by every row.
    let six = (0..<6).map { k in String(String(repeating: "Informasi\(k) ", count: 2_728).prefix(30_000)) }
    var multiplied = ""
    for r in 1...5_000 {
        multiplied += "<row r=\"\(r)\">" + (0..<6).map { "<c r=\"\(columnName($0 + 1))\(r)\" t=\"s\"><v>\($0)</v></c>" }.joined() + "</row>"
    }
    shapes.append(("six 30k shared strings x 5,000 rows", "xlsx", try hostileXLSX(sheetData: multiplied, sharedStrings: six)))
    // One 1,000,000-character shared string referenced by 12,000 cells.
    var one = ""
    for r in 1...12_000 { one += "<row r=\"\(r)\"><c r=\"B\(r)\" t=\"s\"><v>0</v></c></row>" }
    shapes.append(("1M-char shared string x 12,000 cells", "xlsx",
                   try hostileXLSX(sheetData: one, sharedStrings: [String(repeating: "abcdefghij", count: 100_000)])))
    // A large shared-string table nothing references.
    var seed: UInt32 = 7
    let table = (0..<200_000).map { _ -> String in
        seed = seed &* 1_103_515_245 &+ 12_345
        return "Teks \(seed % 1_000) " + String(repeating: "x", count: 600)
    }
    shapes.append(("unreferenced 120 MB shared-string table", "xlsx",
                   try hostileXLSX(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", sharedStrings: table)))
    // ODS: a long text in a row repeated 40,000 times.
    let cell = { (t: String) in "<table:table-cell office:value-type=\"string\"><text:p>\(t)</text:p></table:table-cell>" }
    let values: [String] = ["1", String(repeating: "Laporan keuangan ", count: 1_760), "Sekretariat", "PPID", "2026", "Softcopy", "5 tahun"]
    var odsRows: String = "<table:table-row>" + headerCells.map(cell).joined() + "</table:table-row>"
    odsRows += "<table:table-row table:number-rows-repeated=\"40000\">"
    odsRows += values.map(cell).joined()
    odsRows += "</table:table-row>"
    shapes.append(("ODS long text in a row repeated 40,000x", "ods", try hostileODS(rows: odsRows)))
    // CSV: records of 16,000 fields (the field cap is 16,384), mostly empty.
    var wide = headerCells.joined(separator: ";") + "\r\n"
    let emptyFields = String(repeating: ";", count: 15_990)
    for r in 1...500 { wide += "\(r);Laporan kegiatan \(r);Sekretariat;PPID;2026;Softcopy;5 tahun" + emptyFields + "catatan\r\n" }
    shapes.append(("CSV 500 records of 16,000 fields", "csv", Array(wide.utf8)))
    return shapes
}


/// Runs `path` through `dip-bench --child` (see main.swift), so its peak RSS is its own.
/// Used by every bench that reports a child's peak RSS (hostile, e2e).
func runMeasuredChild(_ path: String, _ args: [String]) throws -> (seconds: Double, exitCode: Int32, maxRSSKB: Int, cpuSeconds: Double) {
    let helper = Process()
    helper.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    helper.arguments = ["--child", path] + args
    let pipe = Pipe()
    helper.standardOutput = pipe
    try helper.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    helper.waitUntilExit()
    let fields = String(decoding: data, as: UTF8.self).split(separator: " ").map { String($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard helper.terminationStatus == 0, fields.count == 4, let seconds = Double(fields[0]), let exitCode = Int32(fields[1]),
          let rss = Int(fields[2]), let cpu = Double(fields[3]) else {
        throw EndToEndBenchError.missing("dip-bench --child \(path) failed: \(String(decoding: data, as: UTF8.self))")
    }
    return (seconds, exitCode, rss, cpu)
}

func runHostileBench() throws {
    print("== hostile shapes: cost of reading one file through the intake, per MB of input")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-bench-hostile-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var worstSeconds = 0.0, worstMB = 0.0
    let dip = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("dip").path
    let hasDip = FileManager.default.isExecutableFile(atPath: dip)
    var children: [(shape: String, command: String, inputMB: Double, cpu: Double, wall: Double, rssMB: Double, exit: Int32)] = []
    for (k, (name, ext, bytes)) in try hostileShapes().enumerated() {
        let path = dir.appendingPathComponent("shape\(k).\(ext)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let inputMB = max(Double(bytes.count) / 1_048_576, 1.0 / 1024)
        resetPeakRSS()
        let before = peakRSSBytes()
        var outcome = ""
        let seconds = measureSeconds {
            let r = readSubmission(at: path)
            outcome = r.status == .refused ? "refused " + (r.problems.first?.code ?? "") : "\(r.status) \(r.items.count) items"
        }
        let grownMB = Double(max(0, peakRSSBytes() - before)) / 1_048_576
        // Per MB of input, with inputs under 1 MB counted as 1 MB (the budget's fixed allowance).
        let perMB = max(inputMB, 1)
        worstSeconds = max(worstSeconds, seconds / perMB)
        worstMB = max(worstMB, grownMB / perMB)
        print(name.padding(toLength: 44, withPad: " ", startingAt: 0)
              + String(format: " %8.0f KB  %6.2f s  %7.1f MB peak  ", Double(bytes.count) / 1024, seconds, grownMB) + outcome)
        guard hasDip else { continue }
        for command in [["check"], ["dump", "--format", "json"]] {
            let run = try runMeasuredChild(dip, command + [path])
            children.append((name, command.joined(separator: " "), perMB, run.cpuSeconds, run.seconds,
                             Double(run.maxRSSKB) / 1024, run.exitCode))
        }
    }
    report("hostile worst seconds per input MB (inputs < 1 MB as 1)", worstSeconds, "s/MB")
    report("hostile worst peak RSS growth per input MB", worstMB, "MB/MB")
    guard hasDip else {
        print("(no release dip beside dip-bench: build it with `swift build -c release --product dip` for the per-command figures)")
        return
    }
    // Whole processes: the peak RSS includes dip's own start-up (rules, runtime), so small
    // inputs (counted as 1 MB) show that fixed allowance.
    print("== the same shapes through the release dip (child process: CPU s, wall s, peak RSS, exit)")
    var worstCPU = 0.0, worstRSS = 0.0
    for c in children {
        print((c.shape + " / dip " + c.command).padding(toLength: 70, withPad: " ", startingAt: 0)
              + String(format: " %6.2f s CPU %6.2f s wall %7.1f MB peak  exit %d", c.cpu, c.wall, c.rssMB, c.exit))
        worstCPU = max(worstCPU, c.cpu / c.inputMB)
        worstRSS = max(worstRSS, c.rssMB / c.inputMB)
    }
    report("dip check/dump worst CPU seconds per input MB", worstCPU, "s/MB")
    report("dip check/dump worst peak RSS per input MB", worstRSS, "MB/MB")
}
