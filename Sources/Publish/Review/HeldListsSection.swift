import DIPCore
import Foundation
import OfficeFormats
import Register

/// The lists held for the PPID because they would withdraw most of a unit's items (issue 16
/// #7), shown at the top of the review page and on a sheet of the review workbook, so a PPID
/// who reads only the review pack sees them. Nothing is added when no list is held (the
/// pack's bytes are then what they were without this).
enum HeldListsSection {
    static let title = "PERHATIAN: Kiriman Daftar yang Ditahan"
    static let lead = "Kiriman berikut akan menarik sebagian besar daftar unitnya, sehingga ditahan dan BELUM diterapkan. "
        + "Tanyakan kepada unit kerja apakah penarikan itu disengaja, lalu jalankan salah satu perintah "
        + "(ganti Nama PPID dengan nama Anda)."
    static let details = "Daftar unit yang tercatat tetap berlaku dan itulah yang tampak pada pemeriksaan ini. "
        + "Kiriman baru dari unit menggantikan kiriman yang ditahan."
    static let intro = AttentionSection.intro(lead: lead, details: details)
    static let headers = [
        "Unit Kerja", "Berkas", "Diterima", "Informasi dalam Berkas", "Informasi Tercatat",
        "Akan Ditarik", "Perintah untuk Melepas (menerapkan)", "Perintah untuk Menolak",
    ]
    static let widths: [Double] = [28, 30, 18, 14, 14, 12, 40, 46]

    static func releaseCommand(_ hold: HeldSubmission) -> String {
        "dip release \(hold.unit) --name \"Nama PPID\""
    }

    static func refuseCommand(_ hold: HeldSubmission) -> String {
        "dip release \(hold.unit) --refuse --name \"Nama PPID\""
    }

    /// One row per held list, in `headers` order (counts as digits).
    static func rows(_ input: ReviewInput, clock: Clock) -> [[String]] {
        input.held.map { hold in
            let name = input.units.first { $0.code == hold.unit }?.name ?? hold.unit
            return [
                "\(name) (\(hold.unit))", hold.fileName, clock.indonesianDate(hold.receivedAt),
                String(hold.itemCount), String(hold.count.current), String(hold.count.withdrawn),
                releaseCommand(hold), refuseCommand(hold),
            ]
        }
    }

    /// The page's section (placed in the header, above the contents); empty when nothing is held.
    static func html(_ input: ReviewInput, clock: Clock) -> String {
        guard !input.held.isEmpty else { return "" }
        return AttentionSection.html(id: "ditahan", title: title, lead: lead, details: details, headers: headers,
                                     rows: rows(input, clock: clock), commandColumns: [6, 7])
    }

    /// The workbook's sheet `ReviewFormat.heldSheet` (read by no one: the decision is the
    /// `dip release` command, never a cell); nil when nothing is held.
    static func sheet(_ input: ReviewInput, clock: Clock) -> XLSXSheet? {
        guard !input.held.isEmpty else { return nil }
        return AttentionSection.sheet(name: ReviewFormat.heldSheet, title: title, intro: intro, headers: headers, widths: widths,
                                      rows: rows(input, clock: clock), numberColumns: [3, 4, 5])
    }
}
