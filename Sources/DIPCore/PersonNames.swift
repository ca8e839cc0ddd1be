import Foundation

/// Names of persons written into a summary or title where the text itself says it is a person's
/// name: after an honorific or "atas nama" ("Surat pengaduan Sdr. Budi Santoso", "Data pasien a.n.
/// Siti Aminah", "Surat Ibu Ratna Sari"). A name standing alone is not found: no pattern tells
/// "Budi Santoso" from "Pandeglang" or "Dinas Sosial", and a false find would mask the title of
/// ordinary information.
///
/// Not a person's name, and never taken: an office or a body after the honorific ("a.n. Bupati
/// Serang", "Bapak Kepala Dinas", "a.n. Pemerintah Kabupaten Serang": an official acting in office
/// is public, UU 14/2008 Pasal 18 ayat (2)), a name followed by "selaku …" (the person acting in an
/// office), and the common nouns "Ibu" and "Bapak" head ("Ibu Hamil", "Ibu Kota", "Bapak/Ibu").
/// Only the name is returned; the honorific stays in the text.
public enum PersonNames {
    /// Honorifics that always precede a person's name (any case): Sdr., Sdri., Saudara/i, Bpk.,
    /// Tn., Ny., Nn., "a.n.", "an.", "a/n", "atas nama".
    /// "Bpk", "Tn", "Ny", "Nn" and "an" only with their full stop ("BPK RI" is the audit board);
    /// without one, a space must follow ("SDRAJAT" is no "Sdr.").
    private static let marked = try! NSRegularExpression(pattern:
        #"(?<![\p{L}\p{N}])(?i:(?:sdr/i|sdri|sdr|saudarai|saudara|atas\s+nama)(?:\.\s*|\s*:\s*|\s+)|(?:bpk|tn|ny|nn|an|a\.\s?n|a/n)\.\s*|(?:a\.\s?n|a/n)\s+)"#
            + name)
    /// "Bapak", "Ibu", "Pak", "Bu": also common nouns, so only capitalised and before a
    /// capitalised word that is no common noun (checked after the match).
    private static let plain = try! NSRegularExpression(pattern: #"(?<![\p{L}\p{N}])(?:Bapak|Ibu|Pak|Bu)\s+"# + name)
    /// One to five capitalised words (an initial "M." or "H." among them), separated by single spaces.
    private static let name = #"(\p{Lu}[\p{L}'’-]*\.?(?: \p{Lu}[\p{L}'’-]*\.?){0,4})"#

    /// Offices: an official acting in office is public (Pasal 18 ayat (2)); lowercased, without a dot.
    static let offices: Set<String> = [
        "bupati", "wakil", "wabup", "sekretaris", "sekda", "kepala", "kadis", "camat", "lurah", "kades", "ketua",
        "direktur", "dirut", "gubernur", "walikota", "wali", "menteri", "presiden", "plt", "plh", "pj", "inspektur",
        "kapolres", "kapolsek", "kapolda", "dandim", "danramil", "kajari", "kajati", "komandan", "pimpinan", "pejabat",
        "ppid", "asisten", "kabag", "kabid", "kasubag", "kasubbag", "kasi", "sekcam", "sekdes", "anggota", "dprd",
        "hakim", "jaksa", "panitera", "rektor", "dekan", "bendahara", "atasan", "tim", "panitia",
    ]
    /// A first word that makes the phrase an office, a body or a common noun, not a name (lowercased,
    /// without its dot).
    static let notAName: Set<String> = offices.union([
        // Bodies written after "a.n.".
        "pemerintah", "pemkab", "pemda", "dinas", "badan", "kantor", "bagian", "bidang", "unit", "pt", "cv", "ud",
        "koperasi", "yayasan", "kelompok", "desa", "kelurahan", "kecamatan", "kabupaten", "kota", "provinsi",
        "sekolah", "sd", "smp", "sma", "smk", "rsud", "puskesmas", "bank", "perusahaan", "lembaga", "organisasi",
        // Common nouns after "Ibu"/"Bapak" (and a title in capitals).
        "hamil", "menyusui", "nifas", "bersalin", "balita", "rumah", "tangga", "anak", "negara", "pertiwi", "kandung",
        "asuh", "angkat", "dan", "atau", "guru", "kader", "peserta", "pegawai", "penerima", "pemilik", "warga",
        "masyarakat", "pasien", "pemohon", "pelapor", "pengadu",
    ])
    /// Words that end a name in a title written in capitals ("Sdr. Budi Santoso Tentang Jalan Rusak").
    static let endsAName: Set<String> = [
        "tentang", "dan", "di", "ke", "dari", "pada", "untuk", "terkait", "mengenai", "atas", "kepada", "yang", "tahun",
        "nomor", "no", "perihal", "beserta", "serta", "desa", "kecamatan", "kelurahan", "rt", "rw", "jalan", "jl",
        "selaku", "sebagai", "dengan", "oleh", "bulan", "tanggal", "tgl", "nik", "npwp", "kk", "alamat", "umur", "usia",
    ]
    private static let needles = ["sdr", "saudara", "bpk", "tn.", "ny.", "nn.", "a.n", "an.", "a/n", "atas nama"]
    private static let capitalised = ["Bapak ", "Ibu ", "Pak ", "Bu "]

    /// Whether `text` has an honorific or "atas nama" at all (most summaries have none: no pattern runs).
    /// The review pack asks this of every row, so the text is lowercased once for all the needles
    /// rather than searched case-insensitively once per needle.
    static func mayHoldNames(_ text: String) -> Bool {
        if capitalised.contains(where: { text.contains($0) }) { return true }
        let lower = text.lowercased()
        return needles.contains { lower.contains($0) }
    }

    /// The ranges of the names of persons in `text`, in order.
    public static func find(in text: String) -> [Range<String.Index>] {
        guard mayHoldNames(text) else { return [] }
        let ns = NSRange(text.startIndex..., in: text)
        var found: [Range<String.Index>] = []
        let mixedCase = text.contains(where: \.isLowercase)
        for (regex, isPlain) in [(marked, false), (plain, true)] {
            for m in regex.matches(in: text, range: ns) {
                guard let r = Range(m.range(at: 1), in: text), let whole = Range(m.range, in: text),
                      let range = trimmed(r, in: text),
                      !found.contains(where: { $0.overlaps(range) }) else { continue }
                // "BPK." in a text that is not all capitals is the audit board, not "Bpk." ("Laporan
                // Hasil Pemeriksaan BPK. Tindak Lanjut Rekomendasi", session 24 audit).
                if !isPlain, mixedCase, text[whole.lowerBound...].hasPrefix("BPK") { continue }
                if isPlain, !plainHonorific(name: range, in: text) { continue }
                found.append(range)
            }
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// "Bapak", "Ibu", "Pak", "Bu" before capitalised words name a person only in a text written in
    /// sentence case: in a title with every word capitalised ("Register Ibu Melahirkan", "Data Ibu
    /// Pasca Persalinan", "Daftar Hadir Rapat Bapak Ibu Guru") the words after it are a group, not a
    /// name, and no list of common nouns is ever complete (session 24 audit). Nor is an acronym a
    /// name ("Laporan kegiatan Ibu PKK").
    static func plainHonorific(name: Range<String.Index>, in text: String) -> Bool {
        let firstWord = text[name].prefix { $0 != " " }
        if firstWord.count >= 2, !firstWord.contains(where: \.isLowercase), text.contains(where: \.isLowercase) { return false }
        let outside = text[..<name.lowerBound] + " " + text[name.upperBound...]
        return outside.split(whereSeparator: { !$0.isLetter }).contains { $0.first?.isLowercase == true }
    }

    /// The name within the capitalised words `range`: cut before a word that ends a name, without the
    /// full stop of its last word (an initial keeps its own); nil when it is an office, a body, a
    /// common noun, or a person named as acting in an office ("… selaku Kepala Desa").
    static func trimmed(_ range: Range<String.Index>, in text: String) -> Range<String.Index>? {
        var words: [Range<String.Index>] = []
        var start = range.lowerBound
        for (i, c) in zip(text[range].indices, text[range]) where c == " " {
            words.append(start..<i)
            start = text.index(after: i)
        }
        words.append(start..<range.upperBound)
        func bare(_ w: Range<String.Index>) -> String {
            text[w].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        guard let first = words.first, !notAName.contains(bare(first)) else { return nil }
        if let stop = words.firstIndex(where: { endsAName.contains(bare($0)) }) { words = Array(words[..<stop]) }
        guard var last = words.last else { return nil }
        // "… selaku Kepala Desa", "… sebagai Kepala Desa": the person acting in (or appointed to) an office.
        let rest = text[last.upperBound...].drop(while: { $0 == " " || $0 == "," }).lowercased()
        if rest.hasPrefix("selaku") { return nil }
        if rest.hasPrefix("sebagai "),
           let office = rest.dropFirst("sebagai ".count).split(separator: " ").first,
           offices.contains(office.trimmingCharacters(in: CharacterSet(charactersIn: ".,"))) { return nil }
        // "Santoso." ends the sentence; "M." is an initial and keeps its dot.
        if text[last].hasSuffix("."), text[last].count > 2 {
            last = last.lowerBound..<text.index(before: last.upperBound)
        }
        return first.lowerBound..<last.upperBound
    }
}
