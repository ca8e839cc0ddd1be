@testable import Register

/// The all-pairs matcher `ItemMatching.match` used before the indexed one (every open row
/// scored against every open candidate), kept verbatim as the reference the indexed matcher
/// must equal (IndexedMatchingTests).
enum ReferenceMatching {
    static let similarityThreshold = 0.85

    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let ta = Set(a.split(separator: " ")), tb = Set(b.split(separator: " "))
        let jaccard = Double(ta.intersection(tb).count) / Double(ta.union(tb).count)
        let ua = Array(a.unicodeScalars), ub = Array(b.unicodeScalars)
        let longest = max(ua.count, ub.count)
        let lengthBound = 1 - Double(abs(ua.count - ub.count)) / Double(longest)
        guard lengthBound >= similarityThreshold else { return jaccard }
        let ratio = 1 - Double(levenshtein(ua, ub)) / Double(longest)
        return max(jaccard, ratio)
    }

    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    static func match(newRows: [(kode: String?, key: String)], candidates: [ItemMatching.Candidate])
        -> [Int: String]
    {
        var result: [Int: String] = [:]
        var taken = Set<String>()
        var byKode: [String: [String]] = [:]
        for c in candidates {
            if let k = c.kode?.trimmingCharacters(in: .whitespaces), !k.isEmpty {
                byKode[k, default: []].append(c.itemID)
            }
        }
        for c in candidates { byKode[c.itemID, default: []].append(c.itemID) }
        for (i, row) in newRows.enumerated() {
            guard let k = row.kode?.trimmingCharacters(in: .whitespaces), !k.isEmpty,
                let id = byKode[k]?.first(where: { !taken.contains($0) })
            else { continue }
            result[i] = id
            taken.insert(id)
        }
        var byKey: [String: [String]] = [:]
        for c in candidates where !taken.contains(c.itemID) {
            byKey[c.key, default: []].append(c.itemID)
        }
        for (i, row) in newRows.enumerated() where result[i] == nil {
            guard let id = byKey[row.key]?.first(where: { !taken.contains($0) }) else { continue }
            result[i] = id
            taken.insert(id)
        }
        let openRows = newRows.indices.filter { result[$0] == nil }
        let openCandidates = candidates.filter { !taken.contains($0.itemID) }
        guard !openRows.isEmpty, !openCandidates.isEmpty else { return result }
        var pairs: [(score: Double, row: Int, id: String)] = []
        for i in openRows {
            for c in openCandidates {
                let s = similarity(newRows[i].key, c.key)
                if s >= similarityThreshold { pairs.append((s, i, c.itemID)) }
            }
        }
        pairs.sort { l, r in
            if l.score != r.score { return l.score > r.score }
            if l.row != r.row { return l.row < r.row }
            return l.id < r.id
        }
        for p in pairs where result[p.row] == nil && !taken.contains(p.id) {
            result[p.row] = p.id
            taken.insert(p.id)
        }
        return result
    }
}
