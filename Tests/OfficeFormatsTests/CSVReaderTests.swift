import Foundation
import XCTest

@testable import OfficeFormats

final class CSVReaderTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("csvtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func write(_ bytes: [UInt8], _ name: String = "t.csv") throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func write(_ text: String) throws -> String { try write(Array(text.utf8)) }

    private func readAll(_ path: String, chunkSize: Int = 1 << 20) throws -> (CSVReader, [SheetRow]) {
        var r = try CSVReader(path: path, chunkSize: chunkSize)
        var rows: [SheetRow] = []
        while let row = try r.nextRow() { rows.append(row) }
        return (r, rows)
    }

    private func strings(_ row: SheetRow) -> [String] {
        row.cells.map {
            switch $0 {
            case .string(let s): return s
            case .empty: return ""
            default: return "?"
            }
        }
    }

    func testSemicolonWithBOMCRLFAndQuotedLineBreak() throws {
        let text = "\u{FEFF}No;Ringkasan;Bentuk\r\n1;\"Persyaratan KTP, KK\ndan akta\";Softcopy\r\n2;Maklumat;\"Hard; \"\"Soft\"\"\"\r\n"
        let (r, rows) = try readAll(try write(text))
        XCTAssertEqual(r.dialect, CSVDialect(delimiter: UInt8(ascii: ";"), encoding: .utf8, hadBOM: true))
        XCTAssertEqual(rows.map(\.number), [1, 2, 3])
        XCTAssertEqual(strings(rows[0]), ["No", "Ringkasan", "Bentuk"])
        XCTAssertEqual(strings(rows[1]), ["1", "Persyaratan KTP, KK\ndan akta", "Softcopy"])
        XCTAssertEqual(strings(rows[2]), ["2", "Maklumat", "Hard; \"Soft\""])
    }

    func testCommaFileWithSemicolonsInText() throws {
        let text = "a,b,c\n1,x;y,z\n2,\"p,q\",r\n"
        let (r, rows) = try readAll(try write(text))
        XCTAssertEqual(r.dialect.delimiter, UInt8(ascii: ","))
        XCTAssertEqual(r.dialect.hadBOM, false)
        XCTAssertEqual(strings(rows[1]), ["1", "x;y", "z"])
        XCTAssertEqual(strings(rows[2]), ["2", "p,q", "r"])
    }

    func testSemicolonFileWithDecimalCommas() throws {
        let text = "No;Nilai;Nama\r\n1;4.500.000,50;Ani\r\n2;12,5;Budi\r\n3;7;Citra\r\n"
        let (r, rows) = try readAll(try write(text))
        XCTAssertEqual(r.dialect.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(strings(rows[1]), ["1", "4.500.000,50", "Ani"])
    }

    func testTabAndLoneCR() throws {
        let text = "a\tb\rc\td\r\re\tf"
        let (r, rows) = try readAll(try write(text))
        XCTAssertEqual(r.dialect.delimiter, 9)
        XCTAssertEqual(rows.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(strings(rows[1]), ["c", "d"])
        XCTAssertEqual(rows[2].cells, [])
        XCTAssertEqual(strings(rows[3]), ["e", "f"])
    }

    func testSepLineIsHonouredAndSkipped() throws {
        let (r, rows) = try readAll(try write("sep=,\r\na;b,c\r\n"))
        XCTAssertEqual(r.dialect.delimiter, UInt8(ascii: ","))
        XCTAssertTrue(r.dialect.hadSepLine)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0].number, 1)
        XCTAssertEqual(strings(rows[0]), ["a;b", "c"])
    }

    func testWindows1252File() throws {
        // "Café;Jalan – Serang\r\n" in Windows-1252, plus an undefined byte 0x81.
        var bytes = Array("Caf".utf8) + [0xE9] + Array(";Jalan ".utf8) + [0x96]
        bytes += Array(" Serang\r\nx".utf8) + [0x81] + Array(";y\r\n".utf8)
        let (r, rows) = try readAll(try write(bytes))
        XCTAssertEqual(r.dialect.encoding, .windows1252)
        XCTAssertEqual(strings(rows[0]), ["Café", "Jalan – Serang"])
        XCTAssertEqual(strings(rows[1]), ["x\u{FFFD}", "y"])
        XCTAssertEqual(r.undefinedBytes, 1)
    }

    func testInvalidUTF8AfterSampleFallsBackPerRecord() throws {
        // A sample of valid UTF-8 followed by one Windows-1252 record beyond 256 KiB.
        var text = "a;b\n"
        let line = "\u{00E9}t\u{00E9};ok\n"
        while text.utf8.count < CSVReader.sampleBytes + 10 { text += line }
        var bytes = Array(text.utf8)
        bytes += Array("caf".utf8) + [0xE9] + Array(";z\n".utf8)
        let (r, rows) = try readAll(try write(bytes), chunkSize: 1 << 16)
        XCTAssertEqual(r.dialect.encoding, .utf8)
        XCTAssertEqual(r.windows1252Records, 1)
        XCTAssertEqual(strings(rows.last!), ["café", "z"])
        XCTAssertEqual(strings(rows[1]), ["été", "ok"])
    }

    func testRecordsSpanningChunkBoundaries() throws {
        // Small chunks force refills inside quoted fields, CRLF pairs and escapes.
        var text = "id;text;n\r\n"
        for k in 1...3000 {
            text += "\(k);\"line one \"\"q\"\"\r\nline two; \(k)\";\(k * 2)\r\n"
        }
        let (_, rows) = try readAll(try write(text), chunkSize: 1 << 16)
        XCTAssertEqual(rows.count, 3001)
        for (k, row) in rows.dropFirst().enumerated() {
            let n = k + 1
            XCTAssertEqual(row.number, n + 1)
            XCTAssertEqual(strings(row), ["\(n)", "line one \"q\"\r\nline two; \(n)", "\(n * 2)"])
        }
    }

    func testLenientQuotes() throws {
        let text = "a,b,c\nx\"y,\"q\"tail,\"unterminated\nmore"
        let (_, rows) = try readAll(try write(text))
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(strings(rows[1]), ["x\"y", "qtail", "unterminated\nmore"])
    }

    func testTrailingEmptyFieldsDroppedAndEmptyCells() throws {
        let (_, rows) = try readAll(try write("a;;c;;\n;;;\n"))
        XCTAssertEqual(rows[0].cells, [.string("a"), .empty, .string("c")])
        XCTAssertEqual(rows[1].cells, [])
    }

    private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// Excel's "Teks Unicode (*.txt)": UTF-16LE with a BOM, tab-separated, CRLF; also
    /// big-endian and without a BOM (recognised by the NULs of Latin text).
    func testUTF16IsReadInBothByteOrdersWithAndWithoutBOM() throws {
        let text = "No\tRingkasan\tBentuk\r\n1\t\"Perda \u{201C}café\u{201D}\r\nbaris dua\"\tCetak \u{1F4C4}\r\n2\tTanpa;koma,\tOnline\r\n"
        let bom: [UInt8] = [0xFF, 0xFE]
        let cases: [(String, [UInt8], CSVEncoding, Bool)] = [
            ("le-bom", bom + utf16(text, bigEndian: false), .utf16LE, true),
            ("be-bom", bom.reversed() + utf16(text, bigEndian: true), .utf16BE, true),
            ("le", utf16(text, bigEndian: false), .utf16LE, false),
            ("be", utf16(text, bigEndian: true), .utf16BE, false),
        ]
        for (name, bytes, encoding, hadBOM) in cases {
            let (r, rows) = try readAll(try write(bytes, "\(name).txt"))
            XCTAssertEqual(r.dialect, CSVDialect(delimiter: 9, encoding: encoding, hadBOM: hadBOM), name)
            XCTAssertEqual(rows.map(\.number), [1, 2, 3], name)
            XCTAssertEqual(rows.map(strings), [
                ["No", "Ringkasan", "Bentuk"],
                ["1", "Perda \u{201C}café\u{201D}\r\nbaris dua", "Cetak \u{1F4C4}"],
                ["2", "Tanpa;koma,", "Online"],
            ], name)
            XCTAssertFalse(r.endsMidRecord, name)
        }
    }

    /// The transcoding is streamed through a 64 KiB staging buffer and a small chunk: a
    /// surrogate pair cut by either boundary, and records crossing them, read whole.
    func testUTF16SurrogatePairsAcrossReadBoundaries() throws {
        var text = "a\tb\n"
        var expected: [[String]] = [["a", "b"]]
        for k in 0..<9_000 {
            // Lines of varying length so pairs land on every offset of the boundaries.
            let cell = String(repeating: "x", count: k % 7) + "\u{1F600}" + String(k)
            text += "\(k)\t\(cell)\n"
            expected.append([String(k), cell])
        }
        for bigEndian in [false, true] {
            let bytes = (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + utf16(text, bigEndian: bigEndian)
            XCTAssertGreaterThan(bytes.count, 3 * UTF16Staging.capacity)
            let (_, rows) = try readAll(try write(bytes, "pairs.txt"), chunkSize: 1 << 16)
            XCTAssertEqual(rows.map(strings), expected, "bigEndian: \(bigEndian)")
        }
    }

    /// Broken UTF-16 reads as U+FFFD where a decoder would put it: an unpaired surrogate,
    /// a low surrogate alone, an odd last byte.
    func testUTF16UnpairedSurrogatesAndOddByte() throws {
        var bytes: [UInt8] = [0xFF, 0xFE] + utf16("a\tb\n", bigEndian: false)
        bytes += [0x3D, 0xD8] + utf16("x\t", bigEndian: false) + [0x00, 0xDC] + utf16("y\n", bigEndian: false)
        bytes += utf16("z\tw", bigEndian: false) + [0x41]
        let (_, rows) = try readAll(try write(bytes, "broken.txt"))
        XCTAssertEqual(rows.map(strings), [["a", "b"], ["\u{FFFD}x", "\u{FFFD}y"], ["z", "w\u{FFFD}"]])
    }

    func testUTF32AndBinaryUnderAUTF16BOMAreRefused() throws {
        XCTAssertThrowsError(try CSVReader(path: try write([0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]))) {
            XCTAssertEqual($0 as? CSVError, .unsupportedEncoding("UTF-32"))
        }
        // A UTF-16 BOM over binary data: its code units are control characters.
        let binary: [UInt8] = [0xFF, 0xFE] + (0..<4096).flatMap { [UInt8($0 % 31 + 1), UInt8(0)] }
        XCTAssertThrowsError(try CSVReader(path: try write(binary, "bin.csv"))) {
            XCTAssertEqual($0 as? CSVError, .binaryContent)
        }
        // Random bytes under a UTF-16 BOM (an image renamed .csv with FF FE in front) transcode
        // to surrogates and private-use characters, hardly any controls: still binary.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let random: [UInt8] = (0..<8192).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        for bom: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            XCTAssertThrowsError(try CSVReader(path: try write(bom + random, "random.csv"))) {
                XCTAssertEqual($0 as? CSVError, .binaryContent)
            }
            XCTAssertFalse(looksLikeText(bom + random))
        }
        // NULs on both parities are not UTF-16 text.
        let mixed: [UInt8] = (0..<4096).flatMap { _ in [UInt8(0), UInt8(0x41), UInt8(0x42), UInt8(0)] }
        XCTAssertThrowsError(try CSVReader(path: try write(mixed, "mixed.csv"))) {
            XCTAssertEqual($0 as? CSVError, .binaryContent)
        }
    }

    func testMissingFileThrows() {
        XCTAssertThrowsError(try CSVReader(path: dir.appendingPathComponent("none.csv").path)) {
            guard case .cannotOpen = $0 as? CSVError else { return XCTFail("\($0)") }
        }
    }

    func testUTF8Validator() {
        func valid(_ b: [UInt8], truncated: Bool = false) -> Bool {
            b.withUnsafeBufferPointer { UTF8Check.isValid($0.baseAddress!, b.count, allowTruncatedEnd: truncated) }
        }
        XCTAssertTrue(valid(Array("é€😀".utf8)))
        XCTAssertFalse(valid([0xC0, 0xAF]))  // overlong
        XCTAssertFalse(valid([0xED, 0xA0, 0x80]))  // surrogate
        XCTAssertFalse(valid([0xE9, 0x74]))
        XCTAssertFalse(valid([0xE2, 0x82]))
        XCTAssertTrue(valid([0x61, 0xE2, 0x82], truncated: true))
    }
}
