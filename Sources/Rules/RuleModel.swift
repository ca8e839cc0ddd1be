import DIPCore

/// A place in a rule file: the file name and the 1-based line (and column when known).
public struct RuleFileLocation: Codable, Hashable, Sendable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// "aturan.yaml:12".
    public var text: String { line > 0 ? "\(file):\(line)" : file }

    public static func < (lhs: RuleFileLocation, rhs: RuleFileLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem in the rule files, told to the PPID officer in Indonesian.
public struct RuleIssue: Codable, Hashable, Sendable, Comparable {
    /// `.error` makes the rule set unusable (`dip rules check` exits non-zero); `.warning` not.
    public var severity: Severity
    public var location: RuleFileLocation
    /// Stable machine code, e.g. "yaml_syntax", "unknown_field", "duplicate_id".
    public var code: String
    /// What is wrong, in Indonesian.
    public var message: String

    public init(severity: Severity, location: RuleFileLocation, code: String, message: String) {
        self.severity = severity
        self.location = location
        self.code = code
        self.message = message
    }

    /// Legal defects a decree would print (a repealed or mistitled law, huruf j without its
    /// law): only warnings for `dip run`, so a workspace's older rules keep working, but errors
    /// for `dip rules check`, and `dip approve` refuses a version whose decrees would cite them.
    public static let checkErrorCodes: Set<String> = ["statute", "ground_without_law"]

    /// Whether `dip rules check` counts this issue as an error.
    public var blocksCheck: Bool { severity == .error || Self.checkErrorCodes.contains(code) }

    /// "aturan.yaml:12: galat: …" — one printable line (as `dip rules check` labels it).
    public var text: String {
        let label = blocksCheck ? "galat" : (severity == .warning ? "peringatan" : "info")
        return "\(location.text): \(label): \(message)"
    }

    public static func < (lhs: RuleIssue, rhs: RuleIssue) -> Bool {
        (lhs.location, lhs.code, lhs.message) < (rhs.location, rhs.code, rhs.message)
    }
}

/// Why rules could not be loaded.
public enum RuleSetError: Error, CustomStringConvertible {
    /// The rule files have errors; every issue found is listed (errors and warnings).
    case invalid([RuleIssue])
    /// The rules directory cannot be read.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let issues):
            return issues.map(\.text).joined(separator: "\n")
        case .unreadable(let path, let reason):
            return "Folder aturan tidak dapat dibaca: \(path) (\(reason))"
        }
    }

    /// The issues carried by the error (empty for an unreadable directory).
    public var issues: [RuleIssue] {
        if case .invalid(let issues) = self { return issues }
        return []
    }
}

/// A category as the rule files describe it (kategori.yaml); the code is one of DIPCore's four.
public struct CategoryInfo: Hashable, Sendable {
    public var category: Category
    public var label: String
    public var legalBasis: String
    public var description: String
}

/// A berkala sub-group A–K as described in kategori.yaml.
public struct SubgroupInfo: Hashable, Sendable {
    public var subgroup: BerkalaSubgroup
    public var title: String
    public var description: String
}

/// One entry of the serta merta or setiap saat list (kategori.yaml), e.g. `perjanjian`.
public struct ListEntry: Hashable, Sendable {
    public var code: String
    public var name: String
    public var legalBasis: String
    public var category: Category
    public var location: RuleFileLocation
}

/// A Pasal 17 ground or sub-point, e.g. `17h2` (pengecualian.yaml).
public struct ExemptionGround: Hashable, Sendable {
    /// "17h" for a letter, "17h2" for a sub-point.
    public var code: String
    public var title: String
    public var legalBasis: String
}

/// A Pasal 18 lift (pengecualian.yaml): when it applies, some grounds do not.
public struct Pasal18Lift: Hashable, Sendable {
    /// e.g. "18-2a".
    public var code: String
    public var title: String
    /// Grounds it may lift ("17g", "17h"); a letter covers its sub-points.
    public var lifts: [String]
}

/// One keyword rule of aturan.yaml.
///
/// It fires when every group of `all` has a phrase in the text, at least one phrase of `any`
/// is there (if `any` is not empty), and no phrase of `none` is, unless a phrase of `overrides`
/// is (outside the `none` phrases). Phrases are whole words.
public struct Rule: Hashable, Sendable {
    public var id: String
    /// *keterangan*: what the rule is for, in plain Indonesian; the reason units and the PPID
    /// read in feedback, the review pack and the consequence-test forms. `validate()` warns when it
    /// carries what only rule editors need (another rule's id, a file, words about matching).
    public var description: String
    /// *catatan*: the rule editors' note (sources, reasoning, which other rule reads a case);
    /// never shown to units, the PPID or citizens, only by `dip rules explain`.
    public var editorNote: String? = nil
    /// Higher wins when rules suggest different categories; file order breaks ties.
    public var priority: Int
    public var enabled: Bool
    /// *semua*: every group must match; a group is a list of alternatives.
    public var all: [[String]]
    /// *salah_satu*: at least one must match.
    public var any: [String]
    /// *kecuali*: none may match.
    public var none: [String]
    /// *mengalahkan_kecuali*: phrases that fire the rule although a `kecuali` phrase is in the
    /// text ("Banyaknya hari rawat per pasien beserta nama pasien": the count word does not open
    /// a list that names patients). Matched exactly as written, like `kecuali`; an occurrence
    /// overlapping one of the rule's own `kecuali` phrases does not count ("tanpa nama pasien").
    /// The rule's `semua` and `salah_satu` must still match.
    public var overrides: [String] = []
    /// *dapat_dikalahkan*: the `kecuali` phrases the `overrides` may beat; nil: every one. A
    /// `kecuali` phrase not listed keeps the rule from firing whatever override is in the text
    /// ("kelulusan" may be beaten by "nilai per nama", "pengumuman" not).
    public var beatable: [String]? = nil
    public var category: Category?
    /// *kategori_alternatif*: declared categories also accepted without review.
    public var alternatives: [Category]
    public var subgroup: BerkalaSubgroup?
    /// *pengecualian*: Pasal 17 grounds; a firing rule flags a consequence test.
    public var grounds: [String]
    /// *butir*: the serta merta / setiap saat list entry this rule recognises.
    public var listEntry: String?
    /// *pasal_18*: the Pasal 18 lift this rule applies.
    public var pasal18: String?
    /// *cabut*: the exact grounds this rule lifts ("17h" lifts only the letter-level ground;
    /// list "17h3" etc. to lift sub-points), within what its Pasal 18 entry allows.
    public var lifts: [String]
    public var mustMatch: [String]
    public var mustNotMatch: [String]
    public var location: RuleFileLocation
}
