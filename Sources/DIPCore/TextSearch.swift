import Foundation

/// Substring search over UTF-8 bytes, for text dip writes itself (notes, markers).
///
/// Foundation's `range(of:)` bridges every call through NSString/CFString on Linux; reading
/// back each note of every item of a regency's run (unit feedback, three formats) with it cost
/// about two seconds of CPU in `dip-bench e2e` (docs/benchmarks.md, session 19). The texts
/// searched here are machine-written with fixed ASCII-bounded markers, so an exact byte match
/// is the right comparison (no case folding, no Unicode equivalence).
extension String {
    /// The last occurrence of `needle`, compared byte for byte.
    public func lastByteRange(of needle: String) -> Range<String.Index>? {
        byteRange(of: needle, in: startIndex..<endIndex, last: true)
    }

    /// The first occurrence of `needle` within `bounds`, compared byte for byte.
    public func firstByteRange(of needle: String, in bounds: Range<String.Index>) -> Range<String.Index>? {
        byteRange(of: needle, in: bounds, last: false)
    }

    /// This text with every occurrence of `needle` replaced by `replacement`, left to right,
    /// compared byte for byte (Foundation's `replacingOccurrences` bridged each call through
    /// CFString: the unit feedback's plain wording of precedent notes, eleven phrases per note,
    /// was about a tenth of a cold regency run's CPU in session 25).
    public func replacingBytes(of needle: String, with replacement: String) -> String {
        guard var found = firstByteRange(of: needle, in: startIndex..<endIndex) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + max(0, replacement.utf8.count - needle.utf8.count) * 4)
        var from = startIndex
        while true {
            out += self[from..<found.lowerBound]
            out += replacement
            from = found.upperBound
            guard let next = firstByteRange(of: needle, in: from..<endIndex) else { break }
            found = next
        }
        out += self[from...]
        return out
    }

    private func byteRange(of needle: String, in bounds: Range<String.Index>, last: Bool) -> Range<String.Index>? {
        let target = Array(needle.utf8)
        guard !target.isEmpty else { return nil }
        let view = utf8
        let lower = view.distance(from: view.startIndex, to: bounds.lowerBound)
        let upper = view.distance(from: view.startIndex, to: bounds.upperBound)
        var copy = self
        let found: Int? = copy.withUTF8 { bytes -> Int? in
            guard upper - lower >= target.count else { return nil }
            let starts = stride(from: last ? upper - target.count : lower,
                                through: last ? lower : upper - target.count,
                                by: last ? -1 : 1)
            outer: for start in starts {
                for k in 0..<target.count where bytes[start + k] != target[k] { continue outer }
                return start
            }
            return nil
        }
        guard let offset = found else { return nil }
        let from = view.index(view.startIndex, offsetBy: offset)
        return from..<view.index(from, offsetBy: target.count)
    }
}

/// Blank texts, without Foundation: `trimmingCharacters(in:)` copies the text into an NSString on
/// Linux, and the review pack asked it three or four times of every row (`emptyDecreeColumns`,
/// `madeApart`: 1.4 % of a cold regency run, 2.6 % of its update, session 26).
extension String {
    /// Whether the text is empty or holds only whitespace and line breaks: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines).isEmpty` answers.
    public var isAllWhitespace: Bool { Self.only(unicodeScalars, ascii: Self.asciiWhitespaceAndNewlines, set: .whitespacesAndNewlines) }

    /// Whether the text is empty or holds only spaces and tabs (Unicode's space separators
    /// among them): what `trimmingCharacters(in: .whitespaces).isEmpty` answers.
    public var isAllSpaces: Bool { Self.only(unicodeScalars, ascii: Self.asciiWhitespace, set: .whitespaces) }

    /// Every scalar in `set`, an ASCII one looked up in `ascii` (the set's own answers, read once).
    private static func only(_ scalars: String.UnicodeScalarView, ascii: [Bool], set: CharacterSet) -> Bool {
        for scalar in scalars {
            if scalar.isASCII {
                if !ascii[Int(scalar.value)] { return false }
            } else if !set.contains(scalar) {
                return false
            }
        }
        return true
    }

    private static let asciiWhitespaceAndNewlines = (0..<128).map { CharacterSet.whitespacesAndNewlines.contains(Unicode.Scalar(UInt8($0))) }
    private static let asciiWhitespace = (0..<128).map { CharacterSet.whitespaces.contains(Unicode.Scalar(UInt8($0))) }
}
