/// Row numbers written compactly with every row kept: "3, 5, 7–9, 12" (two neighbours as
/// "14, 15"). Feedback names every row a problem is on this way.
public enum RowList {
    public static func text(_ rows: [Int]) -> String {
        text(runs: runs(rows))
    }

    /// Distinct rows as sorted, disjoint runs of consecutive rows.
    public static func runs(_ rows: [Int]) -> [ClosedRange<Int>] {
        let sorted = Array(Set(rows)).sorted()
        var runs: [ClosedRange<Int>] = []
        for row in sorted {
            if let last = runs.last, row == last.upperBound + 1 {
                runs[runs.count - 1] = last.lowerBound...row
            } else {
                runs.append(row...row)
            }
        }
        return runs
    }

    /// Distinct numbers, ascending, joined the Indonesian way: "3", "3 dan 5", "1, 3 dan 5"
    /// (the rows a summary is on; a row's problem numbers).
    public static func andList(_ numbers: [Int]) -> String {
        joinedWithDan(Array(Set(numbers)).sorted().map(String.init))
    }

    /// Texts in the given order joined the Indonesian way: "a", "a dan b", "a, b dan c".
    public static func joinedWithDan(_ texts: [String]) -> String {
        guard texts.count > 1 else { return texts.joined() }
        return texts.dropLast().joined(separator: ", ") + " dan " + texts.last!
    }

    /// Sorted, disjoint runs of rows as text.
    public static func text(runs: [ClosedRange<Int>]) -> String {
        runs.map { run in
            run.count == 1 ? "\(run.lowerBound)"
                : run.count == 2 ? "\(run.lowerBound), \(run.upperBound)" : "\(run.lowerBound)–\(run.upperBound)"
        }.joined(separator: ", ")
    }
}
