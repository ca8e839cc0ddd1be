import Foundation

/// How an item changed since the unit's previous list (*pemutakhiran*).
public enum ItemChange: String, Codable, Sendable, CaseIterable {
    case added = "baru"
    case changed = "berubah"
    case unchanged = "tetap"
    case reclassified = "klasifikasi_berubah"
    case withdrawn = "ditarik"
}

/// The lifecycle of a numbered DIP version: draft → approved → published.
public enum VersionStatus: String, Codable, Sendable {
    case draft
    case approved
    case published
}

/// Conclusion of a consequence test (DIP.md §4).
public enum ConsequenceConclusion: String, Codable, Sendable, CaseIterable {
    case pending = "menunggu"
    case exemptWhole = "dikecualikan_seluruhnya"
    case exemptPart = "dikecualikan_sebagian"
    case open = "terbuka"

    public var label: String {
        switch self {
        case .pending: return "Menunggu uji konsekuensi"
        case .exemptWhole: return "Dikecualikan seluruhnya"
        case .exemptPart: return "Dikecualikan sebagian"
        case .open: return "Terbuka"
        }
    }
}

/// An official who signs or approves (PPID, Atasan PPID, tester).
public struct Official: Codable, Hashable, Sendable {
    public var name: String
    /// 18-digit NIP.
    public var nip: String?
    public var title: String?
    public var rank: String?

    public init(name: String, nip: String? = nil, title: String? = nil, rank: String? = nil) {
        self.name = name
        self.nip = nip
        self.title = title
        self.rank = rank
    }

    /// The 18 digits of a NIP as typed, or nil when it is not one: the spaces of its printed
    /// form ("19820315 200604 2 011") are dropped; anything but ASCII digits is refused
    /// (`Character.isNumber` alone also takes other scripts' digits and fractions, which a
    /// decree or a berita acara would print as typed).
    public static func nipDigits(_ text: String) -> String? {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }
}

/// A consequence test (*uji konsekuensi*) of one item, with the fields of DIP.md §4.
public struct ConsequenceTest: Codable, Hashable, Sendable {
    /// The specific information exempted (a part, where possible).
    public var specificInformation: String
    /// Pasal 17 grounds ("17h2") and any sectoral law, as text.
    public var legalBasis: String
    public var grounds: [String]
    /// The consequence if the information were opened.
    public var consequence: String
    /// The public interest weighed (*uji kepentingan publik*).
    public var publicInterest: String
    public var conclusion: ConsequenceConclusion
    /// The exemption period, structured, plus its original text.
    public var period: RetentionPeriod
    public var periodText: String
    /// Conditions under which the information may be opened.
    public var conditionsForOpening: String
    public var tester: Official?
    public var testedOn: Date?
    /// The berita acara's registered number (*nomor naskah dinas*), given by the secretariat
    /// when the record is signed; nil until the PPID records it (the record prints the
    /// keputusan.json pattern or a dotted line, and the DIK decree cites no number).
    public var beritaAcaraNumber: String?
    /// Where the Tim met ("bertempat di …"); nil: the decrees' city (keputusan.json `city`).
    public var place: String?

    public init(
        specificInformation: String, legalBasis: String, grounds: [String], consequence: String,
        publicInterest: String, conclusion: ConsequenceConclusion, period: RetentionPeriod,
        periodText: String, conditionsForOpening: String, tester: Official?, testedOn: Date?,
        beritaAcaraNumber: String? = nil, place: String? = nil
    ) {
        self.specificInformation = specificInformation
        self.legalBasis = legalBasis
        self.grounds = grounds
        self.consequence = consequence
        self.publicInterest = publicInterest
        self.conclusion = conclusion
        self.period = period
        self.periodText = periodText
        self.conditionsForOpening = conditionsForOpening
        self.tester = tester
        self.testedOn = testedOn
        self.beritaAcaraNumber = beritaAcaraNumber
        self.place = place
    }

    /// A berita acara number or place as it is recorded, however it was typed, pasted or read
    /// from a cell: without invisible characters (a number copied from a DIK decree carries the
    /// zero-width space its Lampiran puts after each "/"; stored, it made the number differ from
    /// the one typed, and the next citation doubled it), no-break spaces as spaces, trimmed;
    /// nil when nothing is left.
    public static func recordedText(_ text: String?) -> String? {
        guard let text else { return nil }
        let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars where !invisible.contains(s) {
            scalars.append(s == "\u{00A0}" || s == "\u{202F}" ? " " : s)
        }
        let t = String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}

/// One item as it stands in a DIP version: what generators (decrees, feeds, archive) read.
public struct VersionItem: Codable, Hashable, Sendable {
    /// Stable identity across submissions, assigned by the register (e.g. "dinkes-0007").
    public var id: String
    /// The item's own revision number (1 for the first, +1 on each change).
    public var revision: Int
    public var unit: WorkUnit
    public var item: InformationItem
    /// The category the PPID settled on (after review and consequence test).
    public var category: Category
    public var subgroup: BerkalaSubgroup?
    public var classification: Classification?
    public var change: ItemChange
    /// When this revision was first recorded.
    public var recordedAt: Date
    /// Present for items that went through a consequence test.
    public var consequenceTest: ConsequenceTest?

    public init(
        id: String, revision: Int, unit: WorkUnit, item: InformationItem, category: Category,
        subgroup: BerkalaSubgroup?, classification: Classification?, change: ItemChange,
        recordedAt: Date, consequenceTest: ConsequenceTest? = nil
    ) {
        self.id = id
        self.revision = revision
        self.unit = unit
        self.item = item
        self.category = category
        self.subgroup = subgroup
        self.classification = classification
        self.change = change
        self.recordedAt = recordedAt
        self.consequenceTest = consequenceTest
    }
}

/// A numbered DIP version with its decree: the document model every generator consumes.
public struct DIPVersion: Codable, Hashable, Sendable {
    public var number: Int
    public var status: VersionStatus
    public var createdAt: Date
    public var decreeNumber: String?
    public var decreeDate: Date?
    public var approvedBy: Official?
    public var approvedAt: Date?
    /// Open items (berkala, serta merta, setiap saat) published by this version.
    public var items: [VersionItem]
    /// Exempted items (the DIK), each with its consequence test.
    public var exempted: [VersionItem]
    /// The decree this version revokes (diktum KEEMPAT), if any.
    public var previousDecreeNumber: String?
    public var previousDecreeDate: Date?
    /// The number of this version's DIK (classification) decree, given at approval.
    public var dikDecreeNumber: String? = nil
    /// The Atasan PPID recorded with the approval (the "Menyetujui" block of the DIK decree).
    public var atasan: Official? = nil
    /// The DIK decree this version's DIK decree revokes, if the previous version had one.
    public var previousDIKDecreeNumber: String? = nil
    public var previousDIKDecreeDate: Date? = nil
    /// Open items of this version (ids, in `items`) that the DIK decree it revokes classified as
    /// exempted and whose consequence test now concludes *terbuka*: the exemptions this version
    /// lifts, which the decree revoking that DIK decree names. Nil when there are none (so a
    /// version encoded without them reads the same).
    public var liftedExemptions: [String]? = nil

    public init(
        number: Int, status: VersionStatus, createdAt: Date, decreeNumber: String?,
        decreeDate: Date?, approvedBy: Official?, approvedAt: Date?, items: [VersionItem],
        exempted: [VersionItem], previousDecreeNumber: String?, previousDecreeDate: Date?
    ) {
        self.number = number
        self.status = status
        self.createdAt = createdAt
        self.decreeNumber = decreeNumber
        self.decreeDate = decreeDate
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.items = items
        self.exempted = exempted
        self.previousDecreeNumber = previousDecreeNumber
        self.previousDecreeDate = previousDecreeDate
    }
}
