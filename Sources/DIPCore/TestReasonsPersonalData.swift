import Foundation

/// Names and values of personal data in the texts the Tim types to give a consequence test's
/// reasons (the consequence, the public interest, the conditions for opening). The berita acara
/// and the DIK decree's Lampiran, both published, print them masked (`PersonalDataValues.masked`);
/// the PPID is told where such a text was typed (`dip test`, the review pack's row), since a reason
/// never needs a person's name or NIK and the masked record reads worse than one written without
/// them (session 26). Uses `PersonalDataValues.find` only: no search of its own.
extension ConsequenceTest {
    /// The reason texts with the names the warning gives them, in the berita acara's order.
    public var reasonTexts: [(field: String, text: String)] {
        [("konsekuensi", consequence), ("kepentingan publik", publicInterest), ("syarat dibukanya informasi", conditionsForOpening)]
    }

    /// The reason texts holding a name or a value of personal data, each with the kinds found.
    public var personalDataInReasons: [(field: String, kinds: [PersonalDataValues.Kind])] {
        reasonTexts.compactMap { field, text in
            let kinds = PersonalDataValues.kinds(in: text)
            return kinds.isEmpty ? nil : (field, kinds)
        }
    }

    /// `personalDataInReasons` as the warnings print it ("konsekuensi: nama; kepentingan publik: NIK");
    /// nil when no reason text holds personal data.
    public var personalDataInReasonsLabel: String? {
        let found = personalDataInReasons
        guard !found.isEmpty else { return nil }
        return found.map { "\($0.field): " + $0.kinds.map(\.label).joined(separator: ", ") }.joined(separator: "; ")
    }

    /// The warning for the PPID when a reason text holds personal data; nil when none does.
    public var reasonsPersonalDataNote: String? {
        guard let found = personalDataInReasonsLabel else { return nil }
        return "Perhatian: teks uji konsekuensi memuat data pribadi (" + found
            + "). Berita acara dan Lampiran Keputusan Klasifikasi DIK diumumkan: keduanya mencetaknya \""
            + PersonalDataValues.nameMask + "\" atau \"" + PersonalDataValues.mask + "\". Alasan uji tidak perlu "
            + "menyebut nama atau data seseorang: catat ulang ujinya tanpa data itu."
    }
}
