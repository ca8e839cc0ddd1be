import DIPCore
import Foundation
import XCTest

@testable import Register

/// The indexed matcher (`ItemMatching.match` with `SimilarKeys`) must pair exactly as the
/// all-pairs matcher it replaced (`ReferenceMatching`, kept here verbatim): same pairs, same
/// scores, on near-duplicate lists like real ones (years bumped, words reordered, typos,
/// repeated titles, codes, empty summaries).
final class IndexedMatchingTests: XCTestCase {
    func testSimilarPairsEqualAllPairsOnNearDuplicateCorpora() {
        for seed in 1...16 {
            var rng = SplitMix(seed: UInt64(seed))
            let candidates = NearDuplicateCorpus.keys(count: 20 + Int(rng.next() % 100), rng: &rng)
            let rows = NearDuplicateCorpus.revise(candidates, rng: &rng)
            let threshold = ItemMatching.similarityThreshold
            var expected: [String] = []
            for (r, a) in rows.enumerated() {
                for (c, b) in candidates.enumerated() {
                    let s = ReferenceMatching.similarity(a, b)
                    if s >= threshold { expected.append("\(r) \(c) \(s)") }
                }
            }
            let got = SimilarKeys.pairs(rows: rows, candidates: candidates, threshold: threshold)
                .map { "\($0.row) \($0.candidate) \($0.score)" }
            XCTAssertEqual(got, expected, "seed \(seed)")
            // The corpus really has near pairs that are not equal (the index is exercised).
            if seed == 1 {
                XCTAssertGreaterThan(got.count, rows.count / 4)
            }
        }
    }

    func testMatchEqualsTheAllPairsMatcherOnGeneratedResubmissions() {
        var near = 0
        for seed in 1...24 {
            var rng = SplitMix(seed: UInt64(1000 + seed))
            let keys = NearDuplicateCorpus.keys(count: 10 + Int(rng.next() % 120), rng: &rng)
            let candidates = keys.enumerated().map { index, key in
                ItemMatching.Candidate(
                    itemID: String(format: "U-%05d", (index * 7919) % 100_000),
                    kode: rng.next() % 9 == 0 ? "K\(rng.next() % 40)" : nil, key: key)
            }
            let revised = NearDuplicateCorpus.revise(keys, rng: &rng)
            let rows: [(kode: String?, key: String)] = revised.map { key in
                switch rng.next() % 12 {
                case 0: return ("K\(rng.next() % 40)", key)
                case 1: return (candidates[Int(rng.next() % UInt64(candidates.count))].itemID, key)
                default: return (nil, key)
                }
            }
            let got = ItemMatching.match(newRows: rows, candidates: candidates)
            let expected = ReferenceMatching.match(newRows: rows, candidates: candidates)
            XCTAssertEqual(got, expected, "seed \(seed)")
            let keyByID = Dictionary(uniqueKeysWithValues: candidates.map { ($0.itemID, $0.key) })
            near += got.filter { row, id in rows[row].key != keyByID[id] }.count
        }
        XCTAssertGreaterThan(near, 40, "the corpora pair many rows through similarity, not only equal keys")
    }

    func testBoundedLevenshteinIsExactWithinItsLimit() {
        var rng = SplitMix(seed: 7)
        let alphabet = Array("abcde ").map { $0.unicodeScalars.first!.value }
        for _ in 0..<3000 {
            let a = (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % 6)] }
            let b = (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % 6)] }
            let limit = Int(rng.next() % 8)
            let exact = ItemMatching.levenshtein(a.map { Unicode.Scalar($0)! }, b.map { Unicode.Scalar($0)! })
            XCTAssertEqual(SimilarKeys.boundedLevenshtein(a, b, limit: limit), exact <= limit ? exact : nil,
                           "\(a) \(b) limit \(limit)")
        }
    }
}

/// Summaries of a regency's lists: titles from a pool of real-looking DIP titles with years,
/// units and numbers, so many are near one another.
enum NearDuplicateCorpus {
    static let titles = [
        "Laporan keuangan", "Laporan realisasi anggaran", "Rencana strategis", "Rencana kerja",
        "Daftar aset tetap", "Laporan kinerja instansi pemerintah", "Standar pelayanan publik",
        "Agenda kegiatan pimpinan", "Profil pejabat struktural", "Rekapitulasi pengaduan masyarakat",
        "Data statistik sektoral", "Pengumuman pengadaan barang dan jasa", "Peraturan bupati",
        "Laporan akuntabilitas kinerja", "Daftar informasi publik", "Neraca keuangan",
        "Dokumen pelaksanaan anggaran", "Laporan penyelenggaraan pemerintahan daerah",
        "Surat keputusan kepala dinas", "Daftar pegawai negeri sipil", "Notulen rapat koordinasi",
    ]
    static let suffixes = ["", " tahun", " semester I", " semester II", " triwulan III", " bidang kesehatan",
                           " dinas pendidikan", " kecamatan cibeber"]

    static func keys(count: Int, rng: inout SplitMix) -> [String] {
        (0..<count).map { _ in
            let title = titles[Int(rng.next() % UInt64(titles.count))]
            let suffix = suffixes[Int(rng.next() % UInt64(suffixes.count))]
            let year = 2019 + Int(rng.next() % 7)
            switch rng.next() % 10 {
            case 0: return ""
            case 1: return ItemMatching.normalisedKey(title)
            case 2: return ItemMatching.normalisedKey("\(title)\(suffix) \(year) nomor \(rng.next() % 30)")
            default: return ItemMatching.normalisedKey("\(title)\(suffix) \(year)")
            }
        }
    }

    /// A resubmission: most rows kept, some edited (year bumped, words reordered, a typo,
    /// a typo in every long word, words repeated, a word dropped or added), some new, in a
    /// shuffled order.
    static func revise(_ keys: [String], rng: inout SplitMix) -> [String] {
        var out: [String] = []
        for key in keys {
            switch rng.next() % 12 {
            case 0: continue
            case 1: out.append(key.replacingOccurrences(of: "202", with: "203"))
            case 2: out.append(key.split(separator: " ").reversed().joined(separator: " "))
            case 3:
                var scalars = Array(key.unicodeScalars)
                if !scalars.isEmpty {
                    let i = Int(rng.next() % UInt64(scalars.count))
                    switch rng.next() % 3 {
                    case 0: scalars.remove(at: i)
                    case 1: scalars[i] = "x"
                    default: scalars.insert("q", at: i)
                    }
                }
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars)
                out.append(text)
            case 4:
                var words = key.split(separator: " ").map(String.init)
                if words.count > 1 { words.remove(at: Int(rng.next() % UInt64(words.count))) }
                out.append(words.joined(separator: " "))
            case 5: out.append(key + " revisi")
            case 6: out.append(NearDuplicateCorpus.keys(count: 1, rng: &rng)[0])
            case 7:
                // A typo in every long word: near by edit distance, few or no shared tokens.
                out.append(key.split(separator: " ").map { word in
                    word.count > 5 ? String(word.dropLast(2)) + String(word.suffix(1)) : String(word)
                }.joined(separator: " "))
            case 8:
                // Words repeated: the same token set, a much longer key (only Jaccard pairs it).
                let words = key.split(separator: " ")
                out.append((words + words.prefix(2) + words.prefix(2)).joined(separator: " "))
            default: out.append(key)
            }
        }
        for i in stride(from: out.count - 1, to: 0, by: -1) where rng.next() % 3 == 0 {
            out.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        return out
    }
}
