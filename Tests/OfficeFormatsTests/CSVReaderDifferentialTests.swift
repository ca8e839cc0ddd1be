import DIPCore
import Foundation
import XCTest

@testable import OfficeFormats

/// Random files read by `CSVReader` and by a plain byte-at-a-time reference of the documented
/// rules: the reader's word-at-a-time scanning, inline Strings and per-column String reuse must
/// give the same rows whatever the chunk boundaries.
final class CSVReaderDifferentialTests: XCTestCase {
    /// Pieces a file is made of: every CSV special byte, short and long (≥ 16 bytes, cached)
    /// values that repeat, multi-byte UTF-8 and lengths around the 8, 15 and 16-byte edges.
    private static let tokens: [[UInt8]] = [
        "a", "12", "Softcopy", "Kepala Dinas", "123456789012345", "Bidang Pelayanan",
        "Softcopy dan Hardcopy", "Laporan kegiatan dan anggaran tahunan", "é", "Café Serang",
        "😀 emoji", "x y", ";", ";", ";", "\"", "\"\"", "\r", "\n", "\r\n", "\r\n", " ",
    ].map { Array($0.utf8) }

    private func randomFile(_ rng: inout SplitMix, bytes: Int, invalidAfter: Int) -> [UInt8] {
        var out = Array("sep=;\n".utf8)
        while out.count < bytes {
            if out.count > invalidAfter, rng.next() % 200 == 0 {
                out.append(0xE9)  // Windows-1252 "é": makes its record invalid UTF-8
            } else if rng.next() % 10 == 0 {
                // A long unique value, so the String cache also misses.
                out += Array("Nomor \(rng.next() % 1_000_000_000_000) dan seterusnya".utf8)
            } else {
                out += Self.tokens[Int(rng.next() % UInt64(Self.tokens.count))]
            }
        }
        return out
    }

    func testMatchesReferenceOnRandomFiles() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("csvdiff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix(seed: 20_260_401)
        for round in 0..<6 {
            // Past the 256 KiB sample, so invalid records are decided one by one.
            let bytes = randomFile(&rng, bytes: 300_000 + round * 7_001, invalidAfter: 270_000)
            let path = dir.appendingPathComponent("r\(round).csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let expected = ReferenceCSV.rows(bytes, from: 6, delimiter: UInt8(ascii: ";"))
            var reader = try CSVReader(path: path, chunkSize: 1 << 16)
            XCTAssertEqual(reader.dialect.encoding, .utf8)
            var k = 0
            while let row = try reader.nextRow() {
                guard k < expected.count else { return XCTFail("round \(round): extra row \(row.number)") }
                XCTAssertEqual(row.number, k + 1, "round \(round)")
                XCTAssertEqual(row.cells, expected[k].cells, "round \(round) row \(k + 1)")
                k += 1
            }
            XCTAssertEqual(k, expected.count, "round \(round)")
            XCTAssertEqual(reader.windows1252Records, expected.filter(\.windows1252).count)
            XCTAssertGreaterThan(reader.windows1252Records, 0)
        }
    }

    /// A file that is not UTF-8 from its first records: every record, ASCII or not, reads as
    /// Windows-1252 (ASCII ones through the UTF-8 fast path, which gives the same text).
    func testWindows1252FileMatchesReference() throws {
        var rng = SplitMix(seed: 1252)
        let bytes = randomFile(&rng, bytes: 200_000, invalidAfter: 0)
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("csv1252-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVReader(path: url.path, chunkSize: 1 << 16)
        XCTAssertEqual(reader.dialect.encoding, .windows1252)
        let expected = ReferenceCSV.rows(
            bytes, from: 6, delimiter: UInt8(ascii: ";"), windows1252File: true)
        var rows: [[CellValue]] = []
        while let row = try reader.nextRow() { rows.append(row.cells) }
        XCTAssertEqual(rows, expected.map(\.cells))
        XCTAssertEqual(reader.windows1252Records, 0)
    }

    /// The validator skips ASCII eight bytes at a time: errors right after, inside and at the
    /// end of long ASCII runs must still be found, at every alignment.
    func testUTF8ValidatorAfterASCIIRuns() {
        func valid(_ b: [UInt8], truncated: Bool = false) -> Bool {
            b.withUnsafeBufferPointer {
                UTF8Check.isValid($0.baseAddress!, b.count, allowTruncatedEnd: truncated)
            }
        }
        for run in 0..<20 {
            let ascii = [UInt8](repeating: UInt8(ascii: "a"), count: run)
            XCTAssertTrue(valid(ascii + Array("é€😀".utf8) + ascii), "run \(run)")
            XCTAssertFalse(valid(ascii + [0xC0, 0xAF] + ascii), "run \(run)")
            XCTAssertFalse(valid(ascii + [0xE9] + ascii + ascii), "run \(run)")
            XCTAssertFalse(valid(ascii + [0xE2, 0x82]), "run \(run)")
            XCTAssertTrue(valid(ascii + [0xE2, 0x82], truncated: true), "run \(run)")
        }
    }

    /// A sniffed comma file long enough for the block scanner, with semicolons in its values:
    /// every candidate delimiter parses the same bytes, and must not see another's marks.
    func testSniffedCommaFileMatchesReference() throws {
        let values = ["a;b", "Softcopy", "x", "Bidang Pelayanan;Umum", "\"p,q\"", "12;5", "é;è", ""]
        var rng = SplitMix(seed: 7)
        var text = ""
        for _ in 0..<3_000 {
            let record = (0..<5).map { _ in values[Int(rng.next() % UInt64(values.count))] }
            text += record.joined(separator: ",") + "\r\n"
        }
        let bytes = Array(text.utf8)
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("csvsniff-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVReader(path: url.path, chunkSize: 1 << 16)
        XCTAssertEqual(reader.dialect.delimiter, UInt8(ascii: ","))
        let expected = ReferenceCSV.rows(bytes, from: 0, delimiter: UInt8(ascii: ","))
        var rows: [[CellValue]] = []
        while let row = try reader.nextRow() { rows.append(row.cells) }
        XCTAssertEqual(rows, expected.map(\.cells))
    }
}

/// The rules of `CSVReader` for a known delimiter, one byte at a time.
enum ReferenceCSV {
    struct Row {
        var cells: [CellValue]
        var windows1252: Bool
    }

    /// With `windows1252File`, every record is Windows-1252 (the sample was not UTF-8).
    static func rows(
        _ b: [UInt8], from start: Int, delimiter: UInt8, windows1252File: Bool = false
    ) -> [Row] {
        var rows: [Row] = []
        var i = start
        let n = b.count
        while i < n {
            let recordStart = i
            // Each field: content bytes, and whether an empty one may be dropped at the end.
            var fields: [(bytes: [UInt8], droppable: Bool)] = []
            var ended = false
            while !ended {
                var content: [UInt8] = []
                var droppable = true
                if i < n, b[i] == 0x22 {
                    i += 1
                    var closed = false
                    while i < n {
                        if b[i] == 0x22 {
                            if i + 1 < n, b[i + 1] == 0x22 {
                                content.append(0x22)
                                droppable = false
                                i += 2
                                continue
                            }
                            closed = true
                            i += 1
                            break
                        }
                        content.append(b[i])
                        i += 1
                    }
                    if !closed { droppable = false }
                    while i < n, b[i] != delimiter, b[i] != 10, b[i] != 13 {
                        content.append(b[i])
                        droppable = false
                        i += 1
                    }
                } else {
                    while i < n, b[i] != delimiter, b[i] != 10, b[i] != 13 {
                        content.append(b[i])
                        i += 1
                    }
                }
                fields.append((content, droppable && content.isEmpty))
                if i < n, b[i] == delimiter {
                    i += 1
                } else {
                    ended = true
                }
            }
            let recordEnd = i
            if i < n {
                if b[i] == 13, i + 1 < n, b[i + 1] == 10 { i += 1 }
                i += 1
            }
            let valid = !windows1252File
                && String(validating: b[recordStart..<recordEnd], as: UTF8.self) != nil
            while let last = fields.last, last.droppable { fields.removeLast() }
            let cells: [CellValue] = fields.map { f in
                if f.bytes.isEmpty { return .empty }
                if valid { return .string(String(decoding: f.bytes, as: UTF8.self)) }
                let scalars = f.bytes.map { Unicode.Scalar(Windows1252.table[Int($0)])! }
                return .string(String(String.UnicodeScalarView(scalars)))
            }
            rows.append(Row(cells: cells, windows1252: !valid))
        }
        return rows
    }
}
