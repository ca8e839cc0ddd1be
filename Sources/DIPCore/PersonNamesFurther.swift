import Foundation

/// Names of persons found where the text says it is a person without an honorific (session 26),
/// beside `PersonNames`' honorifics and sentence-case cues and through its lists; no search of
/// `PersonNames` is changed:
/// - after "almarhum", "almarhumah", "alm.", "almh.", "mendiang" (the late …), in any case: what
///   follows is a person's name ("Surat Keterangan Kematian Almarhum Ahmad Fauzi");
/// - either side of "bin"/"binti" (son/daughter of) between capitalised words ("Ahmad bin Fauzi");
/// - after a cue word of `PersonNames.cues` or "ahli waris", "perkara" (whose the information is),
///   also in a title written in title case, when the first capitalised word after it is a given name
///   of `givenNames` ("Surat Keterangan Ahli Waris Ahmad Fauzi", "Berkas Perkara Siti Rahmawati");
///   in sentence case "ahli waris"/"perkara" are read as the other cues are (`PersonNames.cuedName`).
/// Every word taken is no office, body, common word of titles (`PersonNames.notAName`,
/// `cuedCommonWords`) or acronym, and "… selaku …" stays an official (`PersonNames.trimmed`).
/// A bare name with no cue ("Budi Santoso") is still not found: telling it from a place, a street or
/// a hospital named after a person ("Jalan Ahmad Yani", "RSUD dr. Dradjat Prawiranegara") needs a
/// list of names and of places (docs/publish.md "Session 26").
extension PersonNames {
    /// Cues after which a name follows whatever the case of the text.
    static let lateCues = ["almarhumah", "almarhum", "almh.", "alm.", "mendiang"]
    /// Cues that say whose the information is, besides `cues`: read like them in sentence case, and
    /// in title case only before a given name of `givenNames`.
    static let furtherCues = ["ahli waris", "perkara"]

    /// Given names common in Banten and Java that are no ordinary word of a list's titles and begin
    /// no place or body a cue is followed by: in a title written in title case, a cue followed by one
    /// of them is followed by a person's name. Written for dip from common knowledge of Indonesian
    /// names, not copied from a list; deliberately short (a word that is also an ordinary word —
    /// "Budi" of "budi pekerti", "Agung" of "Masjid Agung", "Putri", "Indah", "Jaya" — is left out).
    /// Lowercased, without a full stop.
    static let givenNames: Set<String> = [
        "siti", "ahmad", "achmad", "akhmad", "muhammad", "muhamad", "mohammad", "mohamad", "mochammad", "mochamad", "moch",
        "moh", "muh", "nur", "nurul", "sri", "agus", "asep", "ujang", "dedi", "deden", "dadang", "ade", "iis", "euis",
        "rina", "rini", "dian", "fitri", "yuli", "eko", "joko", "bambang", "slamet", "heru", "hendra", "rudi", "iwan",
        "abdul", "abdullah", "ahmadi", "hasan", "husein", "ismail", "yusuf", "ibrahim", "fatimah", "aminah",
        "aisyah", "khadijah", "maryam", "zainal", "syarif", "syarifah", "nining", "yayan", "entis",
        "tatang", "ratna", "yanti", "susanti", "sulastri", "suparman", "sutrisno", "supriyadi", "hartono", "wawan",
    ]

    /// Capitalised words that follow "perkara" and "ahli waris" in ordinary titles and are no one's
    /// name (kinds of case, courts, heirs as a group), besides `PersonNames.cuedCommonWords`.
    static let furtherCommonWords: Set<String> = [
        "tipikor", "perdata", "gugatan", "sengketa", "banding", "kasasi", "peninjauan", "kembali", "praperadilan", "tata",
        "usaha", "tun", "ptun", "hukum", "narkotika", "pemilu", "pilkada", "pilkades", "waris", "cerai", "perceraian",
        "niaga", "pailit", "kepailitan", "militer", "agama", "pengadilan", "negeri", "tinggi", "agung", "mahkamah",
        "konstitusi", "kejaksaan", "kepolisian", "inkracht", "putusan", "pensiunan", "veteran", "janda", "duda", "yatim",
        "piatu", "tahun", "ahli", "penerima", "pemegang", "hak", "lahan", "pembebasan", "ganti", "rugi", "kerugian",
    ]

    private static let late = try! NSRegularExpression(pattern:
        #"(?<![\p{L}\p{N}])(?i:"# + lateCues.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
            + #")[ \t]*"# + furtherName + #"(?![\p{L}\p{N}'’-])"#)
    private static let cuedFurther = try! NSRegularExpression(pattern:
        #"(?<![\p{L}\p{N}])(?i:("# + (cues + furtherCues.map { $0.replacingOccurrences(of: " ", with: "[ \t]+") }).joined(separator: "|")
            + #"))(?:[ \t]*:[ \t]*|[ \t]+)(?:(?i:almarhumah|almarhum|almh\.|alm\.)[ \t]*)?"# + furtherName + #"(?![\p{L}\p{N}'’-])"#)
    /// "bin"/"binti" between capitalised words: the capitalised words before it are read backwards.
    private static let son = try! NSRegularExpression(pattern:
        #"(?<=\p{L})[ \t]+(?:bin|binti|Bin|Binti)[ \t]+"# + furtherName + #"(?![\p{L}\p{N}'’-])"#)
    /// As `PersonNames`' name pattern: one to five capitalised words.
    private static let furtherName = #"(\p{Lu}[\p{L}'’-]*\.?(?: \p{Lu}[\p{L}'’-]*\.?){0,4})"#

    /// Whether `text` may hold one of these cues (most texts hold none: no pattern runs).
    static func mayHoldFurtherNames(_ text: String) -> Bool {
        var copy = text
        let ascii = copy.withUTF8 { bytes -> Bool? in
            guard ByteNeedles.isASCII(bytes) else { return nil }
            return furtherNeedles.occur(in: bytes)
                || (cueNeedles.occur(in: bytes) && givenNameNeedles.occur(in: bytes))
        }
        return ascii ?? foundationMayHoldFurtherNames(text)
    }

    /// `mayHoldFurtherNames` as the byte search of an ASCII text answers it (`ByteNeedles`).
    private static let furtherNeedles = ByteNeedles(folded: lateCues + furtherCues + [" bin ", " binti "])
    private static let cueNeedles = ByteNeedles(folded: cues)
    private static let givenNameNeedles = ByteNeedles(folded: givenNames.sorted())

    /// `mayHoldFurtherNames` through Foundation, for a text with a byte outside ASCII (see
    /// `foundationMayHoldNames`).
    static func foundationMayHoldFurtherNames(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lateCues.contains { lower.contains($0) } || furtherCues.contains { lower.contains($0) }
            || lower.contains(" bin ") || lower.contains(" binti ")
            || (cues.contains { lower.contains($0) } && givenNames.contains { lower.contains($0) })
    }

    /// The ranges of the names these cues mark in `text`, in order.
    public static func furtherNames(in text: String) -> [Range<String.Index>] {
        guard mayHoldFurtherNames(text) else { return [] }
        return searchFurther(text)
    }

    /// `furtherNames` without its shortcut: the patterns run on `text` whatever it holds.
    static func searchFurther(_ text: String) -> [Range<String.Index>] {
        let ns = NSRange(text.startIndex..., in: text)
        var found: [Range<String.Index>] = []
        func add(_ range: Range<String.Index>) {
            if !found.contains(where: { $0.overlaps(range) }) { found.append(range) }
        }
        for m in late.matches(in: text, range: ns) {
            guard let r = Range(m.range(at: 1), in: text), let range = trimmed(r, in: text),
                  noCommonWord(range, in: text) else { continue }
            add(range)
        }
        for m in cuedFurther.matches(in: text, range: ns) {
            guard let cue = Range(m.range(at: 1), in: text), let r = Range(m.range(at: 2), in: text),
                  let range = trimmed(r, in: text), noCommonWord(range, in: text) else { continue }
            let first = text[range].prefix { $0 != " " }.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            let further = furtherCues.contains(text[cue].lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "))
            if givenNames.contains(first) || (further && isSentenceCase(text, outside: range)) { add(range) }
        }
        for m in son.matches(in: text, range: ns) {
            guard let r = Range(m.range(at: 1), in: text), let after = trimmed(r, in: text),
                  noCommonWord(after, in: text), let before = namedBefore(m.range.location, in: text) else { continue }
            add(before.lowerBound..<after.upperBound)
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// No word of `range` an office, a body, a common word of titles or an acronym.
    static func noCommonWord(_ range: Range<String.Index>, in text: String) -> Bool {
        for word in text[range].split(separator: " ") {
            let bare = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".'’-"))
            if bare.isEmpty || notAName.contains(bare) || cuedCommonWords.contains(bare) || endsAName.contains(bare)
                || furtherCommonWords.contains(bare) { return false }
            let letters = word.filter(\.isLetter)
            if letters.count >= 2, !letters.contains(where: \.isLowercase) { return false }
        }
        return true
    }

    /// The capitalised words right before UTF-16 offset `location` (up to three), read backwards and
    /// stopping at a word that is not capitalised or is a common word; nil when there is none.
    static func namedBefore(_ location: Int, in text: String) -> Range<String.Index>? {
        guard let end = Range(NSRange(location: location, length: 0), in: text)?.lowerBound else { return nil }
        var start = end
        var words = 0
        var cursor = end
        while words < 3 {
            // The word ending at `cursor`.
            var wordStart = cursor
            while wordStart > text.startIndex {
                let previous = text.index(before: wordStart)
                guard text[previous].isLetter || "'’-.".contains(text[previous]) else { break }
                wordStart = previous
            }
            guard wordStart < cursor, text[wordStart].isUppercase,
                  noCommonWord(wordStart..<cursor, in: text) else { break }
            start = wordStart
            words += 1
            guard wordStart > text.startIndex, text[text.index(before: wordStart)] == " " else { break }
            cursor = text.index(before: wordStart)
        }
        return words == 0 ? nil : start..<end
    }
}
