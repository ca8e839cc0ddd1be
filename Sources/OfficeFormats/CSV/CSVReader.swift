#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming CSV reader: one record at a time from a file read in chunks, so memory holds
/// one chunk plus the longest record, whatever the file size.
///
/// Dialect (decided once, from a sample of the first 256 KiB):
/// - a `sep=X` first line (Excel's hint) fixes the delimiter and is skipped;
/// - otherwise each candidate (`;` `,` tab `|`) is used to parse the sample with the same
///   quote-aware parser, and the one whose records most consistently have the same field count
///   (more than one field) wins; near-ties go to the larger field count, then to the order above;
/// - a UTF-8 BOM is skipped; UTF-16 (little- or big-endian, by BOM, or without one by the
///   NULs of its Latin text) is transcoded to UTF-8 as it is read (`ChunkedFile`); UTF-32
///   files are refused (`CSVError.unsupportedEncoding`).
///
/// Encoding: UTF-8 when the sample is valid UTF-8, Windows-1252 otherwise (Excel's ANSI
/// "CSV (Comma delimited)"). Because a valid sample does not prove the rest of the file, every
/// record holding non-ASCII bytes is validated again as it is read; a record that is not valid
/// UTF-8 is decoded as Windows-1252 and counted in `windows1252Records`.
///
/// Quoting follows RFC 4180 with the usual leniency: quoted fields may hold delimiters, line
/// breaks and doubled quotes; text after a closing quote is kept; a quote inside an unquoted
/// field is literal; an unterminated quote runs to the end of the file. CRLF, LF and lone CR
/// all end a record. Row numbers are record numbers (the first record is row 1), so a quoted
/// line break does not start a new row. Cells are `.string`, or `.empty` for empty fields;
/// trailing empty fields are dropped, as a spreadsheet row ends at its last value.
///
/// Speed (docs/csv-reader.md): fields are found 64 bytes at a time with vector compares, short
/// ASCII fields become inline Strings without allocation, long values repeated in a column
/// share one String, and a row's cell storage is reused once the caller has let go of it.
public struct CSVReader: RowSource {
    /// The dialect decided from the sample.
    public let dialect: CSVDialect
    /// Records of a UTF-8 file that were not valid UTF-8 and were decoded as Windows-1252.
    public private(set) var windows1252Records = 0
    /// Windows-1252 bytes with no character (0x81, 0x8D, 0x8F, 0x90, 0x9D), given as U+FFFD.
    public private(set) var undefinedBytes = 0
    /// CSV has no merged cells.
    public var mergedRanges: [MergedRange] { [] }
    /// The file ends inside its last record: no line break after it and fewer fields than
    /// the record before, or inside a quoted field. A copy cut short (a stalled network copy
    /// taken after the settle window) looks like this; a complete file never does.
    public private(set) var endsMidRecord = false
    /// The record whose quoted field the end of the file left open (a quote never closed:
    /// everything after it, to the end, was read as one cell), nil when every quote closed.
    public private(set) var openQuoteRecord: Int?
    /// Two delimiters in the sample (a header typed or pasted with `;` over rows exported
    /// with `,`, or the reverse), nil when the records agree. Only a hint: a file with a note
    /// line full of commas in a `;` file matches too, so the intake uses it only when the
    /// table could not be read.
    public let mixedDelimiters: MixedDelimiters?
    private var previousFieldCount = 0

    private let input: ChunkedFile
    private var fields = FieldList()
    private var block = CSVParser.SpecialBlock()
    private var pendingCR = false
    private var recordNumber = 0
    private var scratch: [UInt8] = []
    private var windows1252Scratch: [UInt8] = []
    private let strings = CellStrings()
    /// The last row's cells, shared with the caller.
    private var cells: [CellValue] = []

    /// Opens a file and decides its dialect.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - chunkSize: bytes read at a time (grows only for a record longer than this).
    /// - Throws: `CSVError`.
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        input = try ChunkedFile(path: path, capacity: max(chunkSize, 1 << 16))
        try input.fill()
        var base = input.buffer
        var start = input.start
        var end = input.end
        func has(_ bytes: [UInt8], at offset: Int) -> Bool {
            guard offset + bytes.count <= end else { return false }
            for (k, b) in bytes.enumerated() where base[offset + k] != b { return false }
            return true
        }
        if has([0x00, 0x00, 0xFE, 0xFF], at: start) || has([0xFF, 0xFE, 0x00, 0x00], at: start) {
            throw CSVError.unsupportedEncoding("UTF-32")
        }
        // UTF-16 (Excel's "Teks Unicode": tab-separated, little-endian with a BOM; big-endian
        // or without a BOM from other tools) is transcoded to UTF-8 as it is read, so what
        // follows sees a UTF-8 file.
        var utf16: CSVEncoding?
        var hadBOM = false
        if has([0xFF, 0xFE], at: start) || has([0xFE, 0xFF], at: start) {
            utf16 = base[start] == 0xFE ? .utf16BE : .utf16LE
            hadBOM = true
        } else if let guess = try CSVReader.rejectBinary(base, start, min(end, start + CSVReader.sampleBytes)) {
            utf16 = guess
        }
        if let utf16 {
            try input.restartAsUTF16(bigEndian: utf16 == .utf16BE, from: hadBOM ? 2 : 0)
            base = input.buffer
            start = input.start
            end = input.end
        } else if has([0xEF, 0xBB, 0xBF], at: start) {
            hadBOM = true
            start += 3
        }
        let sampleEnd = min(end, start + CSVReader.sampleBytes)
        let sampleIsWhole = input.eof && sampleEnd == end
        if utf16 != nil {
            // UTF-16 of binary data transcodes to control characters or NULs.
            if try CSVReader.rejectBinary(base, start, sampleEnd) != nil { throw CSVError.binaryContent }
            // Binary data under a BOM rarely transcodes to control characters: it gives
            // surrogates and private-use characters instead (session 23).
            let sample = String(decoding: UnsafeBufferPointer(start: base + start, count: sampleEnd - start), as: UTF8.self)
            if decodedUTF16LooksBinary(sample.unicodeScalars) { throw CSVError.binaryContent }
        }

        // Excel's `sep=;` line. A separator that cannot be one (a NUL or another control
        // byte, a quote, a letter or digit: a damaged line) skips the line but is not honoured;
        // the delimiter is then sniffed (session 22: `sep=` and a NUL made the whole header one
        // cell, "Tabel DIP tidak ditemukan").
        var forced: UInt8?
        var hadSepLine = false
        if has(Array("sep=".utf8), at: start), start + 4 < end {
            let d = base[start + 4]
            let after = start + 5
            if d != 10, d != 13, after == end || base[after] == 10 || base[after] == 13 {
                let usable = d == 9 || (d > 0x20 && d < 0x7F && d != CSVParser.quote
                    && !(d >= 0x30 && d <= 0x39) && !(d | 0x20 >= 0x61 && d | 0x20 <= 0x7A))
                forced = usable ? d : nil
                hadSepLine = usable
                start = after
                if start < end, base[start] == 13 { start += 1 }
                if start < end, base[start] == 10 { start += 1 }
            }
        }
        input.start = start

        let encoding: CSVEncoding =
            utf16 ?? (hadBOM || UTF8Check.isValid(base + start, sampleEnd - start, allowTruncatedEnd: !sampleIsWhole)
            ? .utf8 : .windows1252)
        let delimiter = forced
            ?? CSVReader.sniffDelimiter(base, start, sampleEnd, sampleIsWhole: sampleIsWhole)
        dialect = CSVDialect(
            delimiter: delimiter, encoding: encoding, hadBOM: hadBOM, hadSepLine: hadSepLine)
        mixedDelimiters = CSVReader.findMixedDelimiters(
            base, start, sampleEnd, delimiter: delimiter, sampleIsWhole: sampleIsWhole)
    }

    /// Looks at the sample's first 60 records, split by `delimiter`, for two kinds of
    /// records: those with three or more fields, and those of one or two fields holding three
    /// or more of another candidate delimiter outside quotes. Both present: the first record
    /// of either kind is the header, and its kind's delimiter the header's.
    static func findMixedDelimiters(
        _ p: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, delimiter d: UInt8, sampleIsWhole: Bool
    ) -> MixedDelimiters? {
        var spans = FieldList()
        var block = CSVParser.SpecialBlock()
        var pos = start
        var skipLF = false
        var record = 0
        var firstSplit: Int?
        var firstOther: [UInt8: Int] = [:]
        while record < 60 {
            if skipLF, pos < end, p[pos] == 10 { pos += 1 }
            let r = CSVParser.parseRecord(
                p, from: pos, end: end, eof: sampleIsWhole, delimiter: d, fields: &spans, block: &block)
            guard case .record(let next, let cr) = r else { break }
            record += 1
            defer {
                pos = next
                skipLF = cr
            }
            if spans.count >= 3 {
                if firstSplit == nil { firstSplit = record }
                continue
            }
            // Two fields: a header with one `,` in a label ("Pejabat/Unit, Satker").
            guard spans.count <= 2 else { continue }
            var counts: [UInt8: Int] = [:]
            var quoted = false
            for i in pos..<next {
                let b = p[i]
                if b == CSVParser.quote {
                    quoted.toggle()
                } else if !quoted, b != d, candidates.contains(b) {
                    counts[b, default: 0] += 1
                }
            }
            for (e, n) in counts where n >= 3 && firstOther[e] == nil { firstOther[e] = record }
        }
        guard let split = firstSplit,
              let (other, otherRecord) = firstOther.min(by: { ($0.value, $0.key) < ($1.value, $1.key) })
        else { return nil }
        return split < otherRecord
            ? MixedDelimiters(header: d, headerRecord: split, rows: other, firstRowRecord: otherRecord)
            : MixedDelimiters(header: other, headerRecord: otherRecord, rows: d, firstRowRecord: split)
    }

    static let sampleBytes = 256 * 1024
    /// The longest record read: 16 cells of a spreadsheet's 32,767 characters, 4 bytes each
    /// (a DIP row has about ten cells); longer is refused before the buffer grows further.
    public static let maxRecordBytes = 16 * 32_767 * 4
    /// The most fields in a record: a spreadsheet's column limit (XFD).
    public static let maxFields = 16_384
    static let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), 9, UInt8(ascii: "|")]

    public mutating func nextRow() throws -> SheetRow? {
        while true {
            let p = input.buffer
            if pendingCR {
                if input.start < input.end {
                    if p[input.start] == 10 { input.start += 1 }
                    pendingCR = false
                } else if !input.eof {
                    try input.fill()
                    block = CSVParser.SpecialBlock()
                    continue
                } else {
                    pendingCR = false
                }
            }
            let from = input.start
            let outcome = CSVParser.parseRecord(
                p, from: from, end: input.end, eof: input.eof, delimiter: dialect.delimiter,
                fields: &fields, block: &block)
            switch outcome {
            case .needMore:
                if input.end - from > Self.maxRecordBytes {
                    throw CSVError.recordTooLarge(record: recordNumber + 1, detail: "lebih dari \(Self.maxRecordBytes / 1_048_576) MB")
                }
                try input.fill()
                block = CSVParser.SpecialBlock()
            case .endOfInput:
                return nil
            case .record(let next, let endedWithCR):
                recordNumber += 1
                if fields.count > Self.maxFields {
                    throw CSVError.recordTooLarge(record: recordNumber, detail: "lebih dari \(Self.maxFields) kolom")
                }
                if next - from > Self.maxRecordBytes {
                    throw CSVError.recordTooLarge(record: recordNumber, detail: "lebih dari \(Self.maxRecordBytes / 1_048_576) MB")
                }
                if input.eof, next == input.end, fields.endsInOpenQuote {
                    openQuoteRecord = recordNumber
                    endsMidRecord = true
                }
                if input.eof, next == input.end, next > from, p[next - 1] != 10, p[next - 1] != 13 {
                    var quotes = 0
                    for k in from..<next where p[k] == CSVParser.quote { quotes += 1 }
                    endsMidRecord = endsMidRecord || quotes % 2 == 1 || fields.count < previousFieldCount
                }
                previousFieldCount = fields.count
                let cells = decodeFields(p, recordStart: from, recordEnd: next)
                input.start = next
                pendingCR = endedWithCR
                var row = SheetRow(number: recordNumber, cells: cells)
                row.recordWidth = fields.count
                return row
            }
        }
    }

    private mutating func decodeFields(
        _ p: UnsafeMutablePointer<UInt8>, recordStart: Int, recordEnd: Int
    ) -> [CellValue] {
        var last = fields.count - 1
        while last >= 0, fields[last].isEmpty { last -= 1 }
        if last < 0 { return [] }
        // An ASCII record reads the same in both encodings: the fast path, even in a
        // Windows-1252 file.
        var useWindows1252 = false
        if UTF8Check.hasNonASCII(p + recordStart, recordEnd - recordStart) {
            if dialect.encoding == .windows1252 {
                useWindows1252 = true
            } else if !UTF8Check.isValid(
                p + recordStart, recordEnd - recordStart, allowTruncatedEnd: false)
            {
                useWindows1252 = true
                windows1252Records += 1
            }
        }
        // When the caller has let go of the last row, its storage is reused (no allocation).
        cells.removeAll(keepingCapacity: true)
        cells.reserveCapacity(last + 1)
        for k in 0...last {
            cells.append(cell(fields[k], column: k, p, windows1252: useWindows1252))
        }
        return cells
    }

    @inline(__always)
    private mutating func cell(
        _ f: FieldSpan, column: Int, _ p: UnsafeMutablePointer<UInt8>, windows1252: Bool
    ) -> CellValue {
        if f.isEmpty { return .empty }
        if f.kind == .quotedComplex {
            CSVParser.unescape(p, f.start, f.end, into: &scratch)
            if scratch.isEmpty { return .empty }
            return .string(scratch.withUnsafeBufferPointer { decode($0, windows1252: windows1252) })
        }
        // Within a Windows-1252 record, an ASCII field still takes the fast path.
        if windows1252, UTF8Check.hasNonASCII(p + f.start, f.end - f.start) {
            return .string(
                decode(UnsafeBufferPointer(start: p + f.start, count: f.end - f.start), windows1252: true))
        }
        return .string(strings.string(p + f.start, f.end - f.start, column: column))
    }

    private mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, windows1252: Bool) -> String {
        if !windows1252 { return String(decoding: bytes, as: UTF8.self) }
        return Windows1252.string(bytes, undefined: &undefinedBytes, scratch: &windows1252Scratch)
    }

    /// Refuses binary files: NUL bytes, or other control bytes than tab, line breaks and form
    /// feed, in more than 1% of the sample (an image or a program named .csv has few NULs but
    /// many control bytes; text has almost none). Returns the byte order of UTF-16 text
    /// without a BOM, recognised by its NULs (nil for a text that is not UTF-16).
    static func rejectBinary(_ p: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int) throws -> CSVEncoding? {
        guard end > start else { return nil }
        var nuls = 0
        var evenNuls = 0
        var controls = 0
        for i in start..<end where p[i] < 0x20 {
            let b = p[i]
            if b == 0 {
                nuls += 1
                if (i - start) % 2 == 0 { evenNuls += 1 }
            } else if b != 9 && b != 10 && b != 13 && b != 12 {
                controls += 1
            }
        }
        let n = end - start
        guard nuls * 100 > n else {
            if controls * 100 > n { throw CSVError.binaryContent }
            return nil
        }
        // Latin text in UTF-16 has a NUL in every other byte, all on one parity.
        guard let bigEndian = utf16BigEndianByNULs(nuls: nuls, evenNuls: evenNuls, count: n) else { throw CSVError.binaryContent }
        return bigEndian ? .utf16BE : .utf16LE
    }

    /// Parses the sample with each candidate and keeps the most consistent one.
    static func sniffDelimiter(
        _ p: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, sampleIsWhole: Bool
    ) -> UInt8 {
        var best: (delimiter: UInt8, consistency: Double, fields: Int)?
        var spans = FieldList()
        for d in candidates {
            var counts: [Int: Int] = [:]
            var total = 0
            var pos = start
            var records = 0
            var skipLF = false
            var block = CSVParser.SpecialBlock()
            while records < 200 {
                if skipLF, pos < end, p[pos] == 10 { pos += 1 }
                let r = CSVParser.parseRecord(
                    p, from: pos, end: end, eof: sampleIsWhole, delimiter: d, fields: &spans,
                    block: &block)
                guard case .record(let next, let cr) = r else { break }
                pos = next
                skipLF = cr
                records += 1
                if spans.count == 1, spans[0].isEmpty { continue }  // blank line
                counts[spans.count, default: 0] += 1
                total += 1
            }
            guard total > 0,
                let mode = counts.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }),
                mode.key > 1
            else { continue }
            let consistency = Double(mode.value) / Double(total)
            if let b = best {
                if consistency > b.consistency + 0.1
                    || (consistency > b.consistency - 0.1 && mode.key > b.fields)
                {
                    best = (d, consistency, mode.key)
                }
            } else {
                best = (d, consistency, mode.key)
            }
        }
        return best?.delimiter ?? candidates[0]
    }
}
