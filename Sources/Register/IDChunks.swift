/// Calls `body` with `ids` in consecutive chunks of at most `size`, each with its SQL
/// placeholder list (`?,?,…`): chunked because SQLite limits the bound parameters of a statement.
func forEachChunk(of ids: [String], size: Int = 500,
                  _ body: (_ chunk: [String], _ marks: String) throws -> Void) rethrows {
    var start = 0
    while start < ids.count {
        let chunk = Array(ids[start..<min(start + size, ids.count)])
        start += chunk.count
        try body(chunk, Array(repeating: "?", count: chunk.count).joined(separator: ","))
    }
}
