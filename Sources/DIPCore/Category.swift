/// The four categories of public information under UU 14/2008 (DIP.md §2).
///
/// The raw value is the stable code used in JSON, the register and the rules.
public enum Category: String, CaseIterable, Codable, Sendable, Comparable {
    case berkala
    case sertaMerta = "serta_merta"
    case setiapSaat = "setiap_saat"
    case dikecualikan

    /// The Indonesian label printed in decrees and reports.
    public var label: String {
        switch self {
        case .berkala: return "Informasi yang Wajib Disediakan dan Diumumkan Secara Berkala"
        case .sertaMerta: return "Informasi yang Wajib Diumumkan Secara Serta Merta"
        case .setiapSaat: return "Informasi yang Wajib Tersedia Setiap Saat"
        case .dikecualikan: return "Informasi yang Dikecualikan"
        }
    }

    /// A short Indonesian label for tables ("Berkala", "Serta Merta", …).
    public var shortLabel: String {
        switch self {
        case .berkala: return "Berkala"
        case .sertaMerta: return "Serta Merta"
        case .setiapSaat: return "Setiap Saat"
        case .dikecualikan: return "Dikecualikan"
        }
    }

    /// The legal basis of the category.
    public var legalBasis: String {
        switch self {
        case .berkala: return "UU 14/2008 Pasal 9; Perki 1/2021"
        case .sertaMerta: return "UU 14/2008 Pasal 10"
        case .setiapSaat: return "UU 14/2008 Pasal 11"
        case .dikecualikan: return "UU 14/2008 Pasal 17 dan Pasal 19"
        }
    }

    /// Whether items of this category are published in the DIP (everything but exempted ones).
    public var isOpen: Bool { self != .dikecualikan }

    /// Decree order: A berkala, B serta merta, C setiap saat, D dikecualikan.
    public var order: Int {
        switch self {
        case .berkala: return 0
        case .sertaMerta: return 1
        case .setiapSaat: return 2
        case .dikecualikan: return 3
        }
    }

    public static func < (lhs: Category, rhs: Category) -> Bool { lhs.order < rhs.order }
}

/// The eleven berkala sub-groups of Perki 1/2021 (A–K), which e-Monev checks one by one.
public enum BerkalaSubgroup: String, CaseIterable, Codable, Sendable, Comparable {
    case A, B, C, D, E, F, G, H, I, J, K

    /// The Indonesian title of the sub-group.
    public var title: String {
        switch self {
        case .A: return "Informasi tentang Profil Badan Publik"
        case .B: return "Ringkasan Informasi tentang Program dan/atau Kegiatan"
        case .C: return "Ringkasan Informasi tentang Kinerja"
        case .D: return "Ringkasan Laporan Keuangan"
        case .E: return "Ringkasan Laporan Akses Informasi Publik"
        case .F: return "Informasi tentang Peraturan, Keputusan, dan/atau Kebijakan"
        case .G: return "Informasi tentang Hak dan Tata Cara Memperoleh Informasi Publik, Pengajuan Keberatan, dan Penyelesaian Sengketa"
        case .H: return "Informasi tentang Tata Cara Pengaduan Penyalahgunaan Wewenang atau Pelanggaran"
        case .I: return "Informasi tentang Pengumuman Pengadaan Barang dan Jasa"
        case .J: return "Informasi tentang Ketenagakerjaan"
        case .K: return "Informasi tentang Prosedur Peringatan Dini dan Prosedur Evakuasi Keadaan Darurat"
        }
    }

    public static func < (lhs: BerkalaSubgroup, rhs: BerkalaSubgroup) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
