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
