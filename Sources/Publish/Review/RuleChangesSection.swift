import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// Items on record that the rules in force now would classify differently (session 25,
/// `Pipeline.RuleChanges`): at the top of the review page, and on the workbook's sheet
/// `ReviewFormat.ruleChangesSheet`, where the PPID chooses for each to apply the new
/// classification or keep the one on record (read back by `ReviewWorkbookReader`). Nothing is
/// added when none waits (the pack's bytes are then what they were without this).
enum RuleChangesSection {
    static let title = "PERHATIAN: Klasifikasi berubah karena aturan baru"
    static let lead = "Aturan klasifikasi (folder rules/ atau program dip) telah berubah. Informasi berikut sudah tercatat "
        + "dengan klasifikasi menurut aturan lama, dan menurut aturan yang berlaku sekarang akan diklasifikasikan lain. "
        + "Untuk setiap baris, pilih \"\(ReviewFormat.applyRuleChange)\" atau \"\(ReviewFormat.keepRuleChange)\"."
    static let details = "Tidak ada yang diubah sebelum PPID memutuskan: klasifikasi tercatat dan keputusan PPID atasnya "
        + "tetap berlaku. \"\(ReviewFormat.applyRuleChange)\": informasi dicatat sebagai revisi baru dengan "
        + "klasifikasi aturan baru, lalu diperiksa ulang, termasuk uji konsekuensi bila diperlukan. "
        + "\"\(ReviewFormat.keepRuleChange)\": tidak ditanyakan lagi selama aturan menghasilkan klasifikasi yang sama."
    static let intro = AttentionSection.intro(lead: lead, details: details)

    /// The outcome in words: "Dikecualikan, perlu uji konsekuensi (UU 14/2008 Pasal 17 huruf h)".
    static func outcome(_ o: RuleOutcome, citations: LegalCitations) -> String {
        var text = o.category.shortLabel
        if o.needsTest { text += ", perlu uji konsekuensi" }
        if !o.grounds.isEmpty {
            let cited = citations.citation(codes: o.grounds)
            text += " (" + (cited.isEmpty ? o.grounds.joined(separator: ", ") : cited) + ")"
        }
        return text
    }

    static let readHeaders = [
        "Perangkat Daerah", "Nomor di Daftar Unit", "Ringkasan Isi Informasi", "Klasifikasi Tercatat",
        "Klasifikasi menurut Aturan Baru", "Aturan yang Menjelaskan", ReviewFormat.standingHeader,
    ]

    static func columns() -> [ReviewColumn] {
        [
            ReviewColumn(header: "No", width: 6, numeric: true),
            ReviewColumn(header: readHeaders[0], width: 24),
            ReviewColumn(header: readHeaders[1], width: 10),
            ReviewColumn(header: readHeaders[2], width: 44),
            ReviewColumn(header: readHeaders[3], width: 30),
            ReviewColumn(header: readHeaders[4], width: 30),
            ReviewColumn(header: readHeaders[5], width: 50),
            ReviewColumn(header: readHeaders[6], width: 18),
            ReviewColumn(header: ReviewFormat.ruleChangeDecisionHeader, width: 26,
                         options: ReviewFormat.ruleChangeOptions.map(\.0), input: true),
            ReviewColumn(header: ReviewFormat.noteHeader, width: 30, input: true),
            ReviewColumn(header: ReviewFormat.idHeader, width: 14, hidden: true),
            ReviewColumn(header: ReviewFormat.revisionHeader, width: 8, hidden: true),
        ]
    }

    /// The texts of each change, in `readHeaders` order.
    static func texts(_ input: ReviewInput) -> [[String]] {
        input.ruleChanges.map { change in
            let name = input.units.first { $0.code == change.unit }?.name ?? change.unit
            return [name, change.nomor, change.ringkasan, outcome(change.old, citations: input.citations),
                    outcome(change.new, citations: input.citations), change.rules.joined(separator: "\n"),
                    change.standing ?? "belum ada"]
        }
    }

    /// The workbook's sheet; nil when no change waits.
    static func table(_ input: ReviewInput) -> ReviewTable? {
        guard !input.ruleChanges.isEmpty else { return nil }
        let changes = input.ruleChanges
        let rows = texts(input).enumerated().map { i, texts in
            [String(i + 1)] + texts + ["", "", changes[i].itemID, String(changes[i].revision)]
        }
        return ReviewTable(sheet: ReviewFormat.ruleChangesSheet, title: title, intro: intro, columns: columns(), rows: rows)
    }

    /// The page's section (in the header, above the contents); empty when no change waits.
    static func html(_ input: ReviewInput) -> String {
        guard !input.ruleChanges.isEmpty else { return "" }
        return AttentionSection.html(id: "aturan-baru", title: title,
                                     lead: lead + " Keputusan diisi di lembar kerja Excel, sheet \(ReviewFormat.ruleChangesSheet).",
                                     details: details, headers: readHeaders, rows: texts(input))
    }

    /// The instructions sheet's line; nil when no change waits.
    static func summary(_ input: ReviewInput) -> String? {
        guard !input.ruleChanges.isEmpty else { return nil }
        return "PERHATIAN: \(IndonesianNumber.grouped(input.ruleChanges.count)) informasi yang tercatat diklasifikasikan lain "
            + "menurut aturan yang berlaku sekarang; lihat sheet \(ReviewFormat.ruleChangesSheet) dan pilih "
            + "\"\(ReviewFormat.applyRuleChange)\" atau \"\(ReviewFormat.keepRuleChange)\" untuk masing-masing."
    }
}

/// The rule changes as the command line prints them (`dip status`, `dip rules dampak`).
public enum RuleChangeText {
    /// The outcome in words (as the review pack says it).
    public static func outcome(_ o: RuleOutcome, citations: LegalCitations) -> String {
        RuleChangesSection.outcome(o, citations: citations)
    }

    /// One block per item: id, revision and summary; the outcome on record and the new one; the
    /// rules that explain it; the PPID's decision on record.
    public static func lines(_ changes: [RuleChange], citations: LegalCitations) -> String {
        var out = ""
        for c in changes {
            out += "  \(c.itemID) (revisi \(c.revision)): \(c.ringkasan)\n"
            out += "    tercatat: \(outcome(c.old, citations: citations))\n"
            out += "    aturan baru: \(outcome(c.new, citations: citations))\n"
            for rule in c.rules { out += "    aturan: \(rule)\n" }
            if let standing = c.standing { out += "    keputusan PPID tercatat: \(standing)\n" }
        }
        return out
    }
}
