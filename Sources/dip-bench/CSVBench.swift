import Foundation
import Intake
import OfficeFormats

// "csv": CSVReader over a 1M-row × 8-column text CSV (DIP-shaped, `;`, CRLF), and pandas'
// C reader on the same file when `python3 -c 'import pandas'` works.
// "normalise" (NormaliseBench.swift) streams the same CSV and an equivalent XLSX.

private let benchRows = 1_000_000
let benchCSVPath = "/tmp/dip-bench-1m.csv"
let benchXLSXPath = "/tmp/dip-bench-1m.xlsx"

/// The cells of data row `k` (1-based): unique summaries, repeated units, a few quoted fields.
func benchRow(_ k: Int) -> [String] {
    let units = ["Sekretariat", "Bidang Pelayanan", "Subbag Keuangan", "Bidang Informasi"]
    let forms = ["Softcopy", "Hardcopy", "Softcopy dan Hardcopy"]
    let keep = ["5 tahun", "Selama berlaku", "Permanen", "1 tahun"]
    let kinds = ["Berkala", "Serta Merta", "Setiap Saat", "Dikecualikan"]
    return [
        String(k), "Laporan kegiatan dan anggaran nomor \(k)", units[k % 4], "Kepala Dinas",
        "\(2000 + k % 27), Serang", forms[k % 3], keep[k % 4], kinds[k % 4],
    ]
}

let benchHeader = ["No", "Ringkasan Isi Informasi", "Pejabat yang Menguasai Informasi", "Penanggung Jawab",
                   "Waktu dan Tempat Pembuatan", "Bentuk Informasi", "Retensi", "Jenis Informasi"]

/// Writes the CSV once (reused by later runs).
func ensureBenchCSV() throws {
    if FileManager.default.fileExists(atPath: benchCSVPath) { return }
    let tmp = benchCSVPath + ".tmp"
    FileManager.default.createFile(atPath: tmp, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: tmp))
    var buffer: [UInt8] = []
    func line(_ cells: [String]) {
        for (i, c) in cells.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ";")) }
            if c.contains(",") {
                buffer.append(UInt8(ascii: "\""))
                buffer += Array(c.utf8)
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer += Array(c.utf8)
            }
        }
        buffer += [13, 10]
    }
    line(benchHeader)
    for k in 1...benchRows {
        line(benchRow(k))
        if buffer.count > 1 << 20 {
            out.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }
    out.write(Data(buffer))
    try out.close()
    try FileManager.default.moveItem(atPath: tmp, toPath: benchCSVPath)
}

let benchUTF16Path = "/tmp/dip-bench-1m-utf16.txt"

/// Writes the bench CSV again as UTF-16LE with a BOM (what Excel's "Teks Unicode" save
/// writes), once: the "normalise" bench reads it through the transcoding path.
func ensureBenchUTF16() throws {
    if FileManager.default.fileExists(atPath: benchUTF16Path) { return }
    let tmp = benchUTF16Path + ".tmp"
    FileManager.default.createFile(atPath: tmp, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: tmp))
    let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: benchCSVPath))
    out.write(Data([0xFF, 0xFE]))
    // The CSV is ASCII (benchRow), so any chunk boundary is a character boundary.
    while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
        var units: [UInt8] = []
        units.reserveCapacity(chunk.count * 2)
        for unit in String(decoding: chunk, as: UTF8.self).utf16 {
            units.append(UInt8(unit & 0xFF))
            units.append(UInt8(unit >> 8))
        }
        out.write(Data(units))
    }
    try input.close()
    try out.close()
    try FileManager.default.moveItem(atPath: tmp, toPath: benchUTF16Path)
}

/// Writes the equivalent XLSX once: inline strings, built with the `zip` command.
func ensureBenchXLSX() throws {
    if FileManager.default.fileExists(atPath: benchXLSXPath) { return }
    let root = "/tmp/dip-bench-xlsx.d"
    let fm = FileManager.default
    try? fm.removeItem(atPath: root)
    for sub in ["_rels", "xl/_rels", "xl/worksheets"] {
        try fm.createDirectory(atPath: "\(root)/\(sub)", withIntermediateDirectories: true)
    }
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    try Data("""
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
        """.utf8).write(to: URL(fileURLWithPath: "\(root)/[Content_Types].xml"))
    try Data("""
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """.utf8).write(to: URL(fileURLWithPath: "\(root)/_rels/.rels"))
    try Data("""
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """.utf8).write(to: URL(fileURLWithPath: "\(root)/xl/_rels/workbook.xml.rels"))
    try Data("""
        <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(rel)"><sheets><sheet name="DIP" sheetId="1" r:id="rId1"/></sheets></workbook>
        """.utf8).write(to: URL(fileURLWithPath: "\(root)/xl/workbook.xml"))
    let sheetPath = "\(root)/xl/worksheets/sheet1.xml"
    fm.createFile(atPath: sheetPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: sheetPath))
    var buffer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(ns)\"><sheetData>"
    func row(_ r: Int, _ cells: [String]) {
        buffer += "<row r=\"\(r)\">"
        for (i, c) in cells.enumerated() {
            buffer += "<c r=\"\(columnLetters(i))\(r)\" t=\"inlineStr\"><is><t>\(c)</t></is></c>"
        }
        buffer += "</row>"
    }
    row(1, benchHeader)
    for k in 1...benchRows {
        row(k + 1, benchRow(k))
        if buffer.utf8.count > 1 << 20 {
            out.write(Data(buffer.utf8))
            buffer = ""
        }
    }
    buffer += "</sheetData></worksheet>"
    out.write(Data(buffer.utf8))
    try out.close()
    let zip = Process()
    zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
    zip.currentDirectoryURL = URL(fileURLWithPath: root)
    zip.arguments = ["-q", "-X", "-r", benchXLSXPath + ".tmp.zip", "."]
    try zip.run()
    zip.waitUntilExit()
    try fm.moveItem(atPath: benchXLSXPath + ".tmp.zip", toPath: benchXLSXPath)
    try? fm.removeItem(atPath: root)
}

/// CPU seconds (user + system) used by this process so far: robust on a shared machine,
/// where wall-clock figures depend on the load.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Resets the kernel's peak-RSS mark so each phase reports its own peak (Linux ≥ 4.0).
func resetPeakRSS() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// Reads a file once and drops the bytes, so the timed readers after it both find it in the
/// page cache (neither pays for the disk).
func warmPageCache(_ path: String) -> Int {
    guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
    defer { try? handle.close() }
    var total = 0
    while let chunk = try? handle.read(upToCount: 4 << 20), !chunk.isEmpty { total += chunk.count }
    return total
}

func runCSVBench() throws {
    try ensureBenchCSV()
    // Same file, warm cache, every field produced as a string on both sides (CSVReader gives
    // `.string`; pandas gets dtype=str with NA detection off for the default markers).
    let size = warmPageCache(benchCSVPath)
    report("csv: file size", Double(size) / 1_048_576, "MiB")
    resetPeakRSS()
    var rows = 0
    let cpu0 = cpuSeconds()
    let seconds = try measureSeconds {
        var reader = try CSVReader(path: benchCSVPath)
        while try reader.nextRow() != nil { rows += 1 }
    }
    let cpu = cpuSeconds() - cpu0
    report("csv: CSVReader rows/s (1M x 8, wall)", Double(rows) / seconds, "rows/s")
    report("csv: CSVReader rows/s (1M x 8, CPU time)", Double(rows) / cpu, "rows/s")
    report("csv: CSVReader seconds (wall)", seconds, "s")
    report("csv: CSVReader ns per field (wall)", seconds * 1e9 / Double(rows * 8), "ns")
    report("csv: CSVReader peak RSS", Double(peakRSSBytes()) / 1_048_576, "MiB")

    // pandas keeps the whole frame; the same for CSVReader (every row held until the end),
    // so neither side is credited for streaming.
    resetPeakRSS()
    var kept: [SheetRow] = []
    let keptCPU0 = cpuSeconds()
    let keptSeconds = try measureSeconds {
        var reader = try CSVReader(path: benchCSVPath)
        while let row = try reader.nextRow() { kept.append(row) }
    }
    let keptCPU = cpuSeconds() - keptCPU0
    let keptRows = kept.count
    kept = []
    report("csv: CSVReader keeping all rows, rows/s (wall)", Double(keptRows) / keptSeconds, "rows/s")
    report("csv: CSVReader keeping all rows, rows/s (CPU)", Double(keptRows) / keptCPU, "rows/s")
    report("csv: CSVReader keeping all rows, peak RSS", Double(peakRSSBytes()) / 1_048_576, "MiB")

    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = """
        import resource, time, pandas as pd
        with open('\(benchCSVPath)', 'rb') as f:
            while f.read(4 << 20): pass
        t = time.perf_counter(); c = time.process_time()
        df = pd.read_csv('\(benchCSVPath)', sep=';', dtype=str, keep_default_na=False, engine='c')
        s = time.perf_counter() - t; c = time.process_time() - c
        print(len(df), s, c, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    python.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    python.standardOutput = pipe
    python.standardError = FileHandle.nullDevice
    try python.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    python.waitUntilExit()
    let parts = output.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
    if python.terminationStatus == 0, parts.count == 4, parts[1] > 0, parts[2] > 0 {
        report("csv: pandas read_csv (C engine) rows/s (wall)", parts[0] / parts[1], "rows/s")
        report("csv: pandas read_csv (C engine) rows/s (CPU time)", parts[0] / parts[2], "rows/s")
        report("csv: pandas ns per field (wall)", parts[1] * 1e9 / (parts[0] * 8), "ns")
        report("csv: speed-up over pandas (wall)", (Double(rows) / seconds) / (parts[0] / parts[1]), "x")
        report("csv: speed-up over pandas (CPU time)", (Double(rows) / cpu) / (parts[0] / parts[2]), "x")
        report("csv: speed-up over pandas, all rows kept (wall)",
               (Double(keptRows) / keptSeconds) / (parts[0] / parts[1]), "x")
        report("csv: pandas process peak RSS (with pandas)", parts[3] / 1024, "MiB")
    } else {
        print("csv: pandas not available (python3 -c 'import pandas' failed); skipped")
    }
}
