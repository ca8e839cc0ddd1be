import DIPCore
import XCTest

/// The byte search that replaced Foundation's `range(of:)` for reading dip's own notes back.
final class TextSearchTests: XCTestCase {
    func testLastOccurrenceIsFoundAfterNonASCIIText() {
        let note = "Preseden: mirip dengan 'Data pegawai (kemiripan palsu)' (kemiripan 72%) — dikecualikan oleh 3 badan publik."
        let range = note.lastByteRange(of: "' (kemiripan ")
        XCTAssertEqual(range.map { String(note[$0.upperBound...]) }, "72%) — dikecualikan oleh 3 badan publik.")
        let end = range.flatMap { note.firstByteRange(of: "%) — ", in: $0.upperBound..<note.endIndex) }
        XCTAssertEqual(end.map { String(note[range!.upperBound..<$0.lowerBound]) }, "72")
        XCTAssertEqual(end.map { String(note[$0.upperBound...]) }, "dikecualikan oleh 3 badan publik.")
    }

    func testFirstOccurrenceStaysWithinItsBounds() {
        let text = "abc — abc — abc"
        let first = text.firstByteRange(of: "abc", in: text.startIndex..<text.endIndex)
        XCTAssertEqual(first.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }, 0)
        let afterFirst = text.index(text.startIndex, offsetBy: 1)
        let second = text.firstByteRange(of: "abc", in: afterFirst..<text.endIndex)
        XCTAssertEqual(second.map { String(text[text.startIndex..<$0.lowerBound]) }, "abc — ")
        let last = text.lastByteRange(of: "abc")
        XCTAssertEqual(last.map { String(text[$0.lowerBound...]) }, "abc")
        // A needle that only fits past the bounds is not found inside them.
        let short = text.index(text.startIndex, offsetBy: 2)
        XCTAssertNil(text.firstByteRange(of: "abc", in: text.startIndex..<short))
    }

    func testAbsentEmptyOrLongerNeedleIsNotFound() {
        XCTAssertNil("Preseden".lastByteRange(of: "[sumber: "))
        XCTAssertNil("Preseden".lastByteRange(of: ""))
        XCTAssertNil("ab".lastByteRange(of: "abc"))
        XCTAssertNil("".lastByteRange(of: "a"))
    }

    /// `replacingBytes` gives what Foundation's `replacingOccurrences` gives for dip's notes:
    /// every occurrence, left to right, none overlapping, text around it (non-ASCII too) kept.
    func testReplacingBytesMatchesFoundation() {
        let cases: [(String, String, String)] = [
            ("Preseden: mirip dengan 'Rekam medis pasien' — preseden kuat memakai Dikecualikan", "preseden", "judul serupa"),
            ("tidak ada preseden", "preseden", ""),
            ("prepreseden preseden", "preseden", "x"),
            ("aaaa", "aa", "b"),
            ("tanpa kata itu: é ü 漢字", "preseden", "judul"),
            ("", "preseden", "judul"),
            ("ujung preseden", "preseden", "judul mirip di badan publik lain"),
        ]
        for (text, needle, replacement) in cases {
            XCTAssertEqual(text.replacingBytes(of: needle, with: replacement),
                           text.replacingOccurrences(of: needle, with: replacement), text)
        }
    }
}

/// `isAllWhitespace` and `isAllSpaces` answer what Foundation's trimming answers, for every scalar
/// of the Basic Multilingual Plane alone and after a letter, and for generated mixes of blanks.
final class BlankTextTests: XCTestCase {
    func testEveryScalarIsJudgedAsFoundationJudgesIt() {
        var blanks = 0
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let spaced = "  " + text + "\t"
            for t in [text, spaced, "a" + text] {
                XCTAssertEqual(t.isAllWhitespace, t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                               "U+\(String(value, radix: 16)) in \(t.debugDescription)")
                XCTAssertEqual(t.isAllSpaces, t.trimmingCharacters(in: .whitespaces).isEmpty,
                               "U+\(String(value, radix: 16)) in \(t.debugDescription)")
            }
            if text.isAllWhitespace { blanks += 1 }
        }
        // Space separators, tab and line breaks: some twenty-five scalars, not one and not all.
        XCTAssertGreaterThan(blanks, 20)
        XCTAssertLessThan(blanks, 40)
    }

    func testGeneratedTextsAreJudgedAsFoundationJudgesThem() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{0085}", "\u{2028}", "\u{200B}",
                      "\u{FEFF}", "\u{301}", "a", "é", "", "\u{000B}", "\u{001F}"]
        var state: UInt64 = 0x5EED_2026
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<next(6) { text += pieces[next(pieces.count)] }
            XCTAssertEqual(text.isAllWhitespace, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.debugDescription)
            XCTAssertEqual(text.isAllSpaces, text.trimmingCharacters(in: .whitespaces).isEmpty, text.debugDescription)
        }
    }
}
