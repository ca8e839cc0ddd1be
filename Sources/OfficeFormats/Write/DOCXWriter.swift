import Foundation

/// Errors a document model can have that Word would refuse or silently "repair".
public enum DOCXWriterError: Error, Equatable, CustomStringConvertible {
    /// A paragraph refers to a numbering id that is not defined.
    case undefinedNumbering(Int)
    /// A paragraph refers to a style id that is not defined.
    case undefinedStyle(String)
    /// A table has no columns, or a row has no cells.
    case emptyTableStructure(tableIndex: Int)
    /// A row's grid spans do not add up to the number of grid columns.
    case gridMismatch(tableIndex: Int, row: Int, spans: Int, columns: Int)
    /// A header row follows a normal row (Word ignores it; the model is wrong).
    case headerRowNotLeading(tableIndex: Int, row: Int)
    /// A row rendered on its own (`rowXML`) holds a picture, whose relationship belongs to
    /// the document.
    case pictureInRenderedRow

    public var description: String {
        switch self {
        case .undefinedNumbering(let id): return "numbering \(id) is not defined"
        case .undefinedStyle(let s): return "style \(s) is not defined"
        case .emptyTableStructure(let t): return "table \(t) has no columns or a row without cells"
        case .gridMismatch(let t, let r, let s, let c): return "table \(t) row \(r) spans \(s) of \(c) columns"
        case .headerRowNotLeading(let t, let r): return "table \(t) header row \(r) follows a body row"
        case .pictureInRenderedRow: return "a row rendered on its own holds a picture"
        }
    }
}

/// Serialises a `DOCXDocument` into a .docx package (outputs.md §1): parts in the order
/// content types, package rels, document, document rels, styles, settings, numbering, footer,
/// core and app properties; children of every property element in schema order.
public enum DOCXWriter {
    static let wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let rNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let mainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    static let builtInStyleIDs: Set<String> = ["Normal", "DefaultParagraphFont", "TableNormal", "TableGrid", "NoList"]

    /// The package bytes.
    public static func write(_ doc: DOCXDocument) throws -> [UInt8] {
        try package(doc, body: nil).package
    }

    /// The package, and whether it may be kept to lend its body to `write(_:bodyFrom:)`: not
    /// when the document holds pictures (their relationships and media parts come from the
    /// blocks).
    public static func writeForKeeping(_ doc: DOCXDocument) throws -> (package: [UInt8], keepable: Bool) {
        let written = try package(doc, body: nil)
        return (written.package, !written.pictures)
    }

    /// The package of `doc` with the body of `earlier`, a package `write` made from the same
    /// blocks (the caller keeps it under a key of everything the blocks come from), its
    /// compressed `word/document.xml` copied as it is; `doc`'s blocks are not read and may be
    /// empty. Every other part (styles, numbering, footer, properties with `doc.created`) is
    /// written from `doc` as `write` does, so the bytes are those `write` gives for the full
    /// document. Only for documents without pictures (`writeForKeeping` says).
    public static func write(_ doc: DOCXDocument, bodyFrom earlier: [UInt8]) throws -> [UInt8] {
        try package(doc, body: earlier).package
    }

    static func package(_ doc: DOCXDocument, body earlier: [UInt8]?)
        throws -> (package: [UInt8], body: XMLBytes?, pictures: Bool)
    {
        try validate(doc)
        var docRels = [
            OPCRelationship(id: "rId1", type: OPCPackage.relBase + "styles", target: "styles.xml"),
            OPCRelationship(id: "rId2", type: OPCPackage.relBase + "settings", target: "settings.xml"),
        ]
        if !doc.numberings.isEmpty {
            docRels.append(OPCRelationship(id: "rId3", type: OPCPackage.relBase + "numbering", target: "numbering.xml"))
        }
        let footerID = "rId4"
        if doc.pageNumbers {
            docRels.append(OPCRelationship(id: footerID, type: OPCPackage.relBase + "footer", target: "footer1.xml"))
        }
        let media = MediaParts()
        let documentXML = earlier == nil
            ? try documentXML(doc, footerID: doc.pageNumbers ? footerID : nil, media: media) : nil
        for (n, image) in media.images.enumerated() {
            docRels.append(OPCRelationship(id: MediaParts.relationshipID(n), type: OPCPackage.relBase + "image",
                                           target: "media/" + MediaParts.fileName(n, image)))
        }
        var parts: [OPCPart] = [
            OPCPart(name: "_rels/.rels", contentType: nil, data: try OPCPackage.relationships([
                OPCRelationship(id: "rId1", type: OPCPackage.officeDocumentRel, target: "word/document.xml"),
                OPCRelationship(id: "rId2", type: OPCPackage.corePropertiesRel, target: "docProps/core.xml"),
                OPCRelationship(id: "rId3", type: OPCPackage.extendedPropertiesRel, target: "docProps/app.xml"),
            ])),
            documentXML.map { OPCPart(name: "word/document.xml", contentType: mainType, xml: $0) }
                ?? OPCPart(name: "word/document.xml", contentType: mainType, copiedFrom: earlier!, entry: "word/document.xml"),
            OPCPart(name: "word/_rels/document.xml.rels", contentType: nil, data: try OPCPackage.relationships(docRels)),
            OPCPart(name: "word/styles.xml",
                    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
                    data: try stylesXML(doc)),
            OPCPart(name: "word/settings.xml",
                    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
                    data: try settingsXML()),
        ]
        if !doc.numberings.isEmpty {
            parts.append(OPCPart(name: "word/numbering.xml",
                                 contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
                                 data: try numberingXML(doc.numberings)))
        }
        if doc.pageNumbers {
            parts.append(OPCPart(name: "word/footer1.xml",
                                 contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
                                 data: try footerXML()))
        }
        for (n, image) in media.images.enumerated() {
            parts.append(OPCPart(name: "word/media/" + MediaParts.fileName(n, image), contentType: nil, data: image.data))
        }
        parts.append(OPCPart(name: "docProps/core.xml",
                             contentType: "application/vnd.openxmlformats-package.core-properties+xml",
                             data: try OPCPackage.coreProperties(title: doc.title, creator: doc.creator, created: doc.created)))
        parts.append(OPCPart(name: "docProps/app.xml",
                             contentType: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                             data: try OPCPackage.appProperties(application: "dip")))
        let formats = Set(media.images.map(\.format))
        let defaults = [DOCXImageFormat.jpeg, .png].filter(formats.contains).map { ($0.fileExtension, $0.contentType) }
        return (try OPCPackage.zip(parts: parts, modified: doc.created, defaults: defaults), documentXML,
                !media.images.isEmpty)
    }

    /// The pictures of a document in the order they are written: picture `n` (0-based) is
    /// `word/media/image<n+1>.<ext>`, related as `rIdImage<n+1>`, with `wp:docPr id` n+1.
    final class MediaParts {
        var images: [DOCXImage] = []

        static func relationshipID(_ n: Int) -> String { "rIdImage\(n + 1)" }
        static func fileName(_ n: Int, _ image: DOCXImage) -> String { "image\(n + 1).\(image.format.fileExtension)" }

        /// Records an image and returns its index.
        func add(_ image: DOCXImage) -> Int {
            images.append(image)
            return images.count - 1
        }
    }

    /// Writes the package to `url` through a temporary name.
    public static func write(_ doc: DOCXDocument, to url: URL) throws {
        try OPCPackage.writeAtomically(try write(doc), to: url)
    }

    // MARK: - Validation

    /// Checks what can be checked before writing; each table row is checked as it is
    /// written (`DocumentChecker.check(row:…)`), so a generated table is made only once.
    static func validate(_ doc: DOCXDocument) throws {
        let checker = DocumentChecker(doc)
        var tableIndex = 0
        for block in doc.blocks {
            switch block {
            case .paragraph(let p): try checker.check(p)
            case .sectionBreak: break
            case .table(let t):
                defer { tableIndex += 1 }
                if t.columnWidths.isEmpty { throw DOCXWriterError.emptyTableStructure(tableIndex: tableIndex) }
            }
        }
    }

    /// References a document's paragraphs may make (numberings, styles) and the shape rules
    /// of its tables.
    struct DocumentChecker {
        let numIDs: Set<Int>
        let styleIDs: Set<String>

        init(_ doc: DOCXDocument) {
            numIDs = Set(doc.numberings.map(\.id))
            styleIDs = builtInStyleIDs.union(doc.styles.map(\.id))
        }

        func check(_ p: DOCXParagraph) throws {
            if let n = p.numbering, !numIDs.contains(n.id) { throw DOCXWriterError.undefinedNumbering(n.id) }
            if let s = p.style, !styleIDs.contains(s) { throw DOCXWriterError.undefinedStyle(s) }
        }

        func check(row: DOCXRow, index r: Int, of t: DOCXTable, tableIndex: Int, seenBody: inout Bool) throws {
            if row.cells.isEmpty { throw DOCXWriterError.emptyTableStructure(tableIndex: tableIndex) }
            let spans = row.cells.reduce(0) { $0 + max($1.gridSpan, 1) }
            if spans != t.columnWidths.count {
                throw DOCXWriterError.gridMismatch(tableIndex: tableIndex, row: r, spans: spans, columns: t.columnWidths.count)
            }
            if row.isHeader && seenBody { throw DOCXWriterError.headerRowNotLeading(tableIndex: tableIndex, row: r) }
            if !row.isHeader { seenBody = true }
            for c in row.cells { for p in c.paragraphs { try check(p) } }
        }
    }

    // MARK: - document.xml

    static let wpNS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    static let aNS = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let picNS = "http://schemas.openxmlformats.org/drawingml/2006/picture"

    static func documentXML(_ doc: DOCXDocument, footerID: String?, media: MediaParts) throws -> XMLBytes {
        let x = try XMLWriter()
        x.start("w:document")
        x.attribute("xmlns:w", wNS)
        x.attribute("xmlns:r", rNS)
        x.attribute("xmlns:wp", wpNS)
        x.attribute("xmlns:a", aNS)
        x.attribute("xmlns:pic", picNS)
        x.start("w:body")
        var i = 0
        var tableIndex = 0
        let checker = DocumentChecker(doc)
        let blocks = doc.blocks
        while i < blocks.count {
            switch blocks[i] {
            case .paragraph(let p):
                // A paragraph directly before a section break carries that section's properties.
                if i + 1 < blocks.count, case .sectionBreak(let s) = blocks[i + 1] {
                    paragraph(x, p, section: s, footerID: footerID, media: media)
                    i += 2
                    continue
                }
                paragraph(x, p, section: nil, footerID: footerID, media: media)
            case .table(let t):
                try table(x, t, checker: checker, tableIndex: tableIndex, media: media)
                tableIndex += 1
            case .sectionBreak(let s):
                // After a table (or at the start) the section needs a paragraph of its own.
                paragraph(x, DOCXParagraph([], spaceBefore: 0, spaceAfter: 0), section: s, footerID: footerID, media: media)
            }
            i += 1
        }
        sectPr(x, doc.finalSection, footerID: footerID)
        x.end()
        x.end()
        return try x.finishBuffer()
    }

    static func paragraph(_ x: XMLWriter, _ p: DOCXParagraph, section: DOCXSection?, footerID: String?, media: MediaParts) {
        x.start("w:p")
        let hasPPr = p.style != nil || p.keepWithNext || p.keepLinesTogether || p.pageBreakBefore
            || p.numbering != nil || !p.tabStops.isEmpty || p.spaceBefore != nil || p.spaceAfter != nil
            || p.lineSpacing != nil || p.indentLeft != nil || p.indentRight != nil || p.indentHanging != nil
            || p.indentFirstLine != nil || p.alignment != nil || section != nil || p.bottomBorder
        if hasPPr {
            x.start("w:pPr")
            if let s = p.style { x.element("w:pStyle", [("w:val", s)]) }
            if p.keepWithNext { x.element("w:keepNext") }
            if p.keepLinesTogether { x.element("w:keepLines") }
            if p.pageBreakBefore { x.element("w:pageBreakBefore") }
            if let n = p.numbering {
                x.element("w:numPr") {
                    x.element("w:ilvl", [("w:val", String(n.level))])
                    x.element("w:numId", [("w:val", String(n.id))])
                }
            }
            if p.bottomBorder {
                x.element("w:pBdr") {
                    x.element("w:bottom", [("w:val", "thickThinSmallGap"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "000000")])
                }
            }
            if !p.tabStops.isEmpty {
                x.element("w:tabs") {
                    for t in p.tabStops.sorted() { x.element("w:tab", [("w:val", "left"), ("w:pos", String(t))]) }
                }
            }
            if p.spaceBefore != nil || p.spaceAfter != nil || p.lineSpacing != nil {
                var a: [(String, String)] = []
                if let v = p.spaceBefore { a.append(("w:before", String(v))) }
                if let v = p.spaceAfter { a.append(("w:after", String(v))) }
                if let v = p.lineSpacing { a.append(("w:line", String(v))); a.append(("w:lineRule", "auto")) }
                x.element("w:spacing", a)
            }
            if p.indentLeft != nil || p.indentRight != nil || p.indentHanging != nil || p.indentFirstLine != nil {
                var a: [(String, String)] = []
                if let v = p.indentLeft { a.append(("w:left", String(v))) }
                if let v = p.indentRight { a.append(("w:right", String(v))) }
                if let v = p.indentHanging { a.append(("w:hanging", String(v))) } else if let v = p.indentFirstLine {
                    a.append(("w:firstLine", String(v)))
                }
                x.element("w:ind", a)
            }
            if let j = p.alignment { x.element("w:jc", [("w:val", j.rawValue)]) }
            if let s = section { sectPr(x, s, footerID: footerID) }
            x.end()
        }
        if let picture = p.picture { drawing(x, picture, index: media.add(picture.image)) }
        for r in p.runs { run(x, r) }
        x.end()
    }

    /// A run holding an inline picture (`w:drawing/wp:inline`), children in schema order.
    static func drawing(_ x: XMLWriter, _ picture: DOCXPicture, index n: Int) {
        let (cx, cy) = picture.extent
        let name = MediaParts.fileName(n, picture.image)
        x.element("w:r") {
            x.element("w:drawing") {
                x.element("wp:inline", [("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0")]) {
                    x.element("wp:extent", [("cx", String(cx)), ("cy", String(cy))])
                    x.element("wp:effectExtent", [("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")])
                    x.element("wp:docPr", [("id", String(n + 1)), ("name", "Picture \(n + 1)"), ("descr", picture.description)])
                    x.element("wp:cNvGraphicFramePr") {
                        x.element("a:graphicFrameLocks", [("noChangeAspect", "1")])
                    }
                    x.element("a:graphic") {
                        x.element("a:graphicData", [("uri", picNS)]) {
                            x.element("pic:pic") {
                                x.element("pic:nvPicPr") {
                                    x.element("pic:cNvPr", [("id", "0"), ("name", name)])
                                    x.element("pic:cNvPicPr")
                                }
                                x.element("pic:blipFill") {
                                    x.element("a:blip", [("r:embed", MediaParts.relationshipID(n))])
                                    x.element("a:stretch") { x.element("a:fillRect") }
                                }
                                x.element("pic:spPr") {
                                    x.element("a:xfrm") {
                                        x.element("a:off", [("x", "0"), ("y", "0")])
                                        x.element("a:ext", [("cx", String(cx)), ("cy", String(cy))])
                                    }
                                    x.element("a:prstGeom", [("prst", "rect")]) { x.element("a:avLst") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func run(_ x: XMLWriter, _ r: DOCXRun) {
        x.start("w:r")
        if r.bold || r.italic || r.underline || r.allCaps || r.size != nil || r.font != nil {
            x.element("w:rPr") {
                if let f = r.font { x.element("w:rFonts", [("w:ascii", f), ("w:hAnsi", f), ("w:cs", f)]) }
                if r.bold { x.element("w:b"); x.element("w:bCs") }
                if r.italic { x.element("w:i"); x.element("w:iCs") }
                if r.allCaps { x.element("w:caps") }
                if let s = r.size {
                    let half = String(Int((s * 2).rounded()))
                    x.element("w:sz", [("w:val", half)])
                    x.element("w:szCs", [("w:val", half)])
                }
                if r.underline { x.element("w:u", [("w:val", "single")]) }
            }
        }
        // Split on TAB and newlines; each piece is a w:t, separators become w:tab / w:br.
        var piece = ""
        func flush() {
            guard !piece.isEmpty else { return }
            x.element("w:t", needsPreserve(piece) ? [("xml:space", "preserve")] : [], text: piece)
            piece = ""
        }
        // No TAB, CR or LF (nearly every run): the whole text is one piece. Copying it scalar
        // by scalar was a visible part of writing a regency's decree annexes.
        if !r.text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            piece = r.text
            flush()
            x.end()
            return
        }
        var previousCR = false
        for ch in r.text.unicodeScalars {
            switch ch {
            case "\t": flush(); x.element("w:tab"); previousCR = false
            case "\r": flush(); x.element("w:br"); previousCR = true
            case "\n": if !previousCR { flush(); x.element("w:br") }; previousCR = false
            default: piece.unicodeScalars.append(ch); previousCR = false
            }
        }
        flush()
        x.end()
    }

    /// Whether a w:t needs xml:space="preserve": it starts or ends with a space or holds two
    /// in a row. Text whose scalars are all below U+0300 is tested on its bytes (there every
    /// scalar is its own Character, so the byte tests agree with the Character ones); other
    /// text keeps the Character and substring tests (the Foundation search was per run).
    static func needsPreserve(_ piece: String) -> Bool {
        let u = piece.utf8
        if !u.contains(where: { $0 >= 0xCC }) {
            if u.first == 0x20 || u.last == 0x20 { return true }
            var previousSpace = false
            for b in u {
                if b == 0x20 && previousSpace { return true }
                previousSpace = b == 0x20
            }
            return false
        }
        return piece.first == " " || piece.last == " " || piece.contains("  ")
    }

    static func table(_ x: XMLWriter, _ t: DOCXTable, checker: DocumentChecker, tableIndex: Int, media: MediaParts) throws {
        x.start("w:tbl")
        x.element("w:tblPr") {
            x.element("w:tblW", [("w:w", String(t.width)), ("w:type", "dxa")])
            if let j = t.alignment { x.element("w:jc", [("w:val", j.rawValue)]) }
            if t.borders {
                x.element("w:tblBorders") {
                    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                        x.element("w:" + side, [("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")])
                    }
                }
            }
            x.element("w:tblLayout", [("w:type", "fixed")])
            x.element("w:tblCellMar") {
                x.element("w:left", [("w:w", "85"), ("w:type", "dxa")])
                x.element("w:right", [("w:w", "85"), ("w:type", "dxa")])
            }
            x.element("w:tblLook", [("w:val", "04A0"), ("w:firstRow", "1"), ("w:lastRow", "0"),
                                    ("w:firstColumn", "1"), ("w:lastColumn", "0"), ("w:noHBand", "0"), ("w:noVBand", "1")])
        }
        x.element("w:tblGrid") {
            for w in t.columnWidths { x.element("w:gridCol", [("w:w", String(w))]) }
        }
        var seenBody = false
        for r in 0..<t.rowCount {
            if let rendered = try t.renderedRow?(r) {
                x.raw(rendered)
                seenBody = true
                continue
            }
            let row = t.row(r)
            try checker.check(row: row, index: r, of: t, tableIndex: tableIndex, seenBody: &seenBody)
            tableRow(x, row, columnWidths: t.columnWidths, media: media)
        }
        x.end()
    }

    /// One `<w:tr>` exactly as `table` writes it inline, for a caller that keeps rendered
    /// rows (`DOCXTable.renderedRow`). The row's grid is checked here; its paragraphs may use
    /// no numbering or style (those are checked against the document) and no picture (whose
    /// relationship belongs to the document).
    public static func rowXML(_ row: DOCXRow, columnWidths: [Int]) throws -> [UInt8] {
        let spans = row.cells.reduce(0) { $0 + max($1.gridSpan, 1) }
        if row.cells.isEmpty || spans != columnWidths.count {
            throw DOCXWriterError.gridMismatch(tableIndex: -1, row: -1, spans: spans, columns: columnWidths.count)
        }
        for cell in row.cells {
            for p in cell.paragraphs {
                if let n = p.numbering { throw DOCXWriterError.undefinedNumbering(n.id) }
                if let style = p.style { throw DOCXWriterError.undefinedStyle(style) }
                if p.picture != nil { throw DOCXWriterError.pictureInRenderedRow }
            }
        }
        let x = try XMLWriter()
        tableRow(x, row, columnWidths: columnWidths, media: MediaParts())
        let bytes = try x.finish()
        // Without the declaration line libxml2 starts every document with, and its final LF.
        guard let newline = bytes.firstIndex(of: 0x0A) else { return bytes }
        let end = bytes.last == 0x0A ? bytes.count - 1 : bytes.count
        return Array(bytes[(newline + 1)..<end])
    }

    static func tableRow(_ x: XMLWriter, _ row: DOCXRow, columnWidths: [Int], media: MediaParts) {
        x.start("w:tr")
        if row.isHeader || row.cantSplit {
            x.element("w:trPr") {
                if row.cantSplit || row.isHeader { x.element("w:cantSplit") }
                if row.isHeader { x.element("w:tblHeader") }
            }
        }
        var col = 0
        for cell in row.cells {
            let span = max(cell.gridSpan, 1)
            let width = columnWidths[col..<min(col + span, columnWidths.count)].reduce(0, +)
            col += span
            x.start("w:tc")
            x.element("w:tcPr") {
                x.element("w:tcW", [("w:w", String(width)), ("w:type", "dxa")])
                if span > 1 { x.element("w:gridSpan", [("w:val", String(span))]) }
                switch cell.verticalMerge {
                case .none: break
                case .restart: x.element("w:vMerge", [("w:val", "restart")])
                case .continue: x.element("w:vMerge")
                }
                if cell.openSides {
                    x.element("w:tcBorders") {
                        let sides = cell.openTop ? ["w:top", "w:left", "w:bottom", "w:right"] : ["w:left", "w:bottom", "w:right"]
                        for side in sides { x.element(side, [("w:val", "nil")]) }
                    }
                }
                if let fill = cell.shading { x.element("w:shd", [("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)]) }
                if let v = cell.verticalAlignment { x.element("w:vAlign", [("w:val", v.rawValue)]) }
            }
            let paragraphs = cell.paragraphs.isEmpty ? [DOCXParagraph()] : cell.paragraphs
            for p in paragraphs { paragraph(x, p, section: nil, footerID: nil, media: media) }
            x.end()
        }
        x.end()
    }

    static func sectPr(_ x: XMLWriter, _ s: DOCXSection, footerID: String?) {
        x.element("w:sectPr") {
            if let f = footerID { x.element("w:footerReference", [("w:type", "default"), ("r:id", f)]) }
            x.element("w:type", [("w:val", "nextPage")])
            var size = [("w:w", String(s.pageWidth)), ("w:h", String(s.pageHeight))]
            if s.orientation == .landscape { size.append(("w:orient", "landscape")) }
            x.element("w:pgSz", size)
            x.element("w:pgMar", [
                ("w:top", String(s.marginTop)), ("w:right", String(s.marginRight)),
                ("w:bottom", String(s.marginBottom)), ("w:left", String(s.marginLeft)),
                ("w:header", String(s.headerDistance)), ("w:footer", String(s.footerDistance)), ("w:gutter", "0"),
            ])
            if let start = s.pageNumberStart { x.element("w:pgNumType", [("w:start", String(start))]) }
            x.element("w:cols", [("w:space", "708")])
            x.element("w:docGrid", [("w:linePitch", "360")])
        }
    }

    // MARK: - Other parts

    static func stylesXML(_ doc: DOCXDocument) throws -> [UInt8] {
        let x = try XMLWriter()
        let half = String(Int((doc.defaultSize * 2).rounded()))
        x.element("w:styles", [("xmlns:w", wNS)]) {
            x.element("w:docDefaults") {
                x.element("w:rPrDefault") {
                    x.element("w:rPr") {
                        let f = doc.defaultFont
                        x.element("w:rFonts", [("w:ascii", f), ("w:eastAsia", f), ("w:hAnsi", f), ("w:cs", f)])
                        x.element("w:sz", [("w:val", half)])
                        x.element("w:szCs", [("w:val", half)])
                        x.element("w:lang", [("w:val", doc.language), ("w:eastAsia", doc.language), ("w:bidi", "ar-SA")])
                    }
                }
                x.element("w:pPrDefault") {
                    x.element("w:pPr") {
                        x.element("w:spacing", [("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")])
                    }
                }
            }
            x.element("w:style", [("w:type", "paragraph"), ("w:default", "1"), ("w:styleId", "Normal")]) {
                x.element("w:name", [("w:val", "Normal")])
                x.element("w:qFormat")
            }
            x.element("w:style", [("w:type", "character"), ("w:default", "1"), ("w:styleId", "DefaultParagraphFont")]) {
                x.element("w:name", [("w:val", "Default Paragraph Font")])
                x.element("w:uiPriority", [("w:val", "1")])
                x.element("w:semiHidden")
                x.element("w:unhideWhenUsed")
            }
            x.element("w:style", [("w:type", "table"), ("w:default", "1"), ("w:styleId", "TableNormal")]) {
                x.element("w:name", [("w:val", "Normal Table")])
                x.element("w:uiPriority", [("w:val", "99")])
                x.element("w:semiHidden")
                x.element("w:unhideWhenUsed")
                x.element("w:tblPr") {
                    x.element("w:tblInd", [("w:w", "0"), ("w:type", "dxa")])
                    x.element("w:tblCellMar") {
                        x.element("w:top", [("w:w", "0"), ("w:type", "dxa")])
                        x.element("w:left", [("w:w", "108"), ("w:type", "dxa")])
                        x.element("w:bottom", [("w:w", "0"), ("w:type", "dxa")])
                        x.element("w:right", [("w:w", "108"), ("w:type", "dxa")])
                    }
                }
            }
            x.element("w:style", [("w:type", "numbering"), ("w:default", "1"), ("w:styleId", "NoList")]) {
                x.element("w:name", [("w:val", "No List")])
                x.element("w:uiPriority", [("w:val", "99")])
                x.element("w:semiHidden")
                x.element("w:unhideWhenUsed")
            }
            for s in doc.styles where !builtInStyleIDs.contains(s.id) {
                x.element("w:style", [("w:type", "paragraph"), ("w:customStyle", "1"), ("w:styleId", s.id)]) {
                    x.element("w:name", [("w:val", s.name)])
                    x.element("w:basedOn", [("w:val", "Normal")])
                    x.element("w:next", [("w:val", "Normal")])
                    x.element("w:qFormat")
                    if s.keepWithNext || s.spaceBefore != nil || s.spaceAfter != nil || s.alignment != nil {
                        x.element("w:pPr") {
                            if s.keepWithNext { x.element("w:keepNext") }
                            if s.spaceBefore != nil || s.spaceAfter != nil {
                                var a: [(String, String)] = []
                                if let v = s.spaceBefore { a.append(("w:before", String(v))) }
                                if let v = s.spaceAfter { a.append(("w:after", String(v))) }
                                x.element("w:spacing", a)
                            }
                            if let j = s.alignment { x.element("w:jc", [("w:val", j.rawValue)]) }
                        }
                    }
                    if s.bold || s.size != nil {
                        x.element("w:rPr") {
                            if s.bold { x.element("w:b"); x.element("w:bCs") }
                            if let size = s.size {
                                let h = String(Int((size * 2).rounded()))
                                x.element("w:sz", [("w:val", h)])
                                x.element("w:szCs", [("w:val", h)])
                            }
                        }
                    }
                }
            }
        }
        return try x.finish()
    }

    static func settingsXML() throws -> [UInt8] {
        let x = try XMLWriter()
        x.element("w:settings", [("xmlns:w", wNS)]) {
            x.element("w:zoom", [("w:percent", "100")])
            x.element("w:defaultTabStop", [("w:val", "720")])
            x.element("w:characterSpacingControl", [("w:val", "doNotCompress")])
            x.element("w:compat") {
                x.element("w:compatSetting", [("w:name", "compatibilityMode"),
                                              ("w:uri", "http://schemas.microsoft.com/office/word"), ("w:val", "15")])
            }
        }
        return try x.finish()
    }

    static func numberingXML(_ numberings: [DOCXNumbering]) throws -> [UInt8] {
        let x = try XMLWriter()
        let sorted = numberings.sorted { $0.id < $1.id }
        x.element("w:numbering", [("xmlns:w", wNS)]) {
            // All abstractNum before all num (schema order).
            for (index, n) in sorted.enumerated() {
                x.element("w:abstractNum", [("w:abstractNumId", String(index))]) {
                    x.element("w:multiLevelType", [("w:val", n.levels.count > 1 ? "multilevel" : "singleLevel")])
                    for (level, l) in n.levels.enumerated() {
                        x.element("w:lvl", [("w:ilvl", String(level))]) {
                            x.element("w:start", [("w:val", String(l.start))])
                            x.element("w:numFmt", [("w:val", l.format.rawValue)])
                            x.element("w:lvlText", [("w:val", l.text)])
                            x.element("w:lvlJc", [("w:val", "left")])
                            x.element("w:pPr") {
                                x.element("w:ind", [("w:left", String(l.indentLeft)), ("w:hanging", String(l.hanging))])
                            }
                        }
                    }
                }
            }
            for (index, n) in sorted.enumerated() {
                x.element("w:num", [("w:numId", String(n.id))]) {
                    x.element("w:abstractNumId", [("w:val", String(index))])
                }
            }
        }
        return try x.finish()
    }

    static func footerXML() throws -> [UInt8] {
        let x = try XMLWriter()
        x.element("w:ftr", [("xmlns:w", wNS), ("xmlns:r", rNS)]) {
            x.element("w:p") {
                x.element("w:pPr") { x.element("w:jc", [("w:val", "center")]) }
                x.element("w:fldSimple", [("w:instr", " PAGE ")]) {
                    x.element("w:r") { x.element("w:t", text: "1") }
                }
            }
        }
        return try x.finish()
    }
}
