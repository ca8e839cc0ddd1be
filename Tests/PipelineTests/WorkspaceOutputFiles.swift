import Foundation
import OfficeFormats
import Pipeline

/// Every regular file of the workspace at `root` but the operator's log and the kept inbox
/// files' `lstat` records (`FinishedInboxFiles.isLstatRecord`), as sorted relative paths: what
/// two runs that must agree byte for byte are compared on.
func outputFiles(_ root: URL) throws -> [String] {
    let all = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
    return all.filter { path in
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
        return exists && !isDirectory.boolValue && !path.hasPrefix("reports/log/")
            && !FinishedInboxFiles.isLstatRecord(relativePath: path)
    }.sorted()
}

/// The sheet `name` of the workbook at `workbook` (a review workbook) as text rows, header
/// first (numbers as integers, other cells empty); nil when the workbook has no such sheet.
func sheetTextRows(_ workbook: URL, named name: String) throws -> [[String]]? {
    let book = try XLSXWorkbook(path: workbook.path)
    guard let index = book.sheetIndex(named: name) else { return nil }
    let reader = try book.rows(sheet: index)
    var out: [[String]] = []
    while let row = try reader.nextRow() {
        out.append(row.cells.map { cell -> String in
            switch cell {
            case .string(let s): return s
            case .number(let n): return String(Int(n))
            default: return ""
            }
        })
    }
    return out
}
