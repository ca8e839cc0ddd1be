import DIPCore
import Foundation
import OfficeFormats
import Register

/// The exemptions in force whose period has ended or ends soon, or whose period dip cannot
/// count (`ExemptionPeriods.notices`), shown at the top of the review page and on a sheet of the
/// review workbook. UU 14/2008 Pasal 20 ayat (1): exemptions under Pasal 17 huruf a–f are not
/// permanent; an exemption whose period ended is kept by the next DIK decree only on a new
/// consequence test. Nothing is added when no exemption needs attention (the pack's bytes are
/// then what they were without this).
enum ExemptionPeriodsSection {
    static let title = "PERHATIAN: Pengecualian yang Jangka Waktunya Telah atau Akan Berakhir"
    static let headers = [
        "No", "Perangkat Daerah", "Kode Informasi", "Ringkasan Isi Informasi", "Kesimpulan Uji",
        "Jangka Waktu Pengecualian", "Ditetapkan dengan", "Berakhir pada", "Keadaan", "Yang Perlu Dilakukan",
        "Perintah Uji Ulang",
    ]
    static let widths: [Double] = [5, 24, 14, 40, 18, 18, 30, 16, 24, 60, 40]

    /// What to do, first: the page shows it above the rows and folds `details` away.
    static func lead(noticeDays: Int) -> String {
        "Lakukan uji konsekuensi ulang untuk setiap informasi di bawah ini: jangka waktu pengecualiannya telah "
            + "berakhir, akan berakhir dalam \(noticeDays) hari, atau tidak dapat dihitung dip."
    }

    static let details = "Informasi ini dikecualikan oleh keputusan klasifikasi yang berlaku. Jangka waktu pengecualian "
        + "dihitung sejak tanggal keputusan yang menetapkannya berdasarkan uji konsekuensinya; jangka waktu \"selama "
        + "berlaku\", \"sampai\" suatu peristiwa, atau teks yang tidak terbaca tidak dapat dihitung dip. "
        + "Pengecualian berdasarkan Pasal 17 huruf a–f tidak bersifat permanen (Pasal 20 ayat (1) UU 14/2008). "
        + "Bila uji ulang menyimpulkan terbuka, keputusan berikutnya mencabut pengecualiannya (disebut dalam diktumnya "
        + "beserta berita acaranya) dan informasinya masuk DIP; bila tetap dikecualikan, keputusan klasifikasi "
        + "berikutnya menetapkan jangka waktu baru sejak tanggalnya. Tanpa uji baru, dip approve menolak keputusan "
        + "klasifikasi yang mencantumkan kembali pengecualian yang jangka waktunya telah berakhir (kecuali dengan "
        + "--force-ended-exemptions)."

    static func intro(noticeDays: Int) -> String {
        AttentionSection.intro(lead: lead(noticeDays: noticeDays), details: details)
    }

    /// The sentence for the workbook's instructions and the page's header: the counts.
    static func summary(_ notices: [ExemptionNotice], noticeDays: Int, place: String) -> String {
        "PERHATIAN: " + ExemptionPeriods.countsText(notices, noticeDays: noticeDays)
            + "; lihat \(place) untuk uji konsekuensi ulang atau pencabutannya."
    }

    static func state(_ standing: ExemptionStanding, today: Date, clock: Clock) -> String {
        let day = IndonesianDate.startOfDay(today)
        func days(_ a: Date, _ b: Date) -> Int {
            Clock.wibCalendar.dateComponents([.day], from: a, to: b).day ?? 0
        }
        // Counted from the last day the exemption runs (`ExemptionPeriods.lastDay`), the day the
        // row's "Berakhir pada" prints: on that day it still runs and "berakhir hari ini".
        switch standing {
        case .ended(let end):
            let n = days(ExemptionPeriods.lastDay(end), day)
            return n == 1 ? "Telah berakhir kemarin" : "Telah berakhir \(n) hari yang lalu"
        case .ending(let end):
            let n = days(day, ExemptionPeriods.lastDay(end))
            return n == 0 ? "Berakhir hari ini" : n == 1 ? "Berakhir besok" : "Akan berakhir dalam \(n) hari"
        case .needsPerson: return "Tanggal berakhir tidak dapat dihitung"
        case .unreadable: return "Jangka waktu tidak terbaca"
        case .running, .permanent, .notDecided: return ""
        }
    }

    static func action(_ n: ExemptionNotice, clock: Clock) -> String {
        switch n.standing {
        case .ended:
            return "Lakukan uji konsekuensi ulang (barisnya ada di sheet Uji Konsekuensi, atau dengan perintah di kolom "
                + "terakhir). Bila terbuka: pengecualiannya dicabut dalam keputusan berikutnya dan "
                + "informasinya dimuat dalam DIP. Bila tetap dikecualikan: catat jangka waktu baru; keputusan klasifikasi "
                + "berikutnya menetapkannya."
        case .ending(let end):
            return "Jadwalkan uji konsekuensi ulang sebelum jangka waktunya \(ExemptionPeriods.endsText(end, clock: clock)) "
                + "(barisnya ada di sheet Uji Konsekuensi), agar keputusan yang mencabut atau menetapkan kembali "
                + "pengecualiannya berlaku paling lambat pada tanggal itu."
        case .needsPerson:
            return "Jangka waktu \"\(n.term.periodText)\" bergantung pada keadaan atau peristiwa: periksa apakah keadaan itu "
                + "sudah berakhir atau peristiwanya sudah terjadi; bila sudah, lakukan uji konsekuensi ulang."
        case .unreadable:
            return "Jangka waktu \"\(n.term.periodText)\" tidak terbaca sebagai jangka waktu (misalnya \"2 (dua) tahun\" atau "
                + "\"6 (enam) bulan\"): periksa uji konsekuensinya dan catat ulang dengan jangka waktu yang jelas."
        case .running, .permanent, .notDecided:
            return ""
        }
    }

    static func decree(_ t: ExemptionTerm, clock: Clock) -> String {
        guard let on = t.decidedOn else { return "" }
        return "Keputusan Klasifikasi" + (t.decreeNumber.map { " Nomor \($0)" } ?? "")
            + " tanggal \(clock.indonesianDate(on))" + (t.decidedInVersion.map { " (DIP versi \($0))" } ?? "")
    }

    static func endText(_ s: ExemptionStanding, clock: Clock) -> String {
        switch s {
        case .ended(let d), .ending(let d), .running(let d): return clock.indonesianDate(ExemptionPeriods.lastDay(d))
        default: return "-"
        }
    }

    /// One row per notice, in `headers` order.
    static func rows(_ input: ReviewInput, clock: Clock) -> [[String]] {
        input.exemptionNotices.enumerated().map { i, n in
            let t = n.term
            return [
                "\(i + 1)", t.unit.name, t.itemID, t.ringkasan, t.conclusion.label, t.periodText,
                decree(t, clock: clock), endText(n.standing, clock: clock), state(n.standing, today: clock.now, clock: clock),
                action(n, clock: clock), "dip test \(t.itemID) --revision \(t.revision) --conclusion …",
            ]
        }
    }

    /// The page's section (in the header, above the contents); empty when nothing needs attention.
    static func html(_ input: ReviewInput, clock: Clock) -> String {
        guard !input.exemptionNotices.isEmpty else { return "" }
        return AttentionSection.html(id: "jangka-waktu-pengecualian", title: title, lead: lead(noticeDays: input.exemptionNoticeDays),
                                     details: details, headers: headers, rows: rows(input, clock: clock),
                                     commandColumns: [headers.count - 1])
    }

    /// The workbook's sheet `ReviewFormat.exemptionPeriodsSheet` (read by no one: the decision is a
    /// new consequence test); nil when nothing needs attention.
    static func sheet(_ input: ReviewInput, clock: Clock) -> XLSXSheet? {
        guard !input.exemptionNotices.isEmpty else { return nil }
        return AttentionSection.sheet(name: ReviewFormat.exemptionPeriodsSheet, title: title,
                                      intro: intro(noticeDays: input.exemptionNoticeDays), headers: headers, widths: widths,
                                      rows: rows(input, clock: clock), numberColumns: [0])
    }
}
