// "xlsx": reading speed and memory of the streaming XLSX reader on a 1,000,000-row ×
// 8-column text-heavy workbook with shared strings (generated once, cached in /tmp).
// Prints, in one process and in this order (peak RSS is a high-water mark, so the
// cheapest pass goes first): inflate only, inflate + libxml2 SAX with no callbacks (the
// floor, single-threaded), XLSXSheetReader rows (and whether it inflated on a helper
// thread); then python-calamine iter_rows in a child process when the module is importable.
import CLibXML2
import CLibZip
import Foundation
import OfficeFormats

private let xlsxBenchRows = 1_000_000
private let xlsxBenchColumns = 8
private let xlsxBenchUniqueStrings = 200_000
private let xlsxBenchDirectory = NSTemporaryDirectory() + "dip-bench-xlsx"
private let xlsxBenchFile = xlsxBenchDirectory + "/rows-1m-x8-text.xlsx"

func runXLSXBench() throws {
    try generateBenchWorkbook()
    let size = (try? FileManager.default.attributesOfItem(atPath: xlsxBenchFile)[.size] as? Int) ?? 0
    print("xlsx: \(xlsxBenchFile) (\(size / 1_048_576) MB zip, \(xlsxBenchRows) rows × \(xlsxBenchColumns) text cells)")

    var inflated = 0
    let inflateSeconds = try measureSeconds { inflated = try xlsxRawPass(parse: false) }
    report("xlsx inflate only (sheet + sst)", Double(xlsxBenchRows) / inflateSeconds, "rows/s")
    report("xlsx inflate only, wall", inflateSeconds, "s")
    report("xlsx inflated XML", Double(inflated) / 1_048_576, "MB")

    let saxSeconds = try measureSeconds { _ = try xlsxRawPass(parse: true) }
    report("xlsx inflate + libxml2 SAX, no callbacks", Double(xlsxBenchRows) / saxSeconds, "rows/s")
    report("xlsx inflate + libxml2 SAX, wall", saxSeconds, "s")
    report("xlsx peak RSS after baseline", Double(peakRSSBytes()) / 1_048_576, "MB")

    var rowCount = 0
    var cellCount = 0
    var stringBytes = 0
    var inflatesAhead = false
    let readerSeconds = try measureSeconds {
        let workbook = try XLSXWorkbook(path: xlsxBenchFile)
        let reader = try workbook.rows(sheet: 0)
        inflatesAhead = reader.inflatesAhead
        stringBytes = try workbook.sharedStrings().reduce(0) { $0 + $1.utf8.count }
        while let row = try reader.nextRow() {
            rowCount += 1
            cellCount += row.width
        }
    }
    guard rowCount == xlsxBenchRows, cellCount == xlsxBenchRows * xlsxBenchColumns else {
        throw XLSXBenchError.wrongCount("read \(rowCount) rows, \(cellCount) cells")
    }
    report("xlsx XLSXSheetReader (incl. shared strings)", Double(xlsxBenchRows) / readerSeconds, "rows/s")
    report("xlsx XLSXSheetReader, wall", readerSeconds, "s")
    report("xlsx reader / SAX floor", readerSeconds / saxSeconds, "×")
    // The floor runs on one thread; the reader may inflate on a second core.
    print("xlsx reader inflate thread: \(inflatesAhead ? "yes (sheet inflated ahead on a helper thread; floor is single-threaded)" : "no (single-threaded, like the floor)")")
    report("xlsx shared strings (UTF-8 payload)", Double(stringBytes) / 1_048_576, "MB")
    report("xlsx peak RSS after reader", Double(peakRSSBytes()) / 1_048_576, "MB")

    if let seconds = pythonCalamineSeconds() {
        report("xlsx python-calamine iter_rows", Double(xlsxBenchRows) / seconds, "rows/s")
        report("xlsx XLSXSheetReader / python-calamine speed", seconds / readerSeconds, "×")
    } else {
        print("xlsx python-calamine: not importable, skipped (pip install python-calamine)")
    }
}

private enum XLSXBenchError: Error { case wrongCount(String), zip(String) }

/// Inflates the sheet and shared-strings parts (and parses them with libxml2's SAX2 push
/// parser with every callback unset when `parse`). Returns the inflated byte count.
private func xlsxRawPass(parse: Bool) throws -> Int {
    var code: Int32 = 0
    guard let za = zip_open(xlsxBenchFile, ZIP_RDONLY, &code) else { throw XLSXBenchError.zip("open \(code)") }
    defer { zip_discard(za) }
    var total = 0
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 65_536)
    defer { buffer.deallocate() }
    for name in ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"] {
        guard let file = zip_fopen(za, name, 0) else { throw XLSXBenchError.zip("fopen \(name)") }
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        var context: xmlParserCtxtPtr?
        while true {
            let n = zip_fread(file, buffer, 65_536)
            if n <= 0 { break }
            total += Int(n)
            guard parse else { continue }
            if context == nil {
                context = xmlCreatePushParserCtxt(&sax, nil, buffer, Int32(n), nil)
                xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
            } else {
                xmlParseChunk(context, buffer, Int32(n), 0)
            }
        }
        if let context {
            xmlParseChunk(context, nil, 0, 1)
            xmlFreeParserCtxt(context)
        }
        zip_fclose(file)
    }
    return total
}

/// Seconds python-calamine takes to iterate every row, or nil when it is not installed.
private func pythonCalamineSeconds() -> Double? {
    let script = """
    import time, sys
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        sys.exit(3)
    t = time.perf_counter()
    wb = CalamineWorkbook.from_path(sys.argv[1])
    n = sum(1 for _ in wb.get_sheet_by_index(0).iter_rows())
    print(time.perf_counter() - t, n)
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, xlsxBenchFile]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let text = String(data: data, encoding: .utf8),
          let seconds = text.split(separator: " ").first.flatMap({ Double($0) }) else { return nil }
    return seconds
}

/// Writes the benchmark workbook once: parts streamed to a staging folder, zipped by the
/// `zip` CLI (deflate level 6, as Excel writes).
private func generateBenchWorkbook() throws {
    if FileManager.default.fileExists(atPath: xlsxBenchFile) { return }
    let staging = xlsxBenchDirectory + "/staging"
    try? FileManager.default.removeItem(atPath: staging)
    for folder in ["_rels", "xl/_rels", "xl/worksheets"] {
        try FileManager.default.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
    }
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let small: [(String, String)] = [
        ("[Content_Types].xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
        """),
        ("_rels/.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rns)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """),
        ("xl/workbook.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="\(ns)" xmlns:r="\(rns)"><sheets><sheet name="DIP" sheetId="1" r:id="rId1"/></sheets></workbook>
        """),
        ("xl/_rels/workbook.xml.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rns)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\(rns)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """),
    ]
    for (name, text) in small {
        try Data(text.utf8).write(to: URL(fileURLWithPath: staging + "/" + name))
    }

    let words = ["Laporan", "Keuangan", "Dinas", "Pendidikan", "Kesehatan", "Anggaran", "Realisasi",
                 "Program", "Kegiatan", "Daerah", "Tahunan", "Informasi", "Publik", "Peraturan", "Bupati",
                 "Rencana", "Strategis", "Pengadaan", "Barang", "Jasa", "Perjalanan", "Pegawai"]
    try writeXLSXBenchPart(staging + "/xl/sharedStrings.xml") { emit in
        emit("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"\(ns)\" count=\"\(xlsxBenchRows * xlsxBenchColumns)\" uniqueCount=\"\(xlsxBenchUniqueStrings)\">")
        for i in 0..<xlsxBenchUniqueStrings {
            let a = words[i % words.count], b = words[(i / 7) % words.count], c = words[(i / 131) % words.count]
            emit("<si><t>\(a) \(b) \(c) Nomor \(i)</t></si>")
        }
        emit("</sst>")
    }
    try writeXLSXBenchPart(staging + "/xl/worksheets/sheet1.xml") { emit in
        emit("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"\(ns)\"><dimension ref=\"A1:H\(xlsxBenchRows)\"/><sheetData>")
        let letters = ["A", "B", "C", "D", "E", "F", "G", "H"]
        var state: UInt64 = 42
        for r in 1...xlsxBenchRows {
            var row = "<row r=\"\(r)\" spans=\"1:8\">"
            for c in 0..<xlsxBenchColumns {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                row += "<c r=\"\(letters[c])\(r)\" t=\"s\"><v>\(Int(state >> 33) % xlsxBenchUniqueStrings)</v></c>"
            }
            emit(row + "</row>")
        }
        emit("</sheetData></worksheet>")
    }
    let zip = Process()
    zip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    zip.currentDirectoryURL = URL(fileURLWithPath: staging)
    zip.arguments = ["zip", "-q", "-X", "-r", xlsxBenchFile + ".tmp", "[Content_Types].xml", "_rels", "xl"]
    try zip.run()
    zip.waitUntilExit()
    guard zip.terminationStatus == 0 else { throw XLSXBenchError.zip("zip CLI exit \(zip.terminationStatus)") }
    try FileManager.default.moveItem(atPath: xlsxBenchFile + ".tmp", toPath: xlsxBenchFile)
    try? FileManager.default.removeItem(atPath: staging)
}

/// Streams text to a file through a 1 MB buffer.
private func writeXLSXBenchPart(_ path: String, _ body: ((String) -> Void) throws -> Void) throws {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else { throw XLSXBenchError.zip("cannot write \(path)") }
    defer { try? handle.close() }
    var buffer = Data()
    buffer.reserveCapacity(1 << 20)
    try body { text in
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { handle.write(buffer); buffer.removeAll(keepingCapacity: true) }
    }
    handle.write(buffer)
}
