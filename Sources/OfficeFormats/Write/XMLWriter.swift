internal import CLibXML2
import Foundation

/// Errors from serialising XML.
public enum XMLWriterError: Error, Equatable, CustomStringConvertible {
    /// libxml2 could not allocate its writer or buffer.
    case cannotCreate
    /// A libxml2 call failed (e.g. `end()` without an open element); names the operation.
    case writeFailed(String)
    /// `finish()` was called with elements still open.
    case unclosedElements([String])

    public var description: String {
        switch self {
        case .cannotCreate: return "cannot create the XML writer"
        case .writeFailed(let op): return "XML write failed: \(op)"
        case .unclosedElements(let names): return "unclosed XML elements: \(names.joined(separator: ", "))"
        }
    }
}

/// A typed wrapper over libxml2's `xmlTextWriter` writing UTF-8 into an `XMLSpool` (memory
/// for a small part, an unlinked temporary file once it grows past the spool's limit).
///
/// Names are written as given (`"w:p"`); namespaces are declared explicitly with
/// `attribute("xmlns:w", …)`, which keeps the output exactly what OOXML consumers expect.
/// Text and attribute values are escaped by libxml2; characters XML 1.0 cannot carry
/// (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF) are dropped first. Calls never throw:
/// the first failure is remembered and reported by `finish()`, so building code stays linear.
public final class XMLWriter {
    private var spool: XMLSpool?
    private var writer: xmlTextWriterPtr?
    private var openElements: [String] = []
    private var firstError: XMLWriterError?

    /// Starts a document with `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`
    /// (the declaration Office writes; `standalone: false` omits the standalone attribute).
    public convenience init(standalone: Bool = true) throws {
        try self.init(standalone: standalone, spoolLimit: XMLSpool.defaultLimit)
    }

    /// `spoolLimit`: how many bytes stay in memory before the rest goes to a temporary file.
    init(standalone: Bool = true, spoolLimit: Int) throws {
        _ = libxmlInitialised
        // The same output path as libxml2's memory writer (an IO output buffer without an
        // encoder), only the bytes land in the spool: the serialisation is identical.
        let spool = XMLSpool(limit: spoolLimit)
        guard let out = spool.outputBuffer() else { throw XMLWriterError.cannotCreate }
        guard let w = xmlNewTextWriter(out) else {
            xmlOutputBufferClose(out)
            throw XMLWriterError.cannotCreate
        }
        self.spool = spool
        writer = w
        check(xmlTextWriterStartDocument(w, "1.0", "UTF-8", standalone ? "yes" : nil), "declaration")
    }

    deinit {
        if let w = writer { xmlFreeTextWriter(w) }
    }

    /// Opens an element.
    public func start(_ name: String) {
        guard let w = writer else { return }
        openElements.append(name)
        check(xmlTextWriterStartElement(w, name), "start \(name)")
    }

    /// Adds an attribute to the element just opened.
    public func attribute(_ name: String, _ value: String) {
        guard let w = writer else { return }
        check(xmlTextWriterWriteAttribute(w, name, XMLWriter.sanitize(value)), "attribute \(name)")
    }

    /// Adds an integer attribute.
    public func attribute(_ name: String, _ value: Int) { attribute(name, String(value)) }

    /// Writes escaped character data.
    public func text(_ value: String) {
        guard let w = writer else { return }
        let clean = XMLWriter.sanitize(value)
        if clean.isEmpty { return }
        check(xmlTextWriterWriteString(w, clean), "text")
    }

    /// Writes bytes that are already well-formed, escaped XML content of the element open
    /// now (libxml2 closes its start tag first). Only for content made by code that cannot
    /// produce markup characters by accident (see `XLSXWriter.RowXML`).
    func raw(_ bytes: [UInt8]) {
        guard let w = writer, !bytes.isEmpty else { return }
        let rc = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: xmlChar.self, capacity: b.count) {
                xmlTextWriterWriteRawLen(w, $0, Int32(b.count))
            }
        }
        check(rc, "raw")
    }

    /// Closes the innermost open element (self-closing when it had no content).
    public func end() {
        guard let w = writer else { return }
        guard let name = openElements.popLast() else {
            if firstError == nil { firstError = .writeFailed("end without an open element") }
            return
        }
        check(xmlTextWriterEndElement(w), "end \(name)")
    }

    /// Writes `<name a="…">text</name>` (or `<name a="…"/>` when `text` is nil or empty).
    public func element(_ name: String, _ attributes: [(String, String)] = [], text value: String? = nil) {
        start(name)
        for (k, v) in attributes { attribute(k, v) }
        if let value { text(value) }
        end()
    }

    /// Opens `name` with attributes, runs `body`, closes it.
    public func element(_ name: String, _ attributes: [(String, String)] = [], _ body: () -> Void) {
        start(name)
        for (k, v) in attributes { attribute(k, v) }
        body()
        end()
    }

    /// Ends the document and returns its UTF-8 bytes.
    public func finish() throws -> [UInt8] {
        try finishBuffer().bytes
    }

    /// Ends the document and hands over the spool itself, so a large part goes into a ZIP
    /// without being copied (a copy per step made the writers' peak memory thrice the XML),
    /// and read from its temporary file when it was spilled.
    func finishBuffer() throws -> XMLBytes {
        guard let w = writer, let spool else { throw XMLWriterError.writeFailed("finish twice") }
        if !openElements.isEmpty { throw XMLWriterError.unclosedElements(openElements) }
        check(xmlTextWriterEndDocument(w), "end document")
        xmlFreeTextWriter(w)  // flushes into the spool
        writer = nil
        if let failure = spool.failure { throw XMLWriterError.writeFailed(failure) }
        if let e = firstError { throw e }
        self.spool = nil
        return XMLBytes(spool: spool)
    }

    /// The operation's name is built only on failure: interpolating it for every element
    /// was a visible share of writing the large workbooks and decrees.
    private func check(_ rc: Int32, _ operation: @autoclosure () -> String) {
        if rc < 0 && firstError == nil { firstError = .writeFailed(operation()) }
    }

    /// Removes the characters XML 1.0 cannot represent (fast path when there are none).
    public static func sanitize(_ s: String) -> String {
        // Bytes first: a disallowed scalar is a C0 control other than TAB, LF, CR (one byte
        // below 0x20) or U+FFFE / U+FFFF (EF BF BE / EF BF BF); text with neither byte
        // pattern (0xEF opens the latter) is returned as is without decoding scalars.
        if !s.utf8.contains(where: { $0 < 0x20 ? ($0 != 0x09 && $0 != 0x0A && $0 != 0x0D) : $0 == 0xEF }) { return s }
        if !s.unicodeScalars.contains(where: { !isAllowed($0) }) { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.filter(isAllowed))
        return String(out)
    }

    /// XML 1.0 `Char` production (Swift strings hold no lone surrogates).
    public static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xFFFD: return true
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

/// The bytes of a finished XML document, owned: its spool, in memory or in an unlinked
/// temporary file, released with this object.
final class XMLBytes: @unchecked Sendable {
    let spool: XMLSpool

    init(spool: XMLSpool) { self.spool = spool }

    var count: Int { spool.count }

    /// Calls `body` with the bytes (valid only inside `body`; a spilled part is read back whole).
    func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try spool.withUnsafeBytes(body)
    }

    /// A copy as an array.
    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}
