import DIPCore
import Foundation
import OfficeFormats
import Rules

/// The consequence-test form (*lembar uji konsekuensi*, DIP.md §4) as .docx: one page per item,
/// prefilled from the register, with signature spaces for the PPID and the Atasan PPID.
public enum ConsequenceTestForm {
    /// Printed where a field has not been filled in yet.
    static let blank = "……………………………………………………………………"

    /// A document with one form per item (sorted by unit and source position). `draft`: the
    /// records of a version not yet approved (the draft's berita acara): each page carries the
    /// draft mark and the Atasan PPID's approval is a line to fill in, never a blank space.
    /// The document is the version's berita acara, published with the decrees (`reports/terbit/`,
    /// the archive package): the texts of a test that withheld its information are masked as the DIK
    /// decree's Lampiran masks them (`publicText`).
    public static func document(items: [VersionItem], settings: DecreeSettings, citations: LegalCitations,
                                atasan: Official? = nil, draft: Bool = false, clock: Clock) throws -> [UInt8] {
        try DOCXWriter.write(model(items: items, settings: settings, citations: citations, atasan: atasan,
                                   draft: draft, clock: clock, masksWithheld: true))
    }

    /// The document model; without `blocks` only its frame (styles, page, title, properties),
    /// for a body kept from an earlier rendering (`DOCXWriter.write(_:body:)`).
    /// `masksWithheld`: a published record (`document`); the units' forms of pending tests are the
    /// Tim's working papers, never published, and print the unit's texts as written.
    static func model(items: [VersionItem], settings: DecreeSettings, citations: LegalCitations,
                      atasan: Official?, draft: Bool = false, clock: Clock, blocks withBlocks: Bool = true,
                      masksWithheld: Bool = false) -> DOCXDocument {
        let L = DecreeLayout(settings: settings, clock: clock)
        let page = L.portrait
        let width = page.textWidth
        var blocks: [DOCXBlock] = []
        let sorted = items.sorted(by: PublishedList.order)
        if withBlocks {
            for (index, v) in sorted.enumerated() {
                blocks += form(v, number: index + 1, layout: L, citations: citations, atasan: atasan, width: width,
                               newPage: index > 0, draft: draft, masksWithheld: masksWithheld)
            }
            if sorted.isEmpty {
                blocks.append(L.paragraph("Tidak ada informasi yang memerlukan uji konsekuensi.", alignment: .center))
            }
        }
        let units = Set(sorted.map(\.unit.name)).sorted()
        let title = "Lembar Uji Konsekuensi" + (units.count == 1 ? " – \(units[0])" : "")
        return L.document(blocks: blocks, final: page, title: title)
    }

    /// Printed for each part of a meeting date not known yet ("Pada hari ini, …… tanggal ……"):
    /// the signer writes the day in by hand.
    static let dayBlank = "………………"

    /// The opening of a berita acara (tata naskah dinas practice; Permendagri 1/2023 governs the
    /// regions' official documents, the form is as its guides give it): "Pada hari ini, <hari> tanggal <tanggal> bulan <bulan> tahun
    /// <tahun>, bertempat di …", the day in words; dotted blanks when the test has no date yet. It
    /// names what the record holds as the law names it: the test of Pasal 19 UU 14/2008, the weighing
    /// of the public interest of Pasal 2 ayat (4) (its "Pertimbangan kepentingan publik" row), by the
    /// stages of Pasal 49 Perki 1/2021 (the DIK decree's Menimbang cites the same article; session 28).
    /// `place`: where the Tim met as the test recorded it; the decrees' city when none was.
    static func opening(_ date: Date?, place: String? = nil, unit: String, layout L: DecreeLayout) -> String {
        let day = date.map { Terbilang.day($0, clock: L.clock) }
            ?? "\(dayBlank) tanggal \(dayBlank) bulan \(dayBlank) tahun \(dayBlank)"
        return "Pada hari ini, \(day), bertempat di \(recordedText(place) ?? L.settings.city), telah dilakukan uji konsekuensi "
            + "sebagaimana dimaksud dalam Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi "
            + "Publik, dengan mempertimbangkan kepentingan publik sebagaimana dimaksud dalam Pasal 2 ayat (4) Undang-Undang "
            + "tersebut, menurut tahapan dan tata cara sebagaimana diatur dalam Pasal 49 Peraturan Komisi Informasi Nomor 1 "
            + "Tahun 2021 tentang Standar Layanan Informasi Publik, atas informasi yang dikuasai oleh \(unit), dengan hasil "
            + "sebagai berikut:"
    }

    /// A text the test recorded, as recorded (`ConsequenceTest.recordedText`: a register
    /// written before it was cleaned may hold a pasted zero-width space); nil when none was.
    static func recordedText(_ text: String?) -> String? { ConsequenceTest.recordedText(text) }

    /// The NOMOR line's number: the number registered for this record, else the deployment's
    /// pattern or the dotted line (`DecreeSettings.beritaAcaraNumber`).
    static func recordNumber(_ t: ConsequenceTest?, layout L: DecreeLayout) -> String {
        recordedText(t?.beritaAcaraNumber) ?? L.settings.beritaAcaraNumber(year: L.year(t?.testedOn))
    }

    /// How a decree cites the signed record of a test: "Berita Acara Uji Konsekuensi Nomor …
    /// tanggal …"; nil while no number is recorded (a pattern or a dotted line is no citation).
    /// `wrapsAtSlashes`: a zero-width space after each "/" of the number, for a narrow table
    /// column: a registered number ("000.9/1/BA-UK/Diskominfosatik/2026") is one word to
    /// LibreOffice and Word, which otherwise break it inside a word ("…/Dis" + "kominfosatik").
    public static func citation(_ t: ConsequenceTest?, clock: Clock, wrapsAtSlashes: Bool = false) -> String? {
        guard let t, var number = recordedText(t.beritaAcaraNumber) else { return nil }
        if wrapsAtSlashes { number = number.replacingOccurrences(of: "/", with: "/\u{200B}") }
        return "Berita Acara Uji Konsekuensi Nomor \(number)" + (t.testedOn.map { " tanggal \(clock.indonesianDate($0))" } ?? "")
    }

    /// What a published berita acara prints of a text the unit or the Tim wrote: for a test that
    /// withheld the information (in whole or in part), the names and values of personal data are
    /// masked (`PersonalDataValues`), as in the DIK decree's Lampiran and on the website, or the record
    /// published beside the decree would print what the decree withholds (session 25); a test that
    /// opened it prints it as the DIP's Lampiran does, as written.
    static func publicText(_ text: String, test: ConsequenceTest?) -> String {
        guard let t = test, t.conclusion == .exemptWhole || t.conclusion == .exemptPart else { return text }
        return PersonalDataValues.masked(text)
    }

    /// What a published berita acara prints of a text the Tim typed to give the test's reasons (the
    /// consequence, the public interest, the conditions for opening): names and values of personal data
    /// masked whatever the test concluded. These texts are the Tim's reasoning, not the information
    /// the test opened, and are published only in the record and the DIK decree's Lampiran; a reason
    /// never needs a person's name or NIK (session 26).
    public static func publicReason(_ text: String) -> String { PersonalDataValues.masked(text) }

    static func form(_ v: VersionItem, number: Int, layout L: DecreeLayout, citations: LegalCitations,
                     atasan: Official?, width: Int, newPage: Bool, draft: Bool = false,
                     masksWithheld: Bool = false) -> [DOCXBlock] {
        let t = v.consequenceTest
        let shown: (String) -> String = masksWithheld ? { publicText($0, test: t) } : { $0 }
        let reason: (String) -> String = masksWithheld ? publicReason : { $0 }
        // A recorded test is a signed record: an empty field reads "-", never dotted lines.
        func value(_ s: String?) -> String {
            guard let s, !s.isEmpty else { return t == nil ? blank : "-" }
            return s
        }
        let grounds = citations.citation(test: t, grounds: v.classification?.exemptionGrounds ?? [],
                                         unitText: v.item.dasarHukumText)
        let period = t.map { DecreeWriter.periodRecord($0, clock: L.clock) }
        let conclusion = t?.conclusion ?? .pending
        let choices: [ConsequenceConclusion] = [.exemptWhole, .exemptPart, .open]
        let conclusionText = choices.map { ($0 == conclusion ? "☒ " : "☐ ") + $0.label }.joined(separator: "\n")
        var tested = ""
        if let tester = t?.tester {
            tested = tester.name + (tester.title.map { ", \($0)" } ?? "") + (tester.nip.map { ", NIP. \($0)" } ?? "")
        }
        if let on = t?.testedOn { tested += (tested.isEmpty ? "" : "; ") + "tanggal \(L.clock.indonesianDate(on))" }

        let fields: [(String, String)] = [
            ("Nomor urut", "\(number)"),
            ("Perangkat Daerah/Unit", v.unit.name),
            ("Kode informasi", v.id),
            ("Ringkasan isi informasi", shown(v.item.ringkasan)),
            ("Pejabat/Unit yang menguasai informasi", value(v.item.pejabatPenguasa)),
            // A test concluding *terbuka* excepts nothing: its signed record names the
            // information tested, not "yang dikecualikan" beside "☒ Terbuka" (session 21).
            (conclusion == .open ? "Informasi spesifik yang diuji" : "Informasi spesifik yang dikecualikan",
             value((t?.specificInformation).map(shown))),
            // "yang diuji": the grounds weighed, upheld (dikecualikan) or not (terbuka) alike.
            ("Dasar hukum pengecualian yang diuji (Pasal 17 UU 14/2008 jo. undang-undang sektoral)", value(grounds)),
            ("Konsekuensi apabila informasi dibuka", value((t?.consequence).map(reason))),
            ("Pertimbangan kepentingan publik", value((t?.publicInterest).map(reason))),
            ("Kesimpulan", conclusionText),
            ("Jangka waktu pengecualian", value(period)),
            ("Syarat dibukanya informasi", value((t?.conditionsForOpening).map(reason))),
            ("Diuji oleh / tanggal", value(tested)),
        ]
        let labelWidth = DecreeLayout.twips(cm: 5.5)
        let table = DOCXTable(columnWidths: [labelWidth, width - labelWidth], rows: fields.map { label, text in
            DOCXRow([L.bodyCell(label, bold: true, shading: "F2F2F2"), L.bodyCell(text)],
                    cantSplit: L.fitsOnePage([text], widths: [width - labelWidth], section: L.portrait))
        })
        // A recorded test is its signed record (berita acara); an empty form is for filling in.
        let heading = t == nil ? "LEMBAR UJI KONSEKUENSI INFORMASI PUBLIK" : "BERITA ACARA UJI KONSEKUENSI INFORMASI PUBLIK"
        // A recorded test of a version not yet approved: printed, it must not pass for the
        // signed record (the Atasan PPID has not approved it yet).
        let marked = draft && t != nil
        var blocks: [DOCXBlock] = marked
            ? [.paragraph(DOCXParagraph([DOCXRun(DecreeWriter.draftNotice, bold: true)], alignment: .right,
                                        pageBreakBefore: newPage, spaceAfter: 120))]
            : []
        blocks += [
            .paragraph(DOCXParagraph([DOCXRun(heading, bold: true)], alignment: .center,
                                     pageBreakBefore: newPage && !marked)),
            L.paragraph(L.settings.bodyName.uppercased(), bold: true, alignment: .center, spaceAfter: 0),
            L.paragraph("NOMOR \(recordNumber(t, layout: L))", alignment: .center, spaceAfter: 240),
            .paragraph(DOCXParagraph([DOCXRun(opening(t?.testedOn, place: t?.place, unit: v.unit.name, layout: L))],
                                     alignment: .both,
                                     keepWithNext: true, spaceAfter: 120)),
            .table(table),
            L.empty(true),
            .paragraph(DOCXParagraph([DOCXRun("Demikian \(t == nil ? "lembar uji konsekuensi" : "berita acara") ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.")],
                                     alignment: .both, keepWithNext: true, spaceAfter: 120)),
            L.paragraph("\(L.settings.city), \(L.dateText(t?.testedOn, year: L.year(nil)))", keepWithNext: true,
                        indentLeft: width / 2),
            L.empty(true),
        ]
        // Signature spaces side by side: Atasan PPID (approves) left, the tester right, names
        // on one line; the rows cannot split and keep with the place and date above them.
        let half = width / 2
        let tester = t?.tester ?? L.settings.ppid
        // "Yang menguji," once: above the tester's position when there is one, else as the
        // position line itself (never "Yang menguji, / Penguji,").
        let position = tester.title.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let rows = L.approvalRows(date: t?.testedOn, year: L.year(nil), widths: (half, width - half), right: tester,
                                  rightTitle: position ?? "Yang menguji", rightHeading: [], atasan: atasan,
                                  final: t != nil, atasanFinal: t != nil && !draft)
        var headed = rows
        if position != nil { headed[0].cells[1].paragraphs[0].runs = [DOCXRun("Yang menguji,")] }
        blocks.append(.table(DOCXTable(columnWidths: [half, width - half], rows: headed, borders: false)))
        return blocks
    }
}
