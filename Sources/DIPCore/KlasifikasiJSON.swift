
/// The `"klasifikasi"` object of `dip check --format json` (documented in docs/rules.md).
/// Keys are Indonesian snake_case; `subkelompok` is written as null when absent.
public struct KlasifikasiJSON: Codable, Hashable, Sendable {
    /// One rule that fired.
    public struct Alasan: Codable, Hashable, Sendable {
        public var aturan: String
        public var keterangan: String
        public var kata: [String]
    }

    /// One precedent near the item (a decision on a similar title).
    public struct Preseden: Codable, Hashable, Sendable {
        public var judul: String
        public var kategori: String
        public var dasar: [String]
        public var badan: String
        public var jumlahBadan: Int
        public var sumber: String
        public var kemiripan: Double
        public var asal: String

        enum CodingKeys: String, CodingKey {
            case judul, kategori, dasar, badan
            case jumlahBadan = "jumlah_badan"
            case sumber, kemiripan, asal
        }
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
    /// The category the precedents alone suggest (added with precedents; null when none).
    public var kategoriPreseden: String?
    /// The nearest precedents (added with precedents; empty when none).
    public var preseden: [Preseden]
    /// The probability (0–1) that public bodies would withhold the item, by the learned layer
    /// (added with the learned layer; null when it knows none of the item's words).
    public var peluangDikecualikan: Double?
    /// The item's words that pushed it towards withheld (added with the learned layer).
    public var kataCondongDikecualikan: [String]
    /// The open category the learned layer suggests (added with the learned layer; null when none).
    public var kategoriModel: String?

    enum CodingKeys: String, CodingKey {
        case kategori, subkelompok
        case perluUjiKonsekuensi = "perlu_uji_konsekuensi"
        case dasarPengecualian = "dasar_pengecualian"
        case perluDitinjau = "perlu_ditinjau"
        case kategoriUnit = "kategori_unit"
        case tanpaDasarHukum = "tanpa_dasar_hukum"
        case alasan, catatan
        case kategoriPreseden = "kategori_preseden"
        case preseden
        case peluangDikecualikan = "peluang_dikecualikan"
        case kataCondongDikecualikan = "kata_condong_dikecualikan"
        case kategoriModel = "kategori_model"
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
        kategoriPreseden = c.precedentCategory?.rawValue
        preseden = c.precedents.map {
            Preseden(judul: $0.title, kategori: $0.category.rawValue, dasar: $0.grounds, badan: $0.body,
                     jumlahBadan: $0.bodies, sumber: $0.source, kemiripan: $0.similarity, asal: $0.origin)
        }
        peluangDikecualikan = c.learned?.withheldProbability
        kataCondongDikecualikan = c.learned?.withheldWords ?? []
        kategoriModel = c.learned?.openCategory?.rawValue
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kategori = try c.decodeIfPresent(String.self, forKey: .kategori)
        subkelompok = try c.decodeIfPresent(String.self, forKey: .subkelompok)
        perluUjiKonsekuensi = try c.decode(Bool.self, forKey: .perluUjiKonsekuensi)
        dasarPengecualian = try c.decode([String].self, forKey: .dasarPengecualian)
        perluDitinjau = try c.decode(Bool.self, forKey: .perluDitinjau)
        kategoriUnit = try c.decodeIfPresent(String.self, forKey: .kategoriUnit)
        tanpaDasarHukum = try c.decode(Bool.self, forKey: .tanpaDasarHukum)
        alasan = try c.decode([Alasan].self, forKey: .alasan)
        catatan = try c.decode([String].self, forKey: .catatan)
        kategoriPreseden = try c.decodeIfPresent(String.self, forKey: .kategoriPreseden)
        preseden = try c.decodeIfPresent([Preseden].self, forKey: .preseden) ?? []
        peluangDikecualikan = try c.decodeIfPresent(Double.self, forKey: .peluangDikecualikan)
        kataCondongDikecualikan = try c.decodeIfPresent([String].self, forKey: .kataCondongDikecualikan) ?? []
        kategoriModel = try c.decodeIfPresent(String.self, forKey: .kategoriModel)
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
        try container.encode(kategoriPreseden, forKey: .kategoriPreseden)
        try container.encode(preseden, forKey: .preseden)
        try container.encode(peluangDikecualikan, forKey: .peluangDikecualikan)
        try container.encode(kataCondongDikecualikan, forKey: .kataCondongDikecualikan)
        try container.encode(kategoriModel, forKey: .kategoriModel)
    }
}
