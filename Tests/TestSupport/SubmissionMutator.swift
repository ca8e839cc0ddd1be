import DIPCore
import Foundation
import OfficeFormats

/// Seeded damage to submissions, shared by the intake fuzzing and the run-level fuzzing:
/// bytes flipped, spans cut or doubled, hostile tokens planted, and (for a workbook) one XML
/// part damaged or given well-formed hostile values and zipped again, so the damage reaches
/// the parsers and the reader's logic rather than stopping at the zip layer.
public struct SubmissionMutator {
    /// Where the workbook being damaged is unpacked from.
    let scratch: URL

    public init(scratch: URL) { self.scratch = scratch }

    /// The submissions under `inbox/<unit>/` to damage: lock files left out, and an .xlsx
    /// that is no zip (the example that is a renamed .xls, refused by its first bytes
    /// whatever follows: damaging it would only test that, over and over).
    public static func seedFiles(in inbox: URL) throws -> [URL] {
        let fm = FileManager.default
        var files: [URL] = []
        for unit in try fm.contentsOfDirectory(atPath: inbox.path).sorted() {
            let folder = inbox.appendingPathComponent(unit)
            for name in try fm.contentsOfDirectory(atPath: folder.path).sorted()
            where !name.hasPrefix("~$") && !name.hasPrefix(".") {
                let url = folder.appendingPathComponent(name)
                if url.pathExtension.lowercased() == "xlsx", (try? ZipArchive(path: url.path)) == nil { continue }
                files.append(url)
            }
        }
        return files
    }

    /// A damaged copy of `bytes`, a CSV (`isCSV`) or a workbook.
    public func mutate(_ bytes: [UInt8], isCSV: Bool, _ rng: inout SplitMix) throws -> [UInt8] {
        isCSV ? mutateText(bytes, &rng, tokens: Self.csvTokens) : try mutatePackage(bytes, &rng)
    }

    /// Damages one XML part of the package (most often a sheet or the shared strings) and zips
    /// the parts again; now and then damages the zip bytes themselves instead.
    public func mutatePackage(_ bytes: [UInt8], _ rng: inout SplitMix) throws -> [UInt8] {
        if rng.next() % 8 == 0 { return mutateText(bytes, &rng, tokens: []) }
        let source = scratch.appendingPathComponent("source.xlsx")
        try Data(bytes).write(to: source)
        // A seed that is no zip (the example refused as a renamed .xls) gets byte damage.
        guard let archive = try? ZipArchive(path: source.path) else { return mutateText(bytes, &rng, tokens: []) }
        var parts = try archive.entries.filter { !$0.isDirectory }.map { ($0.name, try archive.readAll($0)) }
        let xml = parts.indices.filter { parts[$0].0.hasSuffix(".xml") || parts[$0].0.hasSuffix(".rels") }
        let preferred = xml.filter { parts[$0].0.contains("worksheets/") || parts[$0].0.contains("sharedStrings") }
        let pool = !preferred.isEmpty && rng.next() % 4 != 0 ? preferred : xml
        if let target = pool.isEmpty ? nil : pool[Int(rng.next() % UInt64(pool.count))] {
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                // Half the time a value is replaced and the XML stays well-formed, so the
                // damage reaches the reader's logic rather than stopping at the XML parser.
                parts[target].1 = rng.next() % 2 == 0
                    ? replaceValue(parts[target].1, &rng) ?? mutateText(parts[target].1, &rng, tokens: Self.xmlTokens)
                    : mutateText(parts[target].1, &rng, tokens: Self.xmlTokens)
            }
        }
        let writer = try ZipWriter(inMemoryWithTimeZone: TimeZone(identifier: "UTC")!)
        for (name, data) in parts {
            try writer.add(path: name, data: data, modified: Date(timeIntervalSince1970: 1_767_225_600))
        }
        return try writer.closeToBytes()
    }

    /// One mutation: a byte changed, a span cut, a span doubled, or a token planted.
    public func mutateText(_ input: [UInt8], _ rng: inout SplitMix, tokens: [String]) -> [UInt8] {
        var bytes = input
        guard !bytes.isEmpty else { return Array((tokens.first ?? "x").utf8) }
        let at = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % (tokens.isEmpty ? 3 : 5) {
        case 0:
            bytes[at] = UInt8(truncatingIfNeeded: rng.next())
        case 1:
            let length = min(bytes.count - at, 1 + Int(rng.next() % 64))
            bytes.removeSubrange(at..<(at + length))
        case 2:
            let length = min(bytes.count - at, 1 + Int(rng.next() % 256))
            bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
        default:
            // Planted just after a tag or attribute boundary when one is near, where parsers
            // take decisions.
            var position = at
            if let boundary = bytes[at...].prefix(200).firstIndex(where: { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ";") }) {
                position = boundary + 1
            }
            let token = tokens[Int(rng.next() % UInt64(tokens.count))]
            bytes.insert(contentsOf: Array(token.utf8), at: min(position, bytes.count))
        }
        return bytes
    }

    /// Replaces the value of one attribute or `<v>` element named in `hostileValues` with a
    /// hostile one; nil when the part has none.
    func replaceValue(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8]? {
        var candidates: [(start: Int, end: Int, values: [String])] = []
        for (opener, values) in Self.hostileValues {
            let key = Array(opener.utf8)
            let close = opener == "<v>" ? UInt8(ascii: "<") : UInt8(ascii: "\"")
            var i = 0
            while i + key.count <= bytes.count {
                if bytes[i] == key[0] && Array(bytes[i..<(i + key.count)]) == key {
                    let start = i + key.count
                    if let end = bytes[start...].firstIndex(of: close) { candidates.append((start, end, values)) }
                    i = start
                } else {
                    i += 1
                }
            }
        }
        guard !candidates.isEmpty else { return nil }
        let pick = candidates[Int(rng.next() % UInt64(candidates.count))]
        var out = bytes
        out.replaceSubrange(pick.start..<pick.end, with: Array(pick.values[Int(rng.next() % UInt64(pick.values.count))].utf8))
        return out
    }

    /// Well-formed but hostile values for the attributes and elements readers decide on.
    public static let hostileValues: [(String, [String])] = [
        (" r=\"", ["XFD1048576", "XFE1", "A0", "ZZZZ1", "-1", "", "1A", "A1048577", "B", "AAAAAAAAAAAAAAAAA1",
                   "A99999999999999999999", "a1", " A1"]),
        (" t=\"", ["s", "e", "d", "b", "str", "inlineStr", "n", "x", ""]),
        (" s=\"", ["99999", "-5", "", "abc", "0"]),
        ("<v>", ["4294967296", "-1", "1e308", "-1e308", "NaN", "INF", "2958466", "2958465.9999999", "", "x",
                 "99999999999999999999", "-0", "1.5", "  3  ", "0x10", "1,5", "60", "-693594"]),
        (" ref=\"", ["A1:XFD1048576", "B2:A1", "A1", "", "ZZZ0:A1", "A1:A1048577", "A1:B2:C3"]),
        (" numFmtId=\"", ["14", "22", "47", "164", "-1", "99999", ""]),
        (" formatCode=\"", ["yyyy-mm-dd", "[$-F800]dddd", "0.00E+00", "&quot;d&quot;", "[h]:mm:ss", "@", ";;;",
                            "d/m/yyyy h:mm", "[Red][<=100]0;[Blue]0", "mm:ss.000", ""]),
        (" count=\"", ["-1", "0", "99999999999"]),
        (" uniqueCount=\"", ["-1", "0", "99999999999"]),
        (" sheetId=\"", ["0", "-1", "99999"]),
        (" date1904=\"", ["1", "true", "0", "x"]),
        (" state=\"", ["hidden", "veryHidden", "x"]),
        (" Target=\"", ["../../../etc/passwd", "/xl/worksheets/sheet1.xml", "xl\\worksheets\\sheet1.xml",
                        "worksheets/SHEET1.XML", "", "http://example.com/x.xml", "sheet1.xml#frag"]),
        (" name=\"", ["", "Sheet'1", String(repeating: "n", count: 300)]),
        (" spans=\"", ["1:16384", "5:1", ""]),
        (" ht=\"", ["-1", "1e308"]),
    ]

    /// What real damage and hostile packages put into spreadsheet XML.
    public static let xmlTokens = [
        #" r="XFD1048576""#, #" r="A0""#, #" r="ZZZZ1""#, #" r="-1""#, #" r="""#, #" r="1A""#,
        #" t="s""#, #" t="e""#, #" t="d""#, #" t="b""#, #" t="str""#, #" t="inlineStr""#, #" t="n""#,
        "<v>4294967296</v>", "<v>-1</v>", "<v>1e308</v>", "<v>NaN</v>", "<v>2958466</v>", "<v></v>",
        "<v>99999999999999999999</v>", #" s="99999""#, #" s="-5""#, #"<row r="0">"#,
        #"<row r="99999999999">"#, #"<row r="1048577">"#, "<c>", "</c>", "<row>", "</row>",
        #"<c r="B2" t="s"><v>0</v></c>"#, #"<c r="C3" t="inlineStr"><is><t>x</t></is></c>"#,
        #"<mergeCell ref="A1:XFD1048576"/>"#, #"<mergeCell ref="B2:A1"/>"#, #"<mergeCell ref="A1""#,
        "&amp;", "&#0;", "&#xFFFF;", "&#xD800;", "&unknown;", "<![CDATA[x]]>", "_x0000_", "_xD800_",
        "_x00", #"<numFmt numFmtId="164" formatCode="[$-F800]dddd"/>"#, #" numFmtId="14""#,
        #" date1904="1""#, #" date1904="true""#, #"<dimension ref="A1:XFD1048576"/>"#,
        #"<sheet name="" sheetId="0" r:id="rId999"/>"#, #" Target="../../../etc/passwd""#,
        #" Target="/xl/worksheets/sheet1.xml""#, #" Target="xl\worksheets\sheet1.xml""#,
        #"<si><t>"#, "</si>", #"<si><r><t>a</t></r><rPh><t>b</t></rPh></si>"#, #" count="-1""#,
        "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "<?xml version=\"1.0\"?>", "\u{FEFF}", "\0",
    ]

    /// What Indonesian office CSV files get wrong.
    public static let csvTokens = [
        "\"", "\"\"", ";", ",", "\t", "\r", "\n", "\r\n", "\0", "\u{FEFF}", "=SUM(A1)", "\"a\nb\"",
        String(repeating: ";", count: 300), String(repeating: "x", count: 5000), "\u{00E9}", "\u{2028}",
        // Longer than any spreadsheet cell.
        String(repeating: "panjang ", count: 5000),
    ]
}
