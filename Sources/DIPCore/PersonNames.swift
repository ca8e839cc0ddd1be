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
    /// without one, a space must follow ("SDRAJAT" is no "Sdr."). Spaces and tabs only, as after a
    /// cue word: a name does not run on across a line break (texts joined by "\n" for a warning).
    private static let marked = try! NSRegularExpression(pattern:
        #"(?<![\p{L}\p{N}])(?i:(?:sdr/i|sdri|sdr|saudarai|saudara|atas[ \t]+nama)(?:\.[ \t]*|[ \t]*:[ \t]*|[ \t]+)|(?:bpk|tn|ny|nn|an|a\.[ \t]?n|a/n)\.[ \t]*|(?:a\.[ \t]?n|a/n)[ \t]+)"#
            + name)
    /// "Bapak", "Ibu", "Pak", "Bu": also common nouns, so only capitalised and before a
    /// capitalised word that is no common noun (checked after the match).
    private static let plain = try! NSRegularExpression(pattern: #"(?<![\p{L}\p{N}])(?:Bapak|Ibu|Pak|Bu)[ \t]+"# + name)
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
        // Bodies by their short names, as units write them in sentence case ("layanan pengaduan
        // Disdukcapil", "air minum milik Perseroda").
        "dinkes", "dinsos", "disdik", "disdikbud", "disdukcapil", "dukcapil", "capil", "diskominfo", "diskominfosatik",
        "kominfo", "disnaker", "disnakertrans", "disperindag", "disperkim", "disparbud", "dispora", "dishub", "distan",
        "disbun", "diskan", "dinperkim", "bappeda", "bapenda", "bappelitbangda", "bpkad", "bkpsdm", "bkd", "bpbd", "satpol",
        "setda", "setwan", "sekretariat", "inspektorat", "kesbangpol", "kemenkes", "kemendagri", "kemensos", "kemenag",
        "kementerian", "pemprov", "pemkot", "perseroda", "perumda", "persero", "perum", "bumd", "bumn", "bumdes", "pdam",
        "polres", "polsek", "polda", "kejari", "kodim", "koramil", "ombudsman", "baznas", "kpu", "bawaslu", "rs",
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
    /// Words that say whose the information is ("Surat pengaduan Budi Santoso terhadap …", "Data
    /// pasien: Siti Aminah", "Berkas perkara tersangka Joko"): a capitalised name right after one, in
    /// a text written in sentence case, is a person's (`cuedNames`). Lowercased.
    static let cues = ["pengaduan", "aduan", "pengadu", "pelapor", "terlapor", "pasien", "milik", "tersangka",
                       "terdakwa", "korban", "pemohon", "saksi"]
    /// Spaces and tabs only: a name never runs on across a line break (texts joined by "\n" for a
    /// warning, "Rekam medis pasien\nNama, NIK …", read "Nama" as a patient's name; legal walk).
    private static let cued = try! NSRegularExpression(pattern:
        #"(?<![\p{L}\p{N}])(?i:"# + cues.joined(separator: "|") + #")([ \t]*:[ \t]*|[ \t]+)"# + name + #"(?![\p{L}\p{N}'’-])"#)
    /// A further name of a list after a cued one ("korban: Siti Aminah, Budi Santoso dan Rina").
    private static let listed = try! NSRegularExpression(pattern:
        #"\G(?:[ \t]*,[ \t]*(?:dan[ \t]+)?|[ \t]*;[ \t]*|[ \t]+dan[ \t]+)"# + name + #"(?![\p{L}\p{N}'’-])"#)
    /// Capitalised words that follow a cue in ordinary titles and are no one's name: what the cue
    /// names is a group, a place, a service or a kind of case ("pengaduan Masyarakat", "milik
    /// Daerah", "pasien Rawat Inap", "korban Bencana Alam"). Checked on every word of a cued name,
    /// lowercased; offices and bodies (`notAName`) too.
    static let cuedCommonWords: Set<String> = [
        "masyarakat", "daerah", "negara", "umum", "publik", "pelayanan", "layanan", "informasi", "rawat", "inap", "jalan",
        "gawat", "darurat", "igd", "bpjs", "jkn", "kis", "covid", "bencana", "alam", "banjir", "longsor", "gempa",
        "kebakaran", "kekerasan", "perdagangan", "orang", "narkoba", "napza", "tindak", "pidana", "kecelakaan", "lalu",
        "lintas", "konflik", "sosial", "miskin", "terlantar", "disabilitas", "lansia", "gangguan", "jiwa", "baru", "lama",
        "rujukan", "pulang", "meninggal", "rumah", "sakit", "klinik", "poli", "poliklinik", "ruang", "instalasi",
        "perempuan", "laki", "pria", "wanita", "asn", "pns", "pppk", "honorer", "aparatur", "sipil", "aparat", "oknum",
        "kepegawaian", "keuangan", "aset", "barang", "tanah", "bangunan", "gedung", "kendaraan", "dinas", "online",
        "lapor", "span", "sp4n", "wbs", "whistleblowing", "system", "sistem", "gratifikasi", "korupsi", "pungli",
        "pengaduan", "pelapor", "pasien", "korban", "tersangka", "saksi", "pemohon", "keberatan",
        "perorangan", "pribadi", "swasta", "perseorangan", "nasional", "internasional", "luar", "dalam", "negeri",
        "penyandang", "tbc", "hiv", "aids", "dbd", "odgj", "stunting", "gizi", "buruk", "kronis", "anak", "remaja", "bayi",
        "balita", "ibu", "bapak", "keluarga", "kk", "rt", "rw", "dusun", "kampung", "wilayah", "kawasan", "pihak", "ketiga",
        "tsunami", "erupsi", "angin", "puting", "beliung", "abrasi", "kekeringan", "wabah", "laka", "lantas", "ahli",
        "whatsapp", "wa", "sms", "email", "website", "web", "instagram", "facebook", "twitter", "tiktok", "youtube", "aplikasi",
        "jamkesda", "jamkesmas", "gakin", "sktm", "sendiri", "bersama", "dana", "bantuan", "program", "bansos", "izin",
        "perizinan", "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
        "november", "desember", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "triwulan", "semester",
        "bulan", "periode", "rekap", "rekapitulasi", "data", "daftar", "laporan", "surat", "berkas", "dokumen",
        "nama", "identitas", "alamat", "nomor", "no", "nik", "npwp", "biodata", "riwayat", "rekam", "medis",
    ]
    /// Lowercase words a title written with every word capitalised still keeps lowercase: a text
    /// whose only lowercase words are these is written in title case, where a capitalised word
    /// after a cue says nothing ("Data Pasien Rawat Inap di Puskesmas").
    static let functionWords: Set<String> = [
        "di", "ke", "dari", "dan", "atau", "yang", "untuk", "tentang", "terhadap", "pada", "atas", "dengan", "oleh", "per",
        "serta", "beserta", "bagi", "dalam", "se", "tahun", "sd", "s.d", "the", "of", "and",
    ]
    private static let needles = ["sdr", "saudara", "bpk", "tn.", "ny.", "nn.", "a.n", "an.", "a/n", "atas nama"] + cues
    private static let capitalised = ["Bapak ", "Ibu ", "Pak ", "Bu "]

    /// Whether `text` has an honorific or "atas nama" at all (most summaries have none: no pattern runs).
    /// Intake asks this of every summary and title, the review pack of every row: an ASCII text is
    /// searched over its bytes in one pass (`asciiMayHoldNames`); any other text as before, lowercased
    /// once and searched with Foundation's `contains` (through CFString on Linux: some 26 bridged
    /// searches a text, 6.8 % of a cold regency run in session 25).
    static func mayHoldNames(_ text: String) -> Bool {
        var copy = text
        if let answer = copy.withUTF8(asciiMayHoldNames) { return answer }
        return foundationMayHoldNames(text)
    }

    /// `mayHoldNames` through Foundation, for a text with a byte outside ASCII: there `lowercased()`
    /// folds more than A–Z ("İ" to "i̇", the Kelvin sign to "k") and Foundation's search compares
    /// composed character sequences, which a byte search would not reproduce.
    static func foundationMayHoldNames(_ text: String) -> Bool {
        if capitalised.contains(where: { text.contains($0) }) { return true }
        let lower = text.lowercased()
        return needles.contains { lower.contains($0) }
    }

    /// `mayHoldNames` of an ASCII text over its bytes (nil when a byte is not ASCII): the capitalised
    /// needles compared as they are, the others against the text with A–Z folded, which is what
    /// `lowercased()` and Foundation's search do to an ASCII text.
    static func asciiMayHoldNames(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard ByteNeedles.isASCII(bytes) else { return nil }
        return nameNeedles.occur(in: bytes)
    }

    private static let nameNeedles = ByteNeedles(folded: needles, exact: capitalised)

    /// The ranges of the names of persons in `text`, in order.
    public static func find(in text: String) -> [Range<String.Index>] {
        // Names after "almarhum", around "bin", after a cue before a given name (session 26).
        let further = furtherNames(in: text)
        guard mayHoldNames(text) else { return further }
        return search(text, further: further)
    }

    /// `find` without its shortcut: the patterns run on `text` whatever it holds, the names of
    /// `furtherNames` added where they overlap none.
    static func search(_ text: String, further: [Range<String.Index>]) -> [Range<String.Index>] {
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
        for range in cuedNames(in: text) + further where !found.contains(where: { $0.overlaps(range) }) {
            found.append(range)
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Names without an honorific, where a cue word says whose the information is: "Surat pengaduan
    /// Budi Santoso terhadap …", "Data pasien: Siti Aminah", "korban: Siti Aminah, Budi dan Rina"
    /// (session 25). Only in a text written in sentence case (`isSentenceCase`: in a title with every
    /// word capitalised, the words after "Pasien" are a group, not a name), and only words that are
    /// no office, body or common word of such titles (`notAName`, `cuedCommonWords`) and no acronym.
    static func cuedNames(in text: String) -> [Range<String.Index>] {
        let ns = NSRange(text.startIndex..., in: text)
        var found: [Range<String.Index>] = []
        for m in cued.matches(in: text, range: ns) {
            guard let first = Range(m.range(at: 2), in: text) else { continue }
            var candidates = [first]
            // A list goes on after the name: ", Budi Santoso", " dan Rina".
            var at = m.range.location + m.range.length
            while let next = listed.firstMatch(in: text, options: [.anchored], range: NSRange(location: at, length: ns.length - at)),
                  let r = Range(next.range(at: 1), in: text) {
                candidates.append(r)
                at = next.range.location + next.range.length
            }
            for candidate in candidates {
                guard let range = trimmed(candidate, in: text), cuedName(range, in: text),
                      !found.contains(where: { $0.overlaps(range) }) else { break }
                found.append(range)
            }
        }
        return found
    }

    /// Whether the capitalised words `range` after a cue are a person's name: no word an office, a
    /// body, a common word of titles or an acronym, and the text around written in sentence case.
    static func cuedName(_ range: Range<String.Index>, in text: String) -> Bool {
        for word in text[range].split(separator: " ") {
            let bare = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".'’-"))
            if bare.isEmpty || notAName.contains(bare) || cuedCommonWords.contains(bare) { return false }
            // "RSUD", "BPJS", "LAPOR": an acronym or a word in capitals is no name here.
            let letters = word.filter(\.isLetter)
            if letters.count >= 2, !letters.contains(where: \.isLowercase) { return false }
        }
        return isSentenceCase(text, outside: range)
    }

    /// Whether `text`, apart from `range`, has a lowercase word that is not a function word: a title
    /// whose only lowercase words are "di", "dan", "tahun" … is written in title case.
    static func isSentenceCase(_ text: String, outside range: Range<String.Index>) -> Bool {
        let outside = text[..<range.lowerBound] + " " + text[range.upperBound...]
        return outside.split(whereSeparator: { !$0.isLetter && $0 != "." }).contains { word in
            guard word.first?.isLowercase == true else { return false }
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "."))
            return bare.count >= 3 && !functionWords.contains(bare)
        }
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

/// Needles searched for in an ASCII text over its bytes, in one pass: each compared with A–Z folded
/// (as `lowercased()` and Foundation's `contains` compare a lowercase needle with an ASCII text) or
/// exactly. For the shortcuts that tell most texts hold no name (`PersonNames.mayHoldNames`,
/// `mayHoldFurtherNames`), which Foundation ran as dozens of searches a text bridged through CFString.
struct ByteNeedles: Sendable {
    /// The needles as bytes, listed under their first byte with 0x20 set (so "B" and "b" share a list).
    private let table: [[(bytes: [UInt8], folded: Bool)]]

    /// - Parameters:
    ///   - folded: needles in lowercase ASCII, compared with the text's A–Z folded.
    ///   - exact: ASCII needles compared byte for byte.
    init<F: Sequence<String>>(folded: F, exact: [String] = []) {
        var table = [[(bytes: [UInt8], folded: Bool)]](repeating: [], count: 128)
        for (needle, isFolded) in folded.map({ ($0, true) }) + exact.map({ ($0, false) }) {
            let bytes = Array(needle.utf8)
            precondition(!bytes.isEmpty && bytes.allSatisfy { $0 < 0x80 }, "an ASCII needle")
            precondition(!isFolded || !bytes.contains { $0 >= 0x41 && $0 <= 0x5A }, "a folded needle in lowercase")
            table[Int(bytes[0] | 0x20) & 0x7F].append((bytes, isFolded))
        }
        self.table = table
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains { $0 >= 0x80 }
    }

    /// Whether any needle occurs in `bytes` (ASCII).
    func occur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        for start in 0..<count {
            let first = bytes[start]
            let foldedFirst = first >= 0x41 && first <= 0x5A ? first | 0x20 : first
            for needle in table[Int(first | 0x20) & 0x7F] where needle.bytes.count <= count - start {
                guard (needle.folded ? foldedFirst : first) == needle.bytes[0] else { continue }
                var k = 1
                while k < needle.bytes.count {
                    var byte = bytes[start + k]
                    if needle.folded, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
                    if byte != needle.bytes[k] { break }
                    k += 1
                }
                if k == needle.bytes.count { return true }
            }
        }
        return false
    }
}
