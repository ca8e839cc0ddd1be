import Foundation

/// Values of personal data written into a text: a NIK or KK number, an NPWP, an e-mail address, a
/// mobile number, a bank account number. A summary is the name of the information, not its
/// content; a unit that writes "Rekam medis pasien a.n. …, NIK 3604…" into the summary of an
/// exempted item has the DIK decree's Lampiran and the website's list of exempted titles publish the
/// very data the exemption withholds (UU 14/2008 Pasal 17 huruf h). A person's name is found only
/// where the text itself says it is one (`PersonNames`: "Sdr. Budi Santoso", "pasien a.n. Siti"):
/// no pattern tells a bare name from a place or an office.
///
/// Patterns are narrow on purpose (a false alarm masks an ordinary title): 16 digits standing alone
/// (NIK and KK), the NPWP's printed form, an e-mail address, an Indonesian mobile number (08…, 62 8…,
/// +62 8…, 10–13 digits) and digits after "rekening" / "rek." (8–16 digits, never a budget code:
/// "kode rekening 5.1.02.01" has dots and is not taken).
public enum PersonalDataValues {
    public enum Kind: String, Sendable, CaseIterable {
        case nik, npwp, email, phone, bankAccount, name

        /// The Indonesian name a warning uses.
        public var label: String {
            switch self {
            case .nik: return "NIK/nomor KK"
            case .npwp: return "NPWP"
            case .email: return "alamat surel"
            case .phone: return "nomor telepon"
            case .bankAccount: return "nomor rekening"
            case .name: return "nama"
            }
        }
    }

    public struct Match: Sendable, Equatable {
        public var kind: Kind
        public var range: Range<String.Index>
    }

    /// What a masked value reads.
    public static let mask = "[data pribadi disamarkan]"
    /// What a masked name reads: the honorific before it stays, so the title still reads as one
    /// ("Surat pengaduan Sdr. [nama disamarkan]").
    public static let nameMask = "[nama disamarkan]"

    private static let patterns: [(Kind, NSRegularExpression)] = [
        (.npwp, #"(?<![0-9])[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9]-[0-9]{3}\.[0-9]{3}(?![0-9])"#),
        (.email, #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#),
        (.nik, #"(?<![0-9])(?:[0-9]{16}|[0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4})(?![0-9])"#),
        (.bankAccount, #"(?<!kode )(?<!kode)\brek(?:ening)?\b\.?\s*(?:(?:no|nomor)\b\.?\s*)?:?\s*([0-9]{2,}(?:[- ][0-9]+){0,5})(?![0-9.])"#),
        (.phone, #"(?<![0-9+])(?:\+62[ -]?|62[ -]?|0)8[0-9]{1,3}(?:[ -]?[0-9]{2,4}){2,3}(?![0-9])"#),
    ].map { kind, pattern in
        // The patterns are constants: a failure is a programming error caught by the tests.
        (kind, try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))
    }

    /// The personal-data values in `text`, in order, none overlapping (an earlier kind of the
    /// list above wins: an NPWP is not also read as a phone number).
    public static func find(in text: String) -> [Match] {
        find(in: text, names: PersonNames.find(in: text))
    }

    /// `find` with the names of persons already found (`PersonNames.find`).
    static func find(in text: String, names: [Range<String.Index>]) -> [Match] {
        var found = names.map { Match(kind: .name, range: $0) }
        // Nearly every summary has no "@" and no run of 8 digits (every value above has one, counted
        // across single spaces, dots and dashes): nothing to look for, and no pattern is run (the
        // review pack asks this of every row of a regency's draft).
        guard mayHoldValues(text) else { return found }
        let ns = NSRange(text.startIndex..., in: text)
        for (kind, regex) in patterns {
            for m in regex.matches(in: text, range: ns) {
                // A bank account is the number after the word, not the word.
                let r = kind == .bankAccount ? m.range(at: 1) : m.range
                guard let range = Range(r, in: text) else { continue }
                let digits = text[range].filter { $0.isASCII && $0.isNumber }.count
                switch kind {
                case .bankAccount: guard (8...16).contains(digits) else { continue }
                case .phone:
                    // Counted as dialled at home: "+62 812…" and "62812…" are "0812…".
                    let national = text[range].hasPrefix("0") ? digits : digits - 1
                    guard (10...13).contains(national) else { continue }
                default: break
                }
                if found.contains(where: { $0.range.overlaps(range) }) { continue }
                found.append(Match(kind: kind, range: range))
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Whether `text` has an "@" or a run of at least 8 ASCII digits, single separators (space, dot,
    /// dash) between digits not ending the run.
    static func mayHoldValues(_ text: String) -> Bool {
        var run = 0
        var separated = false
        for byte in text.utf8 {
            if byte == 0x40 { return true }
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                separated = false
                if run >= 8 { return true }
            } else if run > 0 && !separated && (byte == 0x20 || byte == 0x2E || byte == 0x2D) {
                separated = true
            } else {
                run = 0
                separated = false
            }
        }
        return false
    }

    /// The kinds found in `text`, in the order of `Kind.allCases`.
    public static func kinds(in text: String) -> [Kind] {
        kinds(of: find(in: text))
    }

    /// The kinds of `found`, in the order of `Kind.allCases`.
    static func kinds(of found: [Match]) -> [Kind] {
        let found = Set(found.map(\.kind))
        return Kind.allCases.filter(found.contains)
    }

    /// `text` with every value `find` reads replaced by `mask`, every name by `nameMask`.
    public static func masked(_ text: String) -> String {
        masked(text, found: find(in: text))
    }

    /// `text` with the values `found` in it masked.
    static func masked(_ text: String, found: [Match]) -> String {
        guard !found.isEmpty else { return text }
        var out = ""
        var at = text.startIndex
        for m in found {
            out += text[at..<m.range.lowerBound]
            out += m.kind == .name ? nameMask : mask
            at = m.range.upperBound
        }
        out += text[at...]
        return out
    }
}
