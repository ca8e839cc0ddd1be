import DIPCore
import Foundation
import OfficeFormats

/// DIP lists large enough that a read fault placed in their middle hits the table's rows,
/// not the first bytes the file-kind sniff reads nor (for XLSX) the zip's central directory
/// at the end: each summary carries pseudo-random words, which deflate cannot shrink much.
public enum ReadFailureFixtures {
    public static let header = ["No", "Ringkasan Isi Informasi", "Pejabat/Unit yang Menguasai Informasi",
                                "Penanggung Jawab Pembuatan atau Penerbitan Informasi", "Waktu Pembuatan",
                                "Tempat Pembuatan", "Bentuk Informasi", "Jangka Waktu Penyimpanan", "Jenis Informasi"]

    /// Row `n` (1-based item number) of the list.
    public static func row(_ n: Int, _ rng: inout SplitMix) -> [String] {
        var words: [String] = []
        for _ in 0..<10 {
            var w = ""
            for _ in 0..<7 { w.append(Character(UnicodeScalar(UInt8(97 + rng.next() % 26)))) }
            words.append(w)
        }
        return ["\(n)", "Laporan kegiatan \(words.joined(separator: " ")) nomor \(n)", "Sekretariat", "Kepala Dinas",
                "2025", "Serang", "Softcopy", "5 tahun", "Berkala"]
    }

    /// A CSV list of `items` items; also the byte offset at which each line starts (index 0:
    /// the header), so a test can cut it at a record's end.
    public static func csv(items: Int, seed: UInt64 = 7) -> (bytes: [UInt8], lineStarts: [Int]) {
        var rng = SplitMix(seed: seed)
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for line in [header] + (1...items).map({ row($0, &rng) }) {
            starts.append(bytes.count)
            bytes += Array((line.joined(separator: ",") + "\n").utf8)
        }
        return (bytes, starts)
    }

    /// An XLSX list of `items` items on one sheet, "DIP".
    public static func xlsx(items: Int, seed: UInt64 = 7) throws -> [UInt8] {
        var rng = SplitMix(seed: seed)
        let rows = [header] + (1...items).map { row($0, &rng) }
        let sheet = XLSXSheet(name: "DIP", rows: rows.map { $0.map { XLSXCell($0) } })
        return try XLSXWriter.write(XLSXDocument(sheets: [sheet], created: Date(timeIntervalSince1970: 1_767_225_600)))
    }
}
