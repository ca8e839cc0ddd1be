
/// The `"klasifikasi"` object of `dip check --format json` (documented in docs/rules.md).
/// Keys are Indonesian snake_case; `subkelompok` is written as null when absent.
public struct KlasifikasiJSON: Codable, Hashable, Sendable {
    /// One rule that fired.
    public struct Alasan: Codable, Hashable, Sendable {
        public var aturan: String
        public var keterangan: String
        public var kata: [String]
    }

    public var kategori: String?
    public var subkelompok: String?
    public var perluUjiKonsekuensi: Bool
    public var dasarPengecualian: [String]
    public var perluDitinjau: Bool
    public var kategoriUnit: String?
    public var tanpaDasarHukum: Bool
    public var alasan: [Alasan]
    public var catatan: [String]

    enum CodingKeys: String, CodingKey {
        case kategori, subkelompok
        case perluUjiKonsekuensi = "perlu_uji_konsekuensi"
        case dasarPengecualian = "dasar_pengecualian"
        case perluDitinjau = "perlu_ditinjau"
        case kategoriUnit = "kategori_unit"
        case tanpaDasarHukum = "tanpa_dasar_hukum"
        case alasan, catatan
    }

    public init(_ c: Classification) {
        kategori = c.suggested?.rawValue
        subkelompok = c.subgroup?.rawValue
        perluUjiKonsekuensi = c.needsConsequenceTest
        dasarPengecualian = c.exemptionGrounds
        perluDitinjau = c.needsReview
        kategoriUnit = c.declared?.rawValue
        tanpaDasarHukum = c.missingLegalBasis
        alasan = c.hits.map { Alasan(aturan: $0.ruleID, keterangan: $0.description, kata: $0.matchedWords) }
        catatan = c.notes
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kategori, forKey: .kategori)
        try container.encode(subkelompok, forKey: .subkelompok)
        try container.encode(perluUjiKonsekuensi, forKey: .perluUjiKonsekuensi)
        try container.encode(dasarPengecualian, forKey: .dasarPengecualian)
        try container.encode(perluDitinjau, forKey: .perluDitinjau)
        try container.encode(kategoriUnit, forKey: .kategoriUnit)
        try container.encode(tanpaDasarHukum, forKey: .tanpaDasarHukum)
        try container.encode(alasan, forKey: .alasan)
        try container.encode(catatan, forKey: .catatan)
    }
}
