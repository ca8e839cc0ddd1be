/// The similar-summary pass of `ItemMatching.match` without comparing every pair: every
/// (row, candidate) pair whose `ItemMatching.similarity` reaches the threshold, found through
/// indexes built once per call, with the same scores `similarity` gives.
///
/// A pair reaches the threshold through one of two routes, and each has an index that cannot
/// miss it (prefix filtering: of two sets that must share at least α elements, the parts left
/// after dropping α − 1 elements of each share one, whatever the order, as long as both use
/// the same order; taking the rarest elements first keeps the index lists short):
/// - token Jaccard ≥ t: the sets share at least ⌈t·|x|⌉ tokens, so the |x| − ⌊t·|x|⌋ + 1
///   rarest tokens of each key are enough;
/// - Levenshtein ratio ≥ t (lengths within the bound): a distance d ≤ (1 − t)·longest
///   destroys at most 2d of a key's bigrams (counted with their repeats), so the 2τ + 1
///   rarest bigrams of each, τ ≥ the largest distance any partner could have, are enough.
/// Keys with no token or fewer than two characters are compared with everything (rare).
/// Each candidate found is then scored exactly: token sets as sorted ids, the distance in a
/// band of the largest passing distance, with an early exit.
enum SimilarKeys {
    /// One key, tokenised once.
    struct Prepared {
        var key: String
        var scalars: [UInt32]
        /// Distinct token ids, ascending.
        var tokens: [Int32]
        /// Index lookups: the rarest tokens and bigrams (see the type's comment).
        var tokenPrefix: [Int32] = []
        var gramPrefix: [UInt64] = []
        /// Compared with every key of the other side.
        var loose: Bool { tokens.isEmpty || scalars.count < 2 }
    }

    /// - Returns: every pair at or above `threshold`, with its score, rows ascending and
    ///   candidates ascending within a row.
    static func pairs(rows: [String], candidates: [String], threshold: Double)
        -> [(row: Int, candidate: Int, score: Double)]
    {
        var prepared = prepare(rows + candidates, threshold: threshold)
        let candidateKeys = Array(prepared[rows.count...])
        prepared.removeLast(candidates.count)
        let rowKeys = prepared

        var tokenIndex: [Int32: [Int32]] = [:]
        var gramIndex: [UInt64: [Int32]] = [:]
        var looseCandidates: [Int32] = []
        for (c, key) in candidateKeys.enumerated() {
            if key.loose { looseCandidates.append(Int32(c)); continue }
            for t in key.tokenPrefix { tokenIndex[t, default: []].append(Int32(c)) }
            for g in key.gramPrefix { gramIndex[g, default: []].append(Int32(c)) }
        }

        var found: [(row: Int, candidate: Int, score: Double)] = []
        var stamp = [Int](repeating: -1, count: candidateKeys.count)
        var seen: [Int32] = []
        for (r, row) in rowKeys.enumerated() {
            seen.removeAll(keepingCapacity: true)
            func visit(_ c: Int32) {
                if stamp[Int(c)] != r { stamp[Int(c)] = r; seen.append(c) }
            }
            if row.loose {
                for c in candidateKeys.indices { visit(Int32(c)) }
            } else {
                for t in row.tokenPrefix { for c in tokenIndex[t] ?? [] { visit(c) } }
                for g in row.gramPrefix { for c in gramIndex[g] ?? [] { visit(c) } }
                for c in looseCandidates { visit(c) }
            }
            seen.sort()
            for c in seen {
                if let s = score(row, candidateKeys[Int(c)], threshold: threshold) {
                    found.append((r, Int(c), s))
                }
            }
        }
        return found
    }

    /// Tokens, scalars and index prefixes of every key, with one rarity order over all of them.
    static func prepare(_ keys: [String], threshold: Double) -> [Prepared] {
        var tokenIDs: [String: Int32] = [:]
        var tokenFrequency: [Int32] = []
        var gramFrequency: [UInt64: Int32] = [:]
        var prepared: [Prepared] = []
        var grams: [[UInt64]] = []
        prepared.reserveCapacity(keys.count)
        for key in keys {
            var ids = Set<Int32>()
            for token in key.split(separator: " ") {
                let text = String(token)
                if let id = tokenIDs[text] {
                    ids.insert(id)
                } else {
                    let id = Int32(tokenFrequency.count)
                    tokenIDs[text] = id
                    tokenFrequency.append(0)
                    ids.insert(id)
                }
            }
            for id in ids { tokenFrequency[Int(id)] += 1 }
            let scalars = key.unicodeScalars.map(\.value)
            // Bigrams tagged with their occurrence number, so repeats count as a multiset.
            var keyGrams: [UInt64] = []
            if scalars.count >= 2 {
                keyGrams.reserveCapacity(scalars.count - 1)
                var occurrences: [UInt64: UInt64] = [:]
                for i in 0..<(scalars.count - 1) {
                    let gram = UInt64(scalars[i]) << 21 | UInt64(scalars[i + 1])
                    let n = occurrences[gram, default: 0]
                    occurrences[gram] = n + 1
                    let tagged = n << 42 | gram
                    keyGrams.append(tagged)
                    gramFrequency[tagged, default: 0] += 1
                }
            }
            grams.append(keyGrams)
            prepared.append(Prepared(key: key, scalars: scalars, tokens: ids.sorted()))
        }
        for i in prepared.indices where !prepared[i].loose {
            let tokens = prepared[i].tokens.sorted {
                let fl = tokenFrequency[Int($0)], fr = tokenFrequency[Int($1)]
                return fl != fr ? fl < fr : $0 < $1
            }
            let size = tokens.count
            let tokenPrefix = size - Int((threshold * Double(size)).rounded(.down)) + 1
            prepared[i].tokenPrefix = Array(tokens.prefix(max(1, tokenPrefix)))

            let keyGrams = grams[i].sorted {
                let fl = gramFrequency[$0]!, fr = gramFrequency[$1]!
                return fl != fr ? fl < fr : $0 < $1
            }
            let n = prepared[i].scalars.count
            // The largest distance any partner within the length bound could have, rounded up.
            let tau = Int((1 - threshold) * Double(n) / threshold) + 1
            prepared[i].gramPrefix = Array(keyGrams.prefix(2 * tau + 1))
        }
        return prepared
    }

    /// `ItemMatching.similarity(a.key, b.key)` when it reaches `threshold`, else nil; the same
    /// arithmetic, so the same Double.
    static func score(_ a: Prepared, _ b: Prepared, threshold: Double) -> Double? {
        if a.key == b.key { return 1 >= threshold ? 1 : nil }
        if a.key.isEmpty || b.key.isEmpty { return 0 >= threshold ? 0 : nil }
        var shared = 0
        var i = 0, j = 0
        while i < a.tokens.count && j < b.tokens.count {
            if a.tokens[i] == b.tokens[j] {
                shared += 1; i += 1; j += 1
            } else if a.tokens[i] < b.tokens[j] {
                i += 1
            } else {
                j += 1
            }
        }
        let jaccard = Double(shared) / Double(a.tokens.count + b.tokens.count - shared)
        let longest = max(a.scalars.count, b.scalars.count)
        let lengthBound = 1 - Double(abs(a.scalars.count - b.scalars.count)) / Double(longest)
        var best = jaccard
        if lengthBound >= threshold {
            // Any distance above the limit gives a ratio below the threshold: the band stops there.
            let limit = Int((1 - threshold) * Double(longest)) + 1
            if let distance = boundedLevenshtein(a.scalars, b.scalars, limit: limit) {
                best = max(jaccard, 1 - Double(distance) / Double(longest))
            }
        }
        return best >= threshold ? best : nil
    }

    /// The edit distance when it is at most `limit` (Ukkonen's band), else nil, stopping as
    /// soon as a whole row of the band exceeds the limit.
    static func boundedLevenshtein(_ a: [UInt32], _ b: [UInt32], limit k: Int) -> Int? {
        let n = a.count, m = b.count
        if abs(n - m) > k { return nil }
        if n == 0 { return m }
        if m == 0 { return n }
        let big = k + 1
        var previous = [Int](repeating: big, count: m + 1)
        var current = [Int](repeating: big, count: m + 1)
        for j in 0...min(m, k) { previous[j] = j }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for i in 1...n {
                    let lo = max(1, i - k), hi = min(m, i + k)
                    current[lo - 1] = lo == 1 && i <= k ? i : big
                    var rowMin = current[lo - 1]
                    let ai = a[i - 1]
                    for j in lo...hi {
                        let substitution = previous[j - 1] + (ai == b[j - 1] ? 0 : 1)
                        let value = min(substitution, previous[j] + 1, current[j - 1] + 1, big)
                        current[j] = value
                        if value < rowMin { rowMin = value }
                    }
                    if hi < m { current[hi + 1] = big }
                    if rowMin > k { return nil }
                    swap(&previous, &current)
                }
                return previous[m] <= k ? previous[m] : nil
            }
        }
    }
}
