import Foundation
import OfficeFormats
import Rules
import TestSupport
import XCTest
@testable import Publish

final class DecreeLogoTests: XCTestCase {
    let clock = DecreeFixtures.clock

    func settings(logo: String?) -> DecreeSettings {
        var s = DecreeSettings.kabupatenSerang
        s.contact = LetterheadContact(address: "Jalan Veteran No. 1, Serang", telephone: "(0254) 200000", logo: logo)
        return s
    }

    func testLoadReportsMissingForeignAndOversizedFiles() throws {
        let rules = try Scratch.directory("logo-rules")
        try Data(TestImages.png(width: 60, height: 80)).write(to: rules.appendingPathComponent("logo.png"))
        try Data("bukan gambar".utf8).write(to: rules.appendingPathComponent("logo.txt"))
        try Data(repeating: 0, count: DecreeLogo.maxBytes + 1).write(to: rules.appendingPathComponent("besar.png"))

        let good = DecreeLogo.load(settings(logo: "logo.png"), rulesDirectory: rules)
        XCTAssertEqual(good.image?.pixelWidth, 60)
        XCTAssertNil(good.problem)
        let none = DecreeLogo.load(settings(logo: nil), rulesDirectory: rules)
        XCTAssertNil(none.image)
        XCTAssertNil(none.problem)
        for (name, words) in [("hilang.png", "tidak ditemukan"), ("logo.txt", "bukan gambar PNG atau JPEG"),
                              ("besar.png", "lebih dari batas 2 MB"), ("../logo.png", "di dalam folder rules/")] {
            let r = DecreeLogo.load(settings(logo: name), rulesDirectory: rules)
            XCTAssertNil(r.image, name)
            let problem = try XCTUnwrap(r.problem, name)
            XCTAssertTrue(problem.contains("contact.logo \"\(name)\"") && problem.contains(words), problem)
        }
    }

    /// Both decrees carry the logo above the kop and pass check-docx; without one, no picture.
    func testDecreesWithLogoPassCheckDocx() throws {
        let v = try DecreeFixtures.sampleVersion()
        let logo = try DOCXImage(data: TestImages.png(width: 60, height: 80))
        let s = settings(logo: "logo.png")
        let documents = [
            ("keputusan-dip.docx", try DecreeWriter.penetapanDIP(version: v, settings: s, citations: .builtIn, clock: clock, logo: logo)),
            ("keputusan-dik.docx", try DecreeWriter.klasifikasiDIK(version: v, settings: s, citations: .builtIn, clock: clock, logo: logo)),
        ]
        for (name, bytes) in documents {
            let parts = try docxParts(bytes)
            XCTAssertEqual(parts.filter { $0.name.hasPrefix("word/media/") }.map(\.name), ["word/media/image1.png"], name)
            let document = try XCTUnwrap(parts.first { $0.name == "word/document.xml" }).text
            // 2.5 cm wide, 60×80 pixels: 900000 × 1200000 EMU, before the first kop line.
            let picture = try XCTUnwrap(document.range(of: "<wp:extent cx=\"900000\" cy=\"1200000\"/>"), name)
            let kop = try XCTUnwrap(document.range(of: "PEMERINTAH KABUPATEN SERANG"), name)
            XCTAssertLessThan(picture.lowerBound, kop.lowerBound, name)
            let rels = try XCTUnwrap(parts.first { $0.name == "word/_rels/document.xml.rels" }).text
            XCTAssertTrue(rels.contains("Target=\"media/image1.png\""), rels)

            let url = try Checkers.temporaryFile(name, bytes)
            defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
            let r = try Checkers.run("check-docx", [url.path])
            XCTAssertEqual(r.status, 0, r.output)
            XCTAssertTrue(r.output.contains("OK"), r.output)
        }
        let without = try docxParts(try DecreeWriter.penetapanDIP(version: v, settings: s, citations: .builtIn, clock: clock))
        XCTAssertFalse(without.contains { $0.name.hasPrefix("word/media/") })
        XCTAssertFalse(try XCTUnwrap(without.first { $0.name == "word/document.xml" }).text.contains("<w:drawing>"))
    }
}
