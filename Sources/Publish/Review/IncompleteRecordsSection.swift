import DIPCore
import Foundation
import OfficeFormats
import Register

/// Recorded consequence tests whose berita acara still lacks its number (published) or its day
/// (recorded without one, not yet published) (`AppDatabase.incompleteRecords`): at the top of
/// the review page, and on the workbook's sheet `ReviewFormat.completionSheet`, where the PPID
/// writes the number the secretariat gave the signed record, or the day the Tim met (and, for a
/// record not yet published, where it met), and who records it. Read back by
/// `ReviewWorkbookReader` and recorded as completions in the workbook's transaction (session 28;
/// the place, session 29): the record is not printed again. Nothing is added when none waits
/// (the pack's bytes are then what they were without this).
///
/// A published record is never asked for its place: the signed paper already names one, the
/// place recorded with the test or else the decrees' city (`ConsequenceTestForm.opening`), and
/// what a signed record bears is not changed (the register refuses it, as `dip test --place`).
enum IncompleteRecordsSection {
    static let title = "PERHATIAN: Berita acara uji konsekuensi yang belum lengkap"
    static let lead = "Berita acara berikut sudah tercatat tetapi belum bernomor atau belum bertanggal uji. Isi di lembar kerja "
        + "Excel, sheet \(ReviewFormat.completionSheet): kolom \(ReviewFormat.beritaAcaraNumberHeader) dan/atau "
        + "\(ReviewFormat.testedOnHeader), serta \(ReviewFormat.completionNameHeader)."
    static let details = "Nomor berita acara yang sudah terbit adalah nomor yang ditulis sekretariat pada naskah yang "
        + "ditandatangani; berita acaranya tidak dicetak ulang, dan Keputusan Klasifikasi DIK berikutnya mengutip nomornya. "
        + "Tanggal uji adalah tanggal rapat Tim yang menguji; tanggal berita acara yang sudah terbit tidak diubah. "
        + "\(ReviewFormat.placeHeader) hanya untuk berita acara yang belum terbit, bila Tim tidak rapat di kota tempat "
        + "keputusan ditetapkan (tanpa isian itu berita acara memuat kota tersebut); berita acara yang sudah terbit "
        + "sudah memuat tempatnya dan tidak diubah. "
        + "Register mencatat siapa yang melengkapi dan kapan (sama dengan `dip test … --berita-acara-number/--tested-on/"
        + "--place --name`)."
    /// The hidden columns, named where the sheet is explained in the workbook (the intro, and the
    /// instructions sheet's line: the sheet itself starts with its header row, which the reader
    /// needs first); the page has none.
    static let hiddenColumns = "Kolom tersembunyi \(ReviewFormat.hiddenName(ReviewFormat.idHeader)), "
        + "\(ReviewFormat.hiddenName(ReviewFormat.revisionHeader)) dan \(ReviewFormat.hiddenName(ReviewFormat.testIDHeader)) "
        + "menunjukkan berita acara yang dilengkapi setiap baris: jangan diubah, dan jangan menambah baris."
    static let intro = AttentionSection.intro(lead: lead, details: details) + " " + hiddenColumns

    static let readHeaders = [
        "Perangkat Daerah", "Nomor di Daftar Unit", "Ringkasan Isi Informasi", "Kesimpulan Uji", "Tanggal Uji Tercatat",
        "Berita Acara", "Yang Perlu Diisi",
    ]

    static func columns() -> [ReviewColumn] {
        [
            ReviewColumn(header: "No", width: 6, numeric: true),
            ReviewColumn(header: readHeaders[0], width: 24),
            ReviewColumn(header: readHeaders[1], width: 10),
            ReviewColumn(header: readHeaders[2], width: 44),
            ReviewColumn(header: readHeaders[3], width: 20),
            ReviewColumn(header: readHeaders[4], width: 24),
            ReviewColumn(header: readHeaders[5], width: 24),
            ReviewColumn(header: readHeaders[6], width: 50),
            ReviewColumn(header: ReviewFormat.beritaAcaraNumberHeader, width: 30, input: true),
            ReviewColumn(header: ReviewFormat.testedOnHeader, width: 16, input: true),
            ReviewColumn(header: ReviewFormat.placeHeader, width: 22, input: true),
            ReviewColumn(header: ReviewFormat.completionNameHeader, width: 26, input: true),
            ReviewColumn(header: ReviewFormat.idHeader, width: 14, hidden: true),
            ReviewColumn(header: ReviewFormat.revisionHeader, width: 8, hidden: true),
            ReviewColumn(header: ReviewFormat.testIDHeader, width: 8, hidden: true),
        ]
    }

    /// What the row asks for, in words.
    static func toFill(_ r: IncompleteRecord) -> String {
        var asks: [String] = []
        // A number is asked of published records only (`IncompleteRecord.needsNumber`).
        if r.needsNumber {
            asks.append("Tulis di kolom \(ReviewFormat.beritaAcaraNumberHeader) nomor yang tertulis pada naskah yang "
                + "ditandatangani (misalnya 000.9/10/BA-UK/2026); naskahnya tidak dicetak ulang.")
        }
        if r.needsDay {
            asks.append("Tulis di kolom \(ReviewFormat.testedOnHeader) tanggal rapat Tim yang menguji (misalnya 26/11/2026 "
                + "atau 26 November 2026), tidak sesudah hari ini; tanpa tanggal itu, versi yang menerbitkannya tidak dapat "
                + "disetujui.")
        }
        if r.publishedWith == nil {
            asks.append(r.place.map { "Tempat uji tercatat: \($0); isi \(ReviewFormat.placeHeader) hanya bila salah." }
                ?? "Isi \(ReviewFormat.placeHeader) bila Tim tidak rapat di kota tempat keputusan ditetapkan.")
        }
        asks.append("Isi \(ReviewFormat.completionNameHeader) (kosong: nama pemeriksa di sheet \(ReviewFormat.instructionsSheet)).")
        return asks.joined(separator: " ")
    }

    /// The texts of each record, in `readHeaders` order.
    static func texts(_ input: ReviewInput, clock: Clock) -> [[String]] {
        input.incompleteRecords.map { r in
            let name = input.units.first { $0.code == r.unit }?.name ?? r.unit
            let day = r.testedOn.map { clock.indonesianDate($0) }
                ?? "belum diisi (dicatat \(clock.indonesianDate(r.recordedAt)))"
            let record = r.publishedWith.map { "Terbit dengan DIP versi \($0), belum bernomor" } ?? "Belum terbit"
            return [name, r.nomor, r.ringkasan, (ReviewFormat.conclusionOptions.first { $0.1 == r.conclusion }?.0 ?? r.conclusion.rawValue), day, record, toFill(r)]
        }
    }

    /// The workbook's sheet; nil when no record waits.
    static func table(_ input: ReviewInput, clock: Clock) -> ReviewTable? {
        guard !input.incompleteRecords.isEmpty else { return nil }
        let records = input.incompleteRecords
        let rows = texts(input, clock: clock).enumerated().map { i, texts in
            [String(i + 1)] + texts + ["", "", "", "", records[i].itemID, String(records[i].revision),
                                   records[i].testID.map(String.init) ?? ""]
        }
        return ReviewTable(sheet: ReviewFormat.completionSheet, title: title, intro: intro, columns: columns(), rows: rows)
    }

    /// The page's section (in the header, above the contents); empty when no record waits.
    static func html(_ input: ReviewInput, clock: Clock) -> String {
        guard !input.incompleteRecords.isEmpty else { return "" }
        return AttentionSection.html(id: "lengkapi-berita-acara", title: title, lead: lead, details: details,
                                     headers: readHeaders, rows: texts(input, clock: clock))
    }

    /// The instructions sheet's line, naming the sheet's hidden columns; nil when no record waits.
    static func summary(_ input: ReviewInput) -> String? {
        guard !input.incompleteRecords.isEmpty else { return nil }
        return "PERHATIAN: \(IndonesianNumber.grouped(input.incompleteRecords.count)) berita acara uji konsekuensi yang "
            + "tercatat belum bernomor atau belum bertanggal uji; lihat sheet \(ReviewFormat.completionSheet) dan isi "
            + "nomornya, tanggal ujinya atau tempat ujinya beserta nama petugas yang mencatat. " + hiddenColumns
    }
}
