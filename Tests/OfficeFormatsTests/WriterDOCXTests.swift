import TestSupport
import XCTest
@testable import OfficeFormats

final class WriterDOCXTests: XCTestCase {
    let when = Date(timeIntervalSince1970: 1_767_225_600)

    func sampleDocument(rows: Int) -> DOCXDocument {
        let numbering = DOCXNumbering(id: 1, levels: [DOCXNumberingLevel(format: .lowerLetter, text: "%1.")])
        var blocks: [DOCXBlock] = [
            .paragraph(DOCXParagraph([DOCXRun("JUDUL & <UJI>", bold: true, size: 14)], style: "Judul", alignment: .center)),
            .paragraph(DOCXParagraph([DOCXRun("butir satu")], numbering: (1, 0))),
            .paragraph(DOCXParagraph([DOCXRun("butir dua\tdengan tab\nbaris baru  spasi ")], numbering: (1, 0))),
            .sectionBreak(DOCXSection(paperWidth: DOCXSection.f4Width, paperHeight: DOCXSection.f4Height)),
        ]
        let widths = [800, 6000, 3000, 3000, 4000]
        var tableRows = [DOCXRow(widths.indices.map { DOCXCell(text: "Kolom Kepala \($0 + 1)", bold: true, shading: "D9D9D9") },
                                 isHeader: true)]
        tableRows.append(DOCXRow([DOCXCell(text: "Bagian A", bold: true, gridSpan: 5)]))
        for i in 1...rows {
            tableRows.append(DOCXRow([
                DOCXCell(text: "\(i)"),
                DOCXCell(text: "Ringkasan informasi nomor \(i) yang cukup panjang agar baris membungkus"),
                DOCXCell(i % 2 == 1 ? [] : [DOCXParagraph(text: "unit")], verticalMerge: i % 2 == 1 ? .restart : .continue),
                DOCXCell(),
                DOCXCell(text: "5 tahun"),
            ], cantSplit: true))
        }
        blocks.append(.table(DOCXTable(columnWidths: widths, rows: tableRows)))
        blocks.append(.paragraph(DOCXParagraph(text: "Akhir.")))
        return DOCXDocument(
            blocks: blocks,
            finalSection: DOCXSection(paperWidth: DOCXSection.f4Width, paperHeight: DOCXSection.f4Height,
                                      orientation: .landscape, marginTop: 1134, marginRight: 850, marginBottom: 1134,
                                      marginLeft: 850),
            styles: [DOCXStyle(id: "Judul", name: "Judul Dokumen", bold: true, size: 14, alignment: .center)],
            numberings: [numbering], pageNumbers: true, title: "Uji", creator: "dip", created: when)
    }

    func testPartsOrderAndContentTypes() throws {
        let bytes = try DOCXWriter.write(sampleDocument(rows: 3))
        let entries = try readZipEntries(bytes)
        XCTAssertEqual(entries.map(\.name), [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
            "word/styles.xml", "word/settings.xml", "word/numbering.xml", "word/footer1.xml",
            "docProps/core.xml", "docProps/app.xml",
        ])
        let ct = String(decoding: entries[0].data, as: UTF8.self)
        for part in entries.map(\.name) where part.hasSuffix(".xml") && part != "[Content_Types].xml" {
            XCTAssertTrue(ct.contains("PartName=\"/\(part)\""), "content type for \(part)")
        }
        XCTAssertTrue(ct.contains("wordprocessingml.document.main+xml"))
        let doc = String(decoding: entries[2].data, as: UTF8.self)
        XCTAssertTrue(doc.contains("JUDUL &amp; &lt;UJI&gt;"))
        XCTAssertTrue(doc.contains("<w:t>butir dua</w:t><w:tab/><w:t>dengan tab</w:t><w:br/><w:t xml:space=\"preserve\">baris baru  spasi </w:t>"), doc)
        XCTAssertTrue(doc.contains("<w:pgSz w:w=\"12189\" w:h=\"18709\"/>"))
        XCTAssertTrue(doc.contains("<w:pgSz w:w=\"18709\" w:h=\"12189\" w:orient=\"landscape\"/>"))
        XCTAssertTrue(doc.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"))
        XCTAssertTrue(doc.hasSuffix("</w:sectPr></w:body></w:document>\n"), "final sectPr is the body's last child")
        // Every cell ends with a paragraph, even the empty ones.
        XCTAssertFalse(doc.contains("</w:tcPr></w:tc>"))
        XCTAssertTrue(String(decoding: entries[5].data, as: UTF8.self).contains("compatibilityMode"))
        let numbering = String(decoding: entries[6].data, as: UTF8.self)
        XCTAssertLessThan(numbering.range(of: "<w:abstractNum ")!.lowerBound, numbering.range(of: "<w:num ")!.lowerBound)
    }

    func testWriteToFileLeavesNoTemporary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("keputusan.docx")
        try DOCXWriter.write(sampleDocument(rows: 2), to: url)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["keputusan.docx"])
        XCTAssertEqual([UInt8](try Data(contentsOf: url)), try DOCXWriter.write(sampleDocument(rows: 2)))
    }

    func testDeterministic() throws {
        XCTAssertEqual(try DOCXWriter.write(sampleDocument(rows: 20)), try DOCXWriter.write(sampleDocument(rows: 20)))
    }

    func testRejectsBrokenModels() throws {
        var d = sampleDocument(rows: 1)
        d.numberings = []
        XCTAssertThrowsError(try DOCXWriter.write(d)) { XCTAssertEqual($0 as? DOCXWriterError, .undefinedNumbering(1)) }
        d = sampleDocument(rows: 1)
        d.styles = []
        XCTAssertThrowsError(try DOCXWriter.write(d)) { XCTAssertEqual($0 as? DOCXWriterError, .undefinedStyle("Judul")) }
        d = sampleDocument(rows: 1)
        d.blocks.append(.table(DOCXTable(columnWidths: [100, 100], rows: [DOCXRow([DOCXCell()])])))
        XCTAssertThrowsError(try DOCXWriter.write(d)) {
            XCTAssertEqual($0 as? DOCXWriterError, .gridMismatch(tableIndex: 1, row: 0, spans: 1, columns: 2))
        }
        d = sampleDocument(rows: 1)
        d.blocks.append(.table(DOCXTable(columnWidths: [100], rows: [DOCXRow([DOCXCell()]), DOCXRow([DOCXCell()], isHeader: true)])))
        XCTAssertThrowsError(try DOCXWriter.write(d)) {
            XCTAssertEqual($0 as? DOCXWriterError, .headerRowNotLeading(tableIndex: 1, row: 1))
        }
    }

    func testGeneratedTableWritesTheSameBytesAsHeldRowsAndIsCheckedRowByRow() throws {
        let held = sampleDocument(rows: 40)
        var generated = held
        for (i, block) in generated.blocks.enumerated() {
            guard case .table(let t) = block else { continue }
            let rows = t.rows
            generated.blocks[i] = .table(DOCXTable(columnWidths: t.columnWidths, rowCount: rows.count, row: { rows[$0] }))
        }
        XCTAssertEqual(try DOCXWriter.write(generated), try DOCXWriter.write(held))

        // A bad row deep in a generated table is still refused, with its index.
        var bad = sampleDocument(rows: 1)
        bad.blocks.append(.table(DOCXTable(columnWidths: [100, 100], rowCount: 500, row: { r in
            r == 321 ? DOCXRow([DOCXCell()]) : DOCXRow([DOCXCell(), DOCXCell()])
        })))
        XCTAssertThrowsError(try DOCXWriter.write(bad)) {
            XCTAssertEqual($0 as? DOCXWriterError, .gridMismatch(tableIndex: 1, row: 321, spans: 1, columns: 2))
        }
        bad.blocks[bad.blocks.count - 1] = .table(DOCXTable(columnWidths: [100], rowCount: 0, row: { _ in DOCXRow([]) }))
        XCTAssertNoThrow(try DOCXWriter.write(bad), "an empty generated table is written (as a grid with no rows)")
    }

    func testCheckDocxAcceptsLongLandscapeTableWithRepeatedHeader() throws {
        let url = try Checkers.temporaryFile("uji.docx", try DOCXWriter.write(sampleDocument(rows: 150)))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let r = try Checkers.run("check-docx", [url.path, "--text", "Kolom Kepala 2", "--text-min-pages", "3"])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("OK"), r.output)
        XCTAssertTrue(r.output.contains("landscape"), r.output)
    }
}

final class DOCXPictureTests: XCTestCase {
    let when = Date(timeIntervalSince1970: 1_767_225_600)

    func document(_ pictures: [DOCXPicture]) -> DOCXDocument {
        var blocks = pictures.map { DOCXBlock.paragraph(DOCXParagraph(alignment: .center, picture: $0)) }
        blocks.append(.paragraph(DOCXParagraph(text: "Teks di bawah gambar.")))
        return DOCXDocument(blocks: blocks, finalSection: DOCXSection(paperWidth: DOCXSection.a4Width, paperHeight: DOCXSection.a4Height),
                            created: when)
    }

    func testImageSizeFromPNGAndJPEGHeaders() throws {
        let png = try DOCXImage(data: TestImages.png(width: 40, height: 20))
        XCTAssertEqual([png.pixelWidth, png.pixelHeight], [40, 20])
        XCTAssertEqual(png.format, .png)
        let jpeg = try DOCXImage(data: TestImages.jpegHeader(width: 300, height: 450))
        XCTAssertEqual([jpeg.pixelWidth, jpeg.pixelHeight], [300, 450])
        XCTAssertEqual(jpeg.format, .jpeg)
        // 2.5 cm wide keeps the 2:1 ratio in EMU.
        let extent = DOCXPicture(image: png, widthCm: 2.5).extent
        XCTAssertEqual([extent.cx, extent.cy], [900_000, 450_000])
    }

    func testImageRefusesOtherAndMalformedData() {
        XCTAssertThrowsError(try DOCXImage(data: Array("GIF89a".utf8))) { XCTAssertEqual($0 as? DOCXImageError, .unsupportedFormat) }
        let png = TestImages.png(width: 4, height: 4)
        XCTAssertThrowsError(try DOCXImage(data: Array(png.prefix(20)))) {
            guard case .malformed = $0 as? DOCXImageError else { return XCTFail("\($0)") }
        }
        var zeroWidth = png
        zeroWidth.replaceSubrange(16..<20, with: [0, 0, 0, 0])
        XCTAssertThrowsError(try DOCXImage(data: zeroWidth)) {
            XCTAssertEqual($0 as? DOCXImageError, .badDimensions(width: 0, height: 4))
        }
        // A JPEG without a frame header, and one whose segment runs past the end.
        XCTAssertThrowsError(try DOCXImage(data: [0xFF, 0xD8, 0xFF, 0xD9])) {
            guard case .malformed = $0 as? DOCXImageError else { return XCTFail("\($0)") }
        }
        let jpeg = TestImages.jpegHeader(width: 10, height: 10)
        XCTAssertThrowsError(try DOCXImage(data: Array(jpeg.prefix(12)))) {
            guard case .malformed = $0 as? DOCXImageError else { return XCTFail("\($0)") }
        }
    }

    func testPicturePartsRelationshipsAndContentTypes() throws {
        let image = try DOCXImage(data: TestImages.png(width: 40, height: 20))
        let bytes = try DOCXWriter.write(document([DOCXPicture(image: image, widthCm: 2.5, description: "Logo"),
                                                   DOCXPicture(image: image, widthCm: 5)]))
        XCTAssertEqual(bytes, try DOCXWriter.write(document([DOCXPicture(image: image, widthCm: 2.5, description: "Logo"),
                                                             DOCXPicture(image: image, widthCm: 5)])), "deterministic")
        let url = try Checkers.temporaryFile("gambar.docx", bytes)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        func entry(_ name: String) throws -> [UInt8] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            p.arguments = ["-p", url.path, name]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return [UInt8](data)
        }
        XCTAssertEqual(try entry("word/media/image1.png"), image.data)
        XCTAssertEqual(try entry("word/media/image2.png"), image.data)
        let rels = String(decoding: try entry("word/_rels/document.xml.rels"), as: UTF8.self)
        XCTAssertTrue(rels.contains("Id=\"rIdImage1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\""), rels)
        // unzip reads "[" as a wildcard.
        let types = String(decoding: try entry("\\[Content_Types].xml"), as: UTF8.self)
        XCTAssertTrue(types.contains("<Default Extension=\"png\" ContentType=\"image/png\"/>"), types)
        let xml = String(decoding: try entry("word/document.xml"), as: UTF8.self)
        XCTAssertTrue(xml.contains("<wp:extent cx=\"900000\" cy=\"450000\"/>"), xml)
        XCTAssertTrue(xml.contains("<wp:docPr id=\"1\"") && xml.contains("<wp:docPr id=\"2\""), xml)
        XCTAssertTrue(xml.contains("r:embed=\"rIdImage2\""), xml)

        let r = try Checkers.run("check-docx", [url.path, "--text", "Teks di bawah gambar."])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("OK"), r.output)
    }

    func testDocumentWithoutPicturesHasNoMediaDefaults() throws {
        let bytes = try DOCXWriter.write(document([]))
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertFalse(text.contains("word/media/"))
    }
}
