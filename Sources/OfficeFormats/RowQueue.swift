/// Rows a push parser has produced that the caller has not taken yet.
///
/// The SAX readers (ODS, HTML) parse a chunk at a time and one chunk may finish several rows,
/// so the rows wait here. Once the queue is drained its storage is reused, so it holds at most
/// one chunk's rows however long the sheet is.
struct RowQueue {
    private var rows: [SheetRow] = []
    private var head = 0

    mutating func append(_ row: SheetRow) { rows.append(row) }

    /// The oldest waiting row, or nil when none waits.
    mutating func pop() -> SheetRow? {
        guard head < rows.count else { return nil }
        let row = rows[head]
        head += 1
        if head == rows.count {
            rows.removeAll(keepingCapacity: true)
            head = 0
        }
        return row
    }
}
