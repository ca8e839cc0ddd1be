/// Anything that yields the rows of one table, one at a time (an XLSX sheet, a CSV file).
/// Readers stream: memory does not grow with the number of rows.
public protocol RowSource {
    /// The next row, or nil at the end.
    mutating func nextRow() throws -> SheetRow?
    /// Merged ranges of the sheet. For XLSX they are stored after the cells, so this is
    /// complete only once `nextRow()` has returned nil.
    var mergedRanges: [MergedRange] { get }
}
