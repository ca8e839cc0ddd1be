import CLibZip
import Foundation
import XCTest
@testable import OfficeFormats

/// Reads back an archive with libzip: entry names in order with their data.
func readZipEntries(_ bytes: [UInt8]) throws -> [(name: String, data: [UInt8])] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("zr-\(UUID().uuidString).zip")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    var err: Int32 = 0
    guard let za = zip_open(url.path, ZIP_RDONLY, &err) else {
        throw ZipWriterError.cannotOpen(path: url.path, reason: "libzip error \(err)")
    }
    defer { zip_discard(za) }
    var out: [(name: String, data: [UInt8])] = []
    for i in 0..<zip_get_num_entries(za, 0) {
        var st = zip_stat_t()
        zip_stat_index(za, zip_uint64_t(i), 0, &st)
        let name = String(cString: st.name)
        var data = [UInt8](repeating: 0, count: Int(st.size))
        let f = zip_fopen_index(za, zip_uint64_t(i), 0)!
        if st.size > 0 { _ = data.withUnsafeMutableBytes { zip_fread(f, $0.baseAddress, st.size) } }
        zip_fclose(f)
        out.append((name, data))
    }
    return out
}

/// One local file header as found in the archive bytes.
struct LocalHeader {
    var name: String
    var flags: UInt16
    var method: UInt16
    var dosTime: UInt16
    var dosDate: UInt16
    var extraLength: Int
}

/// Walks the local file headers from the start of the archive (sizes are in the headers).
func localHeaders(_ b: [UInt8]) -> [LocalHeader] {
    func u16(_ o: Int) -> UInt16 { UInt16(b[o]) | UInt16(b[o + 1]) << 8 }
    func u32(_ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 | Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24 }
    var out: [LocalHeader] = []
    var o = 0
    while o + 30 <= b.count, u32(o) == 0x0403_4B50 {
        let nameLen = Int(u16(o + 26)), extraLen = Int(u16(o + 28))
        let name = String(decoding: b[(o + 30)..<(o + 30 + nameLen)], as: UTF8.self)
        out.append(LocalHeader(name: name, flags: u16(o + 6), method: u16(o + 8), dosTime: u16(o + 10),
                               dosDate: u16(o + 12), extraLength: extraLen))
        o += 30 + nameLen + extraLen + u32(o + 18)
    }
    return out
}

final class WriterZipTests: XCTestCase {
    let when = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z

    func testEntriesKeepOrderAndContent() throws {
        let zw = try ZipWriter(inMemoryWithTimeZone: TimeZone(identifier: "UTC")!)
        try zw.add(path: "[Content_Types].xml", text: "<Types/>", modified: when)
        try zw.add(path: "b/second.txt", data: Array("dua".utf8), modified: when, compression: .stored)
        try zw.add(path: "a/ketiga é.txt", data: Data("tiga".utf8), modified: when)
        try zw.add(path: "empty.bin", data: [UInt8](), modified: when)
        let bytes = try zw.closeToBytes()
        let entries = try readZipEntries(bytes)
        XCTAssertEqual(entries.map(\.name), ["[Content_Types].xml", "b/second.txt", "a/ketiga é.txt", "empty.bin"])
        XCTAssertEqual(entries.map { String(decoding: $0.data, as: UTF8.self) }, ["<Types/>", "dua", "tiga", ""])
        let headers = localHeaders(bytes)
        XCTAssertEqual(headers.map(\.name), entries.map(\.name), "local headers in the order added")
        XCTAssertEqual(headers[1].method, 0, "stored entry")
        XCTAssertEqual(headers[0].method, 8, "deflated entry")
        XCTAssertTrue(headers.allSatisfy { $0.extraLength == 0 }, "no extra fields")
        // 2026-01-01 00:00:00 → date (46<<9 | 1<<5 | 1), time 0.
        XCTAssertTrue(headers.allSatisfy { $0.dosDate == UInt16(46 << 9 | 1 << 5 | 1) && $0.dosTime == 0 })
        XCTAssertEqual(headers[2].flags & 0x0800, 0x0800, "UTF-8 flag on a non-ASCII name")
        XCTAssertEqual(headers.map { $0.flags & 0x0008 }, [0, 0, 0, 0], "no data descriptors")
    }

    func testDeterministicAcrossRunsAndTimeZones() throws {
        func build() throws -> [UInt8] {
            let zw = try ZipWriter(inMemoryWithTimeZone: TimeZone(secondsFromGMT: 7 * 3600)!)
            for i in 0..<20 {
                try zw.add(path: "f\(i).xml", text: String(repeating: "<x>\(i)</x>", count: 50), modified: when)
            }
            return try zw.closeToBytes()
        }
        let a = try build()
        setenv("TZ", "America/New_York", 1); tzset()
        defer { unsetenv("TZ"); tzset() }
        let b = try build()
        XCTAssertEqual(a, b)
        XCTAssertEqual(localHeaders(a).first?.dosTime, UInt16(7 << 11), "07:00 WIB")
    }

    func testFileArchiveIsRenamedAndAddsFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let payload = dir.appendingPathComponent("payload.csv")
        try Data("nomor,ringkasan\n1,x\n".utf8).write(to: payload)
        let dest = dir.appendingPathComponent("bag.zip")
        let zw = try ZipWriter(destination: dest)
        try zw.add(path: "bag/bagit.txt", text: "BagIt-Version: 1.0\n", modified: when)
        try zw.addFile(path: "bag/data/payload.csv", from: payload, modified: when)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dest.path), "nothing at the destination before close")
        try zw.close()
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(listing, ["bag.zip", "payload.csv"], "temporary file renamed away")
        let bytes = [UInt8](try Data(contentsOf: dest))
        let entries = try readZipEntries(bytes)
        XCTAssertEqual(entries.map(\.name), ["bag/bagit.txt", "bag/data/payload.csv"])
        XCTAssertEqual(String(decoding: entries[1].data, as: UTF8.self), "nomor,ringkasan\n1,x\n")
        XCTAssertTrue(localHeaders(bytes).allSatisfy { $0.extraLength == 0 })
        XCTAssertThrowsError(try zw.close()) { XCTAssertEqual($0 as? ZipWriterError, .alreadyClosed) }
    }

    func testRejectsBadAndDuplicateNames() throws {
        let zw = try ZipWriter(inMemoryWithTimeZone: TimeZone(identifier: "UTC")!)
        for bad in ["", "/abs", "a/../b", "dir/", "a\\b", "a//b"] {
            XCTAssertThrowsError(try zw.add(path: bad, text: "x", modified: when)) {
                XCTAssertEqual($0 as? ZipWriterError, .invalidEntryName(bad))
            }
        }
        try zw.add(path: "a", text: "x", modified: when)
        XCTAssertThrowsError(try zw.add(path: "a", text: "y", modified: when)) {
            XCTAssertEqual($0 as? ZipWriterError, .duplicateEntry("a"))
        }
        XCTAssertThrowsError(try zw.addFile(path: "m", from: URL(fileURLWithPath: "/nonexistent/x"), modified: when))
        XCTAssertEqual(try readZipEntries(try zw.closeToBytes()).map(\.name), ["a"])
    }

    func testEmptyArchive() throws {
        let bytes = try ZipWriter(inMemoryWithTimeZone: TimeZone(identifier: "UTC")!).closeToBytes()
        XCTAssertEqual(bytes.count, 22)
        XCTAssertEqual(Array(bytes.prefix(4)), [0x50, 0x4B, 0x05, 0x06])
    }
}
