import Foundation

/// Visibility of a sheet tab (`<sheet state>`, 18.2.19).
public enum SheetState: String, Hashable, Sendable {
    case visible, hidden, veryHidden
}

/// What a workbook sheet entry is; only worksheets carry cells.
public enum SheetKind: String, Hashable, Sendable {
    case worksheet, chartsheet, dialogsheet, macrosheet, unknown
}

/// One sheet of a workbook as listed in workbook.xml (tab order, hidden sheets included).
public struct SheetInfo: Hashable, Sendable {
    public var name: String
    public var state: SheetState
    public var kind: SheetKind
    /// The resolved part name of the sheet XML, nil when its relationship is missing.
    public var partName: String?
    /// True for hidden and veryHidden sheets.
    public var isHidden: Bool { state != .visible }
}

/// An XLSX workbook opened for streaming. The package is navigated through relationships
/// (`_rels/.rels` → workbook → its rels), tolerating absolute/relative targets, backslashes and
/// odd case; shared strings and styles are loaded once, on the first `rows(sheet:)` call.
public final class XLSXWorkbook {
    /// The path the workbook was opened from.
    public let path: String
    /// Sheets in tab order.
    public let sheets: [SheetInfo]
    /// True for the 1904 date system (`workbookPr date1904="1"` or `"true"`).
    public let is1904: Bool
    /// The resolved workbook part name (e.g. `xl/workbook.xml`, `wtf/workbook.xml`).
    public let workbookPartName: String
    /// The caps used for every part.
    public let limits: XLSXLimits

    let archive: ZipArchive
    /// What reading this file may still expand into (every sheet shares it).
    public let budget: ExpansionBudget
    private let sharedStringsPart: String?
    private let stylesPart: String?
    private var loaded: (strings: [String], kinds: [NumberFormatKind])?

    /// Opens the workbook at `path`: sniffs the container, reads the package relationships,
    /// workbook.xml and the workbook's relationships. Throws `OfficeError` with the cause.
    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws {
        self.path = path
        self.limits = limits
        let (archive, budget) = try openSpreadsheetPackage(path: path, limits: limits)
        self.archive = archive
        self.budget = budget

        // 1. The workbook part, through the officeDocument relationship of the package.
        var workbookPart: String?
        if let rootRels = try archive.entry(named: "_rels/.rels") {
            let rels = try XLSXWorkbook.parseRels(archive, rootRels)
            if let rel = rels.first(where: { $0.typeName == "officeDocument" && !$0.isExternal }) {
                let resolved = try resolveTarget(rel.target, base: "")
                if try archive.entry(named: resolved) != nil { workbookPart = resolved }
            }
        }
        if workbookPart == nil {
            for candidate in ["xl/workbook.xml", "workbook.xml"] where try archive.entry(named: candidate) != nil {
                workbookPart = candidate
                break
            }
        }
        if workbookPart == nil, archive.partNames.contains(where: { $0.lowercased().hasSuffix("workbook.bin") }) {
            throw OfficeError.unsupportedFormat("binary workbook (.xlsb)")
        }
        guard let workbookPart else { throw OfficeError.notAWorkbook("no officeDocument relationship and no workbook.xml") }
        if workbookPart.lowercased().hasSuffix(".bin") { throw OfficeError.unsupportedFormat("binary workbook (.xlsb)") }
        self.workbookPartName = workbookPart

        // 2. The workbook's relationships, next to it.
        let folder = parentFolder(of: workbookPart)
        let fileName = String(workbookPart.split(separator: "/").last ?? "")
        var rels: [Relationship] = []
        if let relsEntry = try archive.entry(named: folder + "_rels/" + fileName + ".rels") {
            rels = try XLSXWorkbook.parseRels(archive, relsEntry)
        }

        // 3. workbook.xml.
        guard let workbookEntry = try archive.entry(named: workbookPart) else { throw OfficeError.missingPart(workbookPart) }
        let handler = WorkbookHandler()
        try XMLStreamParser(stream: try archive.openStream(workbookEntry), handler: handler).parseAll()
        // A docx or pptx also has an officeDocument relationship: never read it as zero sheets.
        guard handler.rootName == "workbook" else {
            throw OfficeError.notAWorkbook("officeDocument part \(workbookPart) is <\(handler.rootName ?? "")>, not <workbook>")
        }
        is1904 = handler.date1904

        var sheets: [SheetInfo] = []
        for (position, entry) in handler.sheets.enumerated() {
            let state: SheetState
            switch entry.state?.lowercased() {
            case "hidden": state = .hidden
            case "veryhidden": state = .veryHidden
            default: state = .visible
            }
            var kind = SheetKind.worksheet
            var part: String?
            if let rid = entry.relationshipId, let rel = rels.first(where: { $0.id == rid }), !rel.isExternal {
                part = try resolveTarget(rel.target, base: folder)
                switch rel.typeName.lowercased() {
                case "worksheet": kind = .worksheet
                case "chartsheet": kind = .chartsheet
                case "dialogsheet": kind = .dialogsheet
                case "xlmacrosheet", "macrosheet", "xlintlmacrosheet": kind = .macrosheet
                default: kind = .unknown
                }
            } else {
                // No relationship: fall back to the conventional name for this position.
                part = folder + "worksheets/sheet\(position + 1).xml"
            }
            sheets.append(SheetInfo(name: entry.name, state: state, kind: kind, partName: part))
        }
        self.sheets = sheets

        func partFor(_ type: String, fallback: String) throws -> String? {
            if let rel = rels.first(where: { $0.typeName == type && !$0.isExternal }) {
                return try resolveTarget(rel.target, base: folder)
            }
            return try archive.entry(named: folder + fallback) != nil ? folder + fallback : nil
        }
        sharedStringsPart = try partFor("sharedStrings", fallback: "sharedStrings.xml")
        stylesPart = try partFor("styles", fallback: "styles.xml")
    }

    /// The index of the sheet called `name` (exact match first, then case-insensitive).
    public func sheetIndex(named name: String) -> Int? {
        Self.sheetIndex(named: name, in: sheets)
    }

    /// The one rule for finding a sheet by name in any workbook's sheet list (XLSX, ODS): the
    /// exact name first, then the same name in any case.
    public static func sheetIndex(named name: String, in sheets: [SheetInfo]) -> Int? {
        sheets.firstIndex { $0.name == name } ?? sheets.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// The shared-string table (loaded on first use).
    public func sharedStrings() throws -> [String] { try load().strings }

    /// A streaming reader over the rows of sheet `index` (0-based, tab order). Chartsheets and
    /// sheets whose part is missing yield no rows.
    public func rows(sheet index: Int) throws -> XLSXSheetReader {
        guard sheets.indices.contains(index) else { throw OfficeError.noSuchSheet(index) }
        let info = sheets[index]
        let context = try load()
        guard info.kind == .worksheet || info.kind == .macrosheet || info.kind == .dialogsheet,
              let part = info.partName, let entry = try lookup(part) else {
            if info.kind == .worksheet, let part = info.partName { throw OfficeError.missingPart(part) }
            return XLSXSheetReader(empty: ())
        }
        return XLSXSheetReader(stream: try archive.openStream(entry), sharedStrings: context.strings,
                               styles: context.kinds, is1904: is1904, limits: limits,
                               budget: budget.meter(sheet: index, name: info.name))
    }

    /// The merged ranges of sheet `index`, known before its rows are read (XLSX stores them
    /// after the cells): a byte scan of the inflated part, not a second XML parse (see
    /// MergeScan.swift). Equal to the reader's `mergedRanges` once it has read the last row.
    public func mergedRanges(sheet index: Int) throws -> [MergedRange] {
        guard sheets.indices.contains(index) else { throw OfficeError.noSuchSheet(index) }
        let info = sheets[index]
        guard info.kind == .worksheet || info.kind == .macrosheet || info.kind == .dialogsheet,
              let part = info.partName, let entry = try lookup(part) else { return [] }
        // No prefetching thread here (unlike the row reader): the scan is bound by the inflate
        // itself, so handing chunks between threads cost 20 % more CPU for the same wall time.
        let open: () throws -> ByteChunkSource = { [archive] in
            try archive.openStream(entry)
        }
        return try scanMergedRanges(try open(), part: part, maxRanges: archive.limits.maxMergedRanges, reopen: open)
    }

    /// The merged ranges and the external hyperlinks of sheet `index`, known before its rows
    /// (one byte scan of the part, as `mergedRanges(sheet:)`). A hyperlink's target comes from
    /// the sheet's relationships (`TargetMode="External"`); in-workbook links (`location`) are
    /// left out. Targets are as written: untrusted, for the caller to check.
    public func sheetTail(sheet index: Int) throws -> (mergedRanges: [MergedRange], hyperlinks: [CellHyperlink]) {
        guard sheets.indices.contains(index) else { throw OfficeError.noSuchSheet(index) }
        let info = sheets[index]
        guard info.kind == .worksheet || info.kind == .macrosheet || info.kind == .dialogsheet,
              let part = info.partName, let entry = try lookup(part) else { return ([], []) }
        let open: () throws -> ByteChunkSource = { [archive] in
            try archive.openStream(entry)
        }
        let tail = try scanSheetTail(try open(), part: part, maxRanges: archive.limits.maxMergedRanges, reopen: open)
        guard tail.hyperlinks.contains(where: { $0.relationshipId != nil }) else { return (tail.ranges, []) }
        var targets: [String: String] = [:]
        if let relsEntry = try lookup(parentFolder(of: part) + "_rels/" + String(part.split(separator: "/").last ?? "") + ".rels") {
            for rel in try XLSXWorkbook.parseRels(archive, relsEntry) where rel.isExternal && rel.typeName == "hyperlink" {
                // libxml2 hands `&amp;` in an attribute over as `&#38;` (no entity substitution).
                targets[rel.id] = String(decoding: MergeCellScanner.decodeEntities(ArraySlice(rel.target.utf8)), as: UTF8.self)
            }
        }
        var links: [CellHyperlink] = []
        for h in tail.hyperlinks {
            guard let rid = h.relationshipId, let target = targets[rid] else { continue }
            // A range link marks each of its cells (bounded: a hostile range is cut short).
            outer: for row in h.range.firstRow...h.range.lastRow {
                for column in h.range.firstColumn...h.range.lastColumn {
                    if links.count >= MergeCellScanner.maxHyperlinks { break outer }
                    links.append(CellHyperlink(row: row, column: column, target: target))
                }
            }
        }
        return (tail.ranges, links)
    }

    private func load() throws -> (strings: [String], kinds: [NumberFormatKind]) {
        if let loaded { return loaded }
        var strings: [String] = []
        if let part = sharedStringsPart, let entry = try lookup(part) {
            let handler = SharedStringsHandler(limits: limits, byteLimit: budget.sharedStringLimit)
            try XMLStreamParser(stream: try archive.openStream(entry), handler: handler).parseAll()
            strings = handler.strings
        }
        var kinds: [NumberFormatKind] = []
        if let part = stylesPart, let entry = try lookup(part) {
            let handler = StylesHandler()
            try XMLStreamParser(stream: try archive.openStream(entry), handler: handler).parseAll()
            kinds = handler.xfKinds
        }
        loaded = (strings, kinds)
        return (strings, kinds)
    }

    /// Looks a part up; a percent-encoded target (`sheet%201.xml`) is retried decoded.
    private func lookup(_ part: String) throws -> ZipEntry? {
        if let e = try archive.entry(named: part) { return e }
        if let decoded = part.removingPercentEncoding, decoded != part { return try archive.entry(named: decoded) }
        return nil
    }

    private static func parseRels(_ archive: ZipArchive, _ entry: ZipEntry) throws -> [Relationship] {
        let handler = RelationshipsHandler()
        try XMLStreamParser(stream: try archive.openStream(entry), handler: handler).parseAll()
        return handler.relationships
    }
}

/// An external hyperlink on a cell (1-based row, 0-based column); the target as written.
public struct CellHyperlink: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var target: String

    public init(row: Int, column: Int, target: String) {
        self.row = row
        self.column = column
        self.target = target
    }
}

/// The folder of a part name, with a trailing slash ("" for a part at the root).
func parentFolder(of part: String) -> String {
    guard let slash = part.lastIndex(of: "/") else { return "" }
    return String(part[...slash])
}

/// Resolves a relationship target: `\` becomes `/`; an absolute target (`/xl/...`) starts at
/// the package root; a relative one is joined to `base`; `.` and `..` are folded. A target
/// that climbs above the root is refused.
func resolveTarget(_ target: String, base: String) throws -> String {
    let t = target.replacingOccurrences(of: "\\", with: "/")
    let joined = t.hasPrefix("/") ? String(t.dropFirst()) : base + t
    var parts: [Substring] = []
    for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
        if segment == "." { continue }
        if segment == ".." {
            if parts.isEmpty { throw OfficeError.unsafePartName(target) }
            parts.removeLast()
            continue
        }
        parts.append(segment)
    }
    if parts.isEmpty { throw OfficeError.unsafePartName(target) }
    return parts.joined(separator: "/")
}
