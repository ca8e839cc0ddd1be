/// The character encoding a CSV file was decoded with.
public enum CSVEncoding: String, Sendable, Hashable, Codable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"
    /// Excel's "Teks Unicode" (little-endian) and other tools' UTF-16, transcoded as read.
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
}

/// What the reader decided about a CSV file before reading its records.
public struct CSVDialect: Sendable, Hashable {
    /// The field separator byte (`;`, `,`, tab or `|`).
    public var delimiter: UInt8
    /// The encoding chosen from the sample (see `CSVReader` for the rule).
    public var encoding: CSVEncoding
    /// The file started with a UTF-8 or UTF-16 byte order mark (skipped).
    public var hadBOM: Bool
    /// The file started with an Excel `sep=X` line (honoured and skipped).
    public var hadSepLine: Bool

    public init(delimiter: UInt8, encoding: CSVEncoding, hadBOM: Bool, hadSepLine: Bool = false) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.hadBOM = hadBOM
        self.hadSepLine = hadSepLine
    }

    /// The delimiter as a one-character string.
    public var delimiterText: String { String(UnicodeScalar(delimiter)) }
}

/// A CSV whose header and rows use different delimiters (`CSVReader.mixedDelimiters`).
public struct MixedDelimiters: Sendable, Hashable {
    /// The header's delimiter and record number.
    public var header: UInt8
    public var headerRecord: Int
    /// The other records' delimiter and the first of them.
    public var rows: UInt8
    public var firstRowRecord: Int

    public init(header: UInt8, headerRecord: Int, rows: UInt8, firstRowRecord: Int) {
        self.header = header
        self.headerRecord = headerRecord
        self.rows = rows
        self.firstRowRecord = firstRowRecord
    }
}

/// Why a CSV file cannot be read.
public enum CSVError: Error, Equatable, Sendable {
    /// open(2) failed; errno given.
    case cannotOpen(path: String, errno: Int32)
    /// read(2) failed; errno given.
    case readFailed(path: String, errno: Int32)
    /// A UTF-32 file (by BOM): not supported (UTF-16 is read).
    case unsupportedEncoding(String)
    /// The file holds binary data (NUL bytes outside a UTF-16 pattern).
    case binaryContent
    /// One record is longer than `CSVReader.maxRecordBytes` or has more fields than
    /// `CSVReader.maxFields` (issue 16 #10: a record's cost must stay bounded).
    case recordTooLarge(record: Int, detail: String)
}
