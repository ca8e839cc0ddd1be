import Foundation

/// What a file is, judged from its first bytes rather than its extension (units rename files).
public enum SpreadsheetFileKind: Equatable, Sendable {
    /// A zip archive holding an OOXML workbook (xlsx, xlsm).
    case xlsx
    /// A CFB (OLE2) container: a legacy .xls, or an encrypted OOXML file when `encrypted`.
    case cfbContainer(encrypted: Bool)
    /// A zip archive that holds no workbook (docx, odt, a plain archive).
    case zipNotWorkbook
    /// A zip archive holding an OpenDocument spreadsheet (ods, ots).
    case ods
    /// 0 bytes.
    case empty
    /// Plain text (CSV, HTML, SpreadsheetML 2003 XML): no NUL bytes in the sample.
    case text
    /// Anything else.
    case unknown
}

private let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
private let emptyZipMagic: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
private let cfbMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

/// Sniffs the kind of file at `path`. Reads the head of the file; for zips it opens the
/// central directory to tell a workbook from other archives; for CFB it looks for the
/// `EncryptedPackage` stream name (UTF-16LE) that marks an encrypted OOXML package.
///
/// Throws `FileReadError` when the system cannot read the file (what the bytes are is then
/// not known: never guessed as empty or unknown).
public func sniffFileKind(path: String) throws -> SpreadsheetFileKind {
    let file = try FileBytes(path: path)
    let head = try file.prefix(8192)
    if head.isEmpty { return .empty }
    if head.starts(with: zipMagic) || head.starts(with: emptyZipMagic) {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(path: path)
        } catch let failure as FileReadError {
            throw failure
        } catch OfficeError.limitExceeded {
            // Too many entries to be a document: the workbook reader opens it again and
            // refuses it with that cause (session 21: it was called a damaged zip).
            return .xlsx
        } catch {
            return .unknown
        }
        if try archive.hasWorkbook() { return .xlsx }
        return try archive.hasOpenDocumentSpreadsheet() ? .ods : .zipNotWorkbook
    }
    if head.starts(with: cfbMagic) {
        // Directory sectors can sit anywhere; CFB files of interest are small, so scan a bounded prefix.
        let body = try file.prefix(32 << 20)
        return .cfbContainer(encrypted: containsUTF16LE(body, "EncryptedPackage"))
    }
    return looksLikeText(head) ? .text : .unknown
}

/// The first `count` bytes of the file at `path` (fewer when it is shorter); throws
/// `FileReadError` when the system cannot read them.
public func fileHead(path: String, count: Int) throws -> [UInt8] {
    try FileBytes(path: path).prefix(count)
}

/// True when the sample has no NUL bytes and few control characters, or is UTF-16: it starts
/// with a UTF-16 BOM, or (no BOM) it is Latin text whose every other byte is NUL, on one parity,
/// as `CSVReader` recognises it (a tab-separated "Teks Unicode" export named .xls is text).
func looksLikeText(_ bytes: [UInt8]) -> Bool {
    if let units = utf16Units(bytes) {
        // A BOM alone proves nothing: binary data behind `FF FE` decodes to surrogates and
        // private-use characters (session 23: it was read as text, "Tabel DIP tidak ditemukan").
        let text = String(decoding: units, as: UTF16.self)
        if decodedUTF16LooksBinary(text.unicodeScalars) { return false }
        return looksLikeText(Array(text.utf8))
    }
    var control = 0
    for b in bytes {
        if b == 0 { return false }
        if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { control += 1 }
    }
    return control * 100 <= bytes.count
}

/// The code units of a sample that reads as UTF-16 by its BOM or, without one, by its NULs
/// (at least 40 % of the bytes, nine in ten on one parity: the rule of `CSVReader`); nil
/// otherwise. A BOM is dropped.
public func utf16Units(_ bytes: [UInt8]) -> [UInt16]? {
    var bigEndian: Bool
    var body = bytes[...]
    if bytes.starts(with: [0xFF, 0xFE]) {
        bigEndian = false
        body = body.dropFirst(2)
    } else if bytes.starts(with: [0xFE, 0xFF]) {
        bigEndian = true
        body = body.dropFirst(2)
    } else {
        var nuls = 0
        var even = 0
        for (i, b) in bytes.enumerated() where b == 0 {
            nuls += 1
            if i % 2 == 0 { even += 1 }
        }
        guard bytes.count >= 2, let order = utf16BigEndianByNULs(nuls: nuls, evenNuls: even, count: bytes.count) else { return nil }
        bigEndian = order
    }
    var units: [UInt16] = []
    units.reserveCapacity(body.count / 2)
    var i = body.startIndex
    while i + 1 < body.endIndex {
        let a = UInt16(body[i]), b = UInt16(body[i + 1])
        units.append(bigEndian ? a << 8 | b : b << 8 | a)
        i += 2
    }
    return units
}

/// Whether text decoded from UTF-16 is binary data rather than text: more than 1 % of its
/// scalars (and at least 16) are ones no text holds — U+FFFD (an unpaired surrogate or an odd last byte), C0
/// controls other than tab, line breaks and form feed, C1 controls, private-use characters
/// (U+E000–U+F8FF) or the noncharacters U+FFFE/U+FFFF. Random bytes behind a UTF-16 BOM give
/// about 13 % (3 % surrogates, 10 % private use); an Excel "Teks Unicode" export none. One
/// rule for file sniffing (`looksLikeText`) and the CSV reader's sample.
public func decodedUTF16LooksBinary<S: Sequence>(_ scalars: S) -> Bool where S.Element == Unicode.Scalar {
    var total = 0
    var odd = 0
    for s in scalars {
        total += 1
        let v = s.value
        if v < 0x20 {
            if v != 9 && v != 10 && v != 13 && v != 12 { odd += 1 }
        } else if (0x7F...0x9F).contains(v) || (0xE000...0xF8FF).contains(v) || v == 0xFFFD || v == 0xFFFE || v == 0xFFFF {
            odd += 1
        }
    }
    // At least 16 of them: a few broken units in a short text (an unpaired surrogate, an odd
    // last byte) are damage to a text, not binary data.
    return odd >= 16 && odd * 100 > total
}

/// Whether `count` bytes without a BOM holding `nuls` NULs, `evenNuls` of them at even offsets,
/// are UTF-16 and in which order: Latin text in UTF-16 has a NUL in every other byte (at least
/// 40 % of the bytes), nine in ten on one parity, the high byte's (first in big-endian). True for
/// big-endian, false for little-endian, nil when not UTF-16. One rule for `utf16Units` (file
/// sniffing) and `CSVReader.rejectBinary` (the CSV reader's sample).
func utf16BigEndianByNULs(nuls: Int, evenNuls: Int, count: Int) -> Bool? {
    guard nuls * 10 >= count * 4 else { return nil }
    if evenNuls * 10 >= nuls * 9 { return true }
    if evenNuls * 10 <= nuls { return false }
    return nil
}

func containsUTF16LE(_ haystack: [UInt8], _ needle: String) -> Bool {
    var pattern: [UInt8] = []
    for unit in needle.utf16 { pattern.append(UInt8(unit & 0xFF)); pattern.append(UInt8(unit >> 8)) }
    guard haystack.count >= pattern.count, let first = pattern.first else { return false }
    var i = 0
    let last = haystack.count - pattern.count
    while i <= last {
        if haystack[i] == first {
            var j = 1
            while j < pattern.count && haystack[i + j] == pattern[j] { j += 1 }
            if j == pattern.count { return true }
        }
        i += 1
    }
    return false
}

/// Opens a spreadsheet package (XLSX or ODS) at `path`: refuses what is not a zip with its
/// cause, then gives the archive and the file's expansion budget. The one opening of both
/// readers, so they refuse the same files the same way.
func openSpreadsheetPackage(path: String, limits: XLSXLimits) throws -> (ZipArchive, ExpansionBudget) {
    switch try sniffFileKind(path: path) {
    case .empty: throw OfficeError.emptyFile
    case .cfbContainer(let encrypted): throw OfficeError.cfbContainer(encrypted: encrypted)
    case .text, .unknown: throw OfficeError.notAZip("no zip signature")
    case .xlsx, .zipNotWorkbook, .ods: break
    }
    let archive = try ZipArchive(path: path, limits: limits)
    return (archive, ExpansionBudget(inputBytes: ExpansionBudget.inputSize(path), limits: limits))
}
