import Crypto
import Foundation

/// The checksum algorithms dip writes and verifies (BagIt 1.0 names: lower case, no dash).
public enum BagAlgorithm: String, CaseIterable, Sendable, Comparable {
    case sha256
    case sha512

    public static func < (a: BagAlgorithm, b: BagAlgorithm) -> Bool { a.rawValue < b.rawValue }

    /// Hex digits of a checksum.
    var hexLength: Int { self == .sha256 ? 64 : 128 }
}

/// Streaming SHA-256 and SHA-512 over the same bytes, plus the byte count.
struct BagHasher {
    private var sha256 = SHA256()
    private var sha512 = SHA512()
    private(set) var byteCount: Int64 = 0

    static let chunkSize = 1 << 20

    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        sha256.update(bufferPointer: buffer)
        sha512.update(bufferPointer: buffer)
        byteCount += Int64(buffer.count)
    }

    mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Hex digests by algorithm.
    func finalize() -> [BagAlgorithm: String] {
        [.sha256: Self.hex(sha256.finalize()), .sha512: Self.hex(sha512.finalize())]
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(128)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hashes a file in 1 MiB chunks, never holding it whole in memory.
    static func hashFile(_ url: URL) throws -> (digests: [BagAlgorithm: String], size: Int64) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = BagHasher()
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            hasher.update(chunk)
        }
        return (hasher.finalize(), hasher.byteCount)
    }
}

/// Text formats of BagIt 1.0 (RFC 8493) tag files.
enum BagFormat {
    static let bagitTxt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

    /// RFC 8493 §2.1.3: CR, LF and "%" in manifest paths are percent-encoded.
    static func encodePath(_ path: String) -> String {
        var out = ""
        for u in path.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// The inverse of `encodePath` (case-insensitive hex, as writers differ).
    static func decodePath(_ path: String) -> String {
        guard path.contains("%") else { return path }
        var out = ""
        var scalars = Array(path.unicodeScalars)[...]
        while let u = scalars.first {
            if u == "%", scalars.count >= 3 {
                let code = String(String.UnicodeScalarView(scalars.dropFirst().prefix(2))).uppercased()
                let map: [String: String] = ["25": "%", "0D": "\r", "0A": "\n"]
                if let r = map[code] {
                    out += r
                    scalars = scalars.dropFirst(3)
                    continue
                }
            }
            out.unicodeScalars.append(u)
            scalars = scalars.dropFirst()
        }
        return out
    }

    /// Manifest text: "<hex>  <path>" lines sorted by path (byte order), LF endings.
    static func manifest(_ entries: [(path: String, digest: String)]) -> String {
        entries.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
            .map { "\($0.digest)  \(encodePath($0.path))\n" }.joined()
    }

    /// Parses manifest text into (path, digest) pairs; malformed lines come back as errors
    /// with their 1-based line number.
    static func parseManifest(_ text: String) -> (entries: [(path: String, digest: String)], bad: [Int]) {
        var entries: [(String, String)] = []
        var bad: [Int] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated() {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let sep = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                bad.append(i + 1)
                continue
            }
            let digest = String(line[..<sep])
            let path = String(line[sep...].drop(while: { $0 == " " || $0 == "\t" }))
            guard !digest.isEmpty, !path.isEmpty, digest.allSatisfy(\.isHexDigit) else {
                bad.append(i + 1)
                continue
            }
            entries.append((decodePath(path), digest.lowercased()))
        }
        return (entries, bad)
    }

    /// One `Label: value` element, folded at word boundaries so lines stay within 79
    /// characters (continuation lines start with two spaces).
    static func tagLine(_ label: String, _ value: String) -> String {
        let flat = value.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
        var lines: [String] = []
        var current = "\(label):"
        for word in flat.split(separator: " ", omittingEmptySubsequences: true) {
            if current.count + 1 + word.count > 79 && current.count > label.count + 1 {
                lines.append(current)
                current = " "
            }
            current += " " + word
        }
        lines.append(current)
        return lines.map { $0 + "\n" }.joined()
    }

    /// Parses `bag-info.txt` (continuation lines joined with a space) into ordered pairs.
    static func parseTags(_ text: String) -> [(label: String, value: String)] {
        var out: [(String, String)] = []
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = String(raw)
            if let first = line.first, first == " " || first == "\t" {
                if !out.isEmpty {
                    out[out.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let label = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            out.append((label, value))
        }
        return out
    }

    /// Human size for Bag-Size ("56.3 KB"), binary multiples, C-locale decimal point.
    static func humanSize(_ bytes: Int64) -> String {
        let units = ["KB", "MB", "GB", "TB"]
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
