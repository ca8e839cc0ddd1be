/// The merged ranges of every table of a document read in one pass (ODS `content.xml`, an
/// HTML page), counted per table: a table with more than `cap` is over the cap (refused when
/// its merges are asked for, naming it, as an XLSX sheet's pre-scan is), whatever the other
/// tables hold. Session 22 counted over the whole document, so a list with few merges after
/// a decoy table with many was refused under the list's name.
///
/// Memory stays bounded by `cap` ranges over the whole document (about 6 MB at 200,000): once
/// that many are kept, further ranges of tables under their own cap are not kept and the
/// table is `incomplete`; its owner scans the document again for that table alone when its
/// merges are asked for (`ODSWorkbook.sheetTail`, `HTMLWorkbook.sheetTail`).
struct TableMergeIndex {
    let cap: Int
    /// Ranges met per table (kept or not).
    private(set) var counts: [Int] = []
    /// Ranges kept per table (none for a table over the cap).
    private(set) var kept: [[MergedRange]] = []
    /// Tables some of whose ranges were not kept for want of room (read them again alone).
    private(set) var incomplete: [Bool] = []
    private var keptTotal = 0

    init(cap: Int) {
        self.cap = cap
    }

    /// Opens the next table (tables are numbered in document order from 0).
    mutating func addTable() {
        counts.append(0)
        kept.append([])
        incomplete.append(false)
    }

    mutating func add(_ range: MergedRange, table t: Int) {
        counts[t] += 1
        if counts[t] > cap {
            // Over its own cap: refused when read, so nothing of it need be kept.
            if !kept[t].isEmpty {
                keptTotal -= kept[t].count
                kept[t] = []
            }
            incomplete[t] = false
            return
        }
        if keptTotal < cap {
            kept[t].append(range)
            keptTotal += 1
        } else {
            incomplete[t] = true
        }
    }

    func isOverCap(_ t: Int) -> Bool { counts[t] > cap }
}
