internal import CLibXML2
import Foundation

/// An element or attribute local name as libxml2 hands it over: a NUL-terminated UTF-8
/// pointer valid only during the callback. Compared by bytes so no String is made per node.
struct XMLName {
    let pointer: UnsafePointer<UInt8>

    /// True when the name equals `literal` (ASCII), byte for byte.
    @inline(__always)
    func `is`(_ literal: StaticString) -> Bool {
        let l = literal.utf8Start
        let n = literal.utf8CodeUnitCount
        var i = 0
        while i < n {
            if pointer[i] != l[i] { return false }
            i += 1
        }
        return pointer[n] == 0
    }

    var string: String { String(cString: pointer) }
}

/// The attributes of a SAX2 start tag: libxml2's array of five pointers per attribute
/// (localname, prefix, URI, value start, value end). Matched by local name only, so any prefix
/// and both Transitional and Strict namespaces work.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    /// The raw bytes of the first attribute whose local name is `name`.
    @inline(__always)
    func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        var i = 0
        while i < count {
            if let local = base[5 * i], XMLName(pointer: local).is(name),
               let start = base[5 * i + 3], let end = base[5 * i + 4] {
                return UnsafeBufferPointer(start: start, count: end - start)
            }
            i += 1
        }
        return nil
    }

    func string(_ name: StaticString) -> String? {
        value(name).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Base class of the per-part SAX handlers. Subclasses override the three event methods;
/// `fail` records the first error and stops libxml2 at once.
class XMLHandler {
    private(set) var failure: OfficeError?
    /// Set with `failure`; a plain flag is cheaper to test on every SAX event.
    final private(set) var stopped = false
    fileprivate var context: xmlParserCtxtPtr?
    /// Name of the part being parsed, for error messages.
    var part: String = ""

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {}
    func endElement(_ name: XMLName) {}
    func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {}

    final func fail(_ error: OfficeError) {
        if failure == nil { failure = error }
        stopped = true
        if let context { xmlStopParser(context) }
    }
}

/// libxml2's one-time set-up, done before any of its use in this process (a Swift global
/// is initialised once, the other threads waiting for it): the parsers and `XMLWriter` both
/// pass here first. libxml2 2.9.14's writer never calls `xmlInitParser` itself, and its first
/// encoding lookup (`xmlTextWriterStartDocument` → `xmlFindCharEncodingHandler`) fills the
/// encoding table without a lock; with a second thread (`RunOptions.threads`) a feedback
/// workbook could be started while the next inbox file's parser ran `xmlInitParser`, or a
/// decree beside the review pack, each thread filling or reading the half-filled table
/// (docs/office-writers.md, "Threads").
let libxmlInitialised: Void = { xmlInitParser() }()

@inline(__always)
private func handler(_ ctx: UnsafeMutableRawPointer?) -> XMLHandler {
    Unmanaged<XMLHandler>.fromOpaque(ctx!).takeUnretainedValue()
}

/// Calls `body` with the handler without retaining it: the parser holds the handler for the
/// whole parse, and a retain/release pair per SAX event (tens of millions on a big sheet)
/// was a sixth of the reader's time.
@inline(__always)
private func withHandler(_ ctx: UnsafeMutableRawPointer?, _ body: (XMLHandler) -> Void) {
    Unmanaged<XMLHandler>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { h in
        if !h.stopped { body(h) }
    }
}

private let saxStart: startElementNsSAX2Func = { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
    withHandler(ctx) { h in
        h.startElement(XMLName(pointer: localname!), XMLAttributes(base: attributes, count: Int(nbAttributes)))
    }
}

private let saxEnd: endElementNsSAX2Func = { ctx, localname, _, _ in
    withHandler(ctx) { h in h.endElement(XMLName(pointer: localname!)) }
}

private let saxCharacters: charactersSAXFunc = { ctx, ch, len in
    withHandler(ctx) { h in h.characters(ch!, Int(len)) }
}

private let saxCDATA: cdataBlockSAXFunc = { ctx, ch, len in
    withHandler(ctx) { h in h.characters(ch!, Int(len)) }
}

/// Any DOCTYPE is refused: no OOXML part has one, and it is how entity bombs and XXE arrive.
private let saxInternalSubset: internalSubsetSAXFunc = { ctx, _, _, _ in
    let h = handler(ctx)
    h.fail(.doctypeRefused(part: h.part))
}

private let saxEntityDecl: entityDeclSAXFunc = { ctx, _, _, _, _, _ in
    let h = handler(ctx)
    h.fail(.doctypeRefused(part: h.part))
}

/// Undefined entities are never resolved (no DTD is ever loaded).
private let saxGetEntity: getEntitySAXFunc = { _, _ in nil }

private let saxError: xmlStructuredErrorFunc = { ctx, error in
    guard let ctx, let error else { return }
    let h = handler(ctx)
    let e = error.pointee
    if e.level.rawValue < XML_ERR_ERROR.rawValue || h.failure != nil { return }
    let message = e.message.map { String(cString: $0) }?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "code \(e.code)"
    h.fail(.xmlError(part: h.part, line: Int(e.line), message: message))
}

/// A libxml2 SAX2 push parser fed from a zip entry stream in 256 KB chunks (libxml2 2.9.14
/// rejects chunks over 10 MB; fewer, larger chunks mean fewer hand-overs from the inflate
/// thread). Options: no network, no entity substitution, no DTD loading,
/// no recovery, no XML_PARSE_HUGE; DOCTYPEs are refused outright.
final class XMLStreamParser {
    let handler: XMLHandler
    private let stream: ByteChunkSource
    private var context: xmlParserCtxtPtr?
    private var buffer: UnsafeMutableRawBufferPointer
    private var sax = xmlSAXHandler()
    private(set) var isFinished = false

    static let chunkSize = 262_144

    init(stream: ByteChunkSource, handler: XMLHandler) {
        _ = libxmlInitialised
        self.stream = stream
        self.handler = handler
        handler.part = stream.entry.name
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: XMLStreamParser.chunkSize, alignment: 16)
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = saxStart
        sax.endElementNs = saxEnd
        sax.characters = saxCharacters
        sax.ignorableWhitespace = saxCharacters
        sax.cdataBlock = saxCDATA
        sax.internalSubset = saxInternalSubset
        sax.entityDecl = saxEntityDecl
        sax.getEntity = saxGetEntity
        sax.serror = saxError
    }

    deinit {
        stream.cancel()
        if let context { xmlFreeParserCtxt(context) }
        buffer.deallocate()
    }

    /// Feeds one chunk (creating the parser on the first call). Returns false once the whole
    /// part has been parsed. Throws the first error the parser or the handler met.
    func step() throws -> Bool {
        if isFinished { return false }
        let n = try stream.read(into: buffer)
        if context == nil {
            let userData = Unmanaged.passUnretained(handler).toOpaque()
            let head = min(n, 4) // enough for libxml2 to detect the encoding
            context = withUnsafeMutablePointer(to: &sax) { saxPtr in
                xmlCreatePushParserCtxt(saxPtr, userData,
                                        buffer.baseAddress!.assumingMemoryBound(to: CChar.self),
                                        Int32(head), nil)
            }
            guard let context else {
                throw OfficeError.xmlError(part: handler.part, line: 0, message: "cannot create XML parser")
            }
            handler.context = context
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
            if n > head {
                let rc = xmlParseChunk(context, buffer.baseAddress!.advanced(by: head)
                    .assumingMemoryBound(to: CChar.self), Int32(n - head), 0)
                try check(rc)
            }
            if n == 0 { return try finish() }
            return true
        }
        if n == 0 { return try finish() }
        let rc = xmlParseChunk(context, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(n), 0)
        try check(rc)
        return true
    }

    /// Parses the rest of the part.
    func parseAll() throws {
        while try step() {}
    }

    private func finish() throws -> Bool {
        isFinished = true
        let rc = xmlParseChunk(context, nil, 0, 1)
        try check(rc)
        return false
    }

    private func check(_ rc: Int32) throws {
        if let failure = handler.failure { isFinished = true; throw failure }
        if rc != 0 {
            isFinished = true
            var line = 0
            var message = "XML error \(rc)"
            if let err = xmlCtxtGetLastError(context) {
                line = Int(err.pointee.line)
                if let m = err.pointee.message {
                    message = String(cString: m).trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            throw OfficeError.xmlError(part: handler.part, line: line, message: message)
        }
    }
}

/// Reusable byte accumulator for text content, capped so one hostile text node cannot
/// exhaust memory.
struct TextBuffer {
    var bytes: [UInt8] = []
    var limit: Int

    init(limit: Int) {
        self.limit = limit
        bytes.reserveCapacity(256)
    }

    /// Appends; returns false when the cap would be exceeded.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if bytes.count + n > limit { return false }
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        return true
    }

    @inline(__always)
    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
