import DIPCore
import Foundation
import OfficeFormats

/// The consequence-test form (*lembar uji konsekuensi*, DIP.md §4) as .docx: one page per item,
/// prefilled from the register, with signature spaces for the PPID and the Atasan PPID.
public enum ConsequenceTestForm {
    /// Printed where a field has not been filled in yet.
    static let blank = "……………………………………………………………………"

    /// A document with one form per item (sorted by unit and source position).
    public static func document(items: [VersionItem], settings: DecreeSettings, clock: Clock) throws -> [UInt8] {
        let L = DecreeLayout(settings: settings, clock: clock)
        let page = L.portrait
        let width = page.textWidth
        var blocks: [DOCXBlock] = []
        let sorted = items.sorted(by: DecreeWriter.decreeOrder)
        for (index, v) in sorted.enumerated() {
            blocks += form(v, number: index + 1, layout: L, width: width, newPage: index > 0)
        }
        if sorted.isEmpty {
            blocks.append(L.paragraph("Tidak ada informasi yang memerlukan uji konsekuensi.", alignment: .center))
        }
        let units = Set(sorted.map(\.unit.name)).sorted()
        let title = "Lembar Uji Konsekuensi" + (units.count == 1 ? " – \(units[0])" : "")
        return try DOCXWriter.write(L.document(blocks: blocks, final: page, title: title))
    }

    static func form(_ v: VersionItem, number: Int, layout L: DecreeLayout, width: Int, newPage: Bool) -> [DOCXBlock] {
        let t = v.consequenceTest
        func value(_ s: String?) -> String {
            guard let s, !s.isEmpty else { return blank }
            return s
        }
        let grounds = t.map { $0.legalBasis.isEmpty ? DecreeWriter.groundsText($0.grounds) : $0.legalBasis }
            ?? DecreeWriter.groundsText(v.classification?.exemptionGrounds ?? [])
        let period = t.map(DecreeWriter.periodLabel)
        let conclusion = t?.conclusion ?? .pending
        let choices: [ConsequenceConclusion] = [.exemptWhole, .exemptPart, .open]
        let conclusionText = choices.map { ($0 == conclusion ? "☒ " : "☐ ") + $0.label }.joined(separator: "\n")
        var tested = ""
        if let tester = t?.tester { tested = tester.name + (tester.title.map { ", \($0)" } ?? "") }
        if let on = t?.testedOn { tested += (tested.isEmpty ? "" : "; ") + "tanggal \(L.clock.indonesianDate(on))" }

        let fields: [(String, String)] = [
            ("Nomor urut", "\(number)"),
            ("Perangkat Daerah/Unit", v.unit.name),
            ("Kode informasi", v.id),
            ("Ringkasan isi informasi", v.item.ringkasan),
            ("Pejabat/Unit yang menguasai informasi", value(v.item.pejabatPenguasa)),
            ("Informasi spesifik yang dikecualikan", value(t?.specificInformation)),
            ("Dasar hukum pengecualian (Pasal 17 UU 14/2008 dan peraturan sektoral)", value(grounds)),
            ("Konsekuensi apabila informasi dibuka", value(t?.consequence)),
            ("Pertimbangan kepentingan publik", value(t?.publicInterest)),
            ("Kesimpulan", conclusionText),
            ("Jangka waktu pengecualian", value(period)),
            ("Syarat dibukanya informasi", value(t?.conditionsForOpening)),
            ("Diuji oleh / tanggal", value(tested)),
        ]
        let labelWidth = DecreeLayout.twips(cm: 5.5)
        let table = DOCXTable(columnWidths: [labelWidth, width - labelWidth], rows: fields.map { label, text in
            DOCXRow([L.bodyCell(label, bold: true, shading: "F2F2F2"), L.bodyCell(text)], cantSplit: true)
        })
        var blocks: [DOCXBlock] = [
            .paragraph(DOCXParagraph([DOCXRun("LEMBAR UJI KONSEKUENSI INFORMASI PUBLIK", bold: true)], alignment: .center,
                                     pageBreakBefore: newPage)),
            L.paragraph(L.settings.bodyName.uppercased(), bold: true, alignment: .center, spaceAfter: 240),
            .table(table),
            L.empty(true),
            L.paragraph("\(L.settings.city), \(L.dateText(t?.testedOn, year: L.year(nil)))", keepWithNext: true,
                        indentLeft: width / 2),
            L.empty(true),
        ]
        // Signature spaces side by side: Atasan PPID (approves) left, PPID right. Titles and
        // names sit in separate rows so the two names line up whatever the titles' lengths.
        let half = width / 2
        func titleCell(_ heading: String, _ o: Official) -> DOCXCell {
            DOCXCell([
                DOCXParagraph([DOCXRun(heading)], alignment: .center, keepWithNext: true),
                DOCXParagraph([DOCXRun(o.title ?? "", bold: true)], alignment: .center, keepWithNext: true),
            ])
        }
        func nameCell(_ o: Official) -> DOCXCell {
            DOCXCell([
                DOCXParagraph(keepWithNext: true), DOCXParagraph(keepWithNext: true), DOCXParagraph(keepWithNext: true),
                DOCXParagraph([DOCXRun(o.name, bold: true, underline: true)], alignment: .center, keepWithNext: true),
                DOCXParagraph([DOCXRun("NIP. \(o.nip ?? "………………………………")")], alignment: .center),
            ])
        }
        let a = L.settings.atasanPPID, p = L.settings.ppid
        blocks.append(.table(DOCXTable(columnWidths: [half, width - half], rows: [
            DOCXRow([titleCell("Menyetujui,", a), titleCell("Yang menguji,", p)], cantSplit: true),
            DOCXRow([nameCell(a), nameCell(p)], cantSplit: true),
        ], borders: false)))
        return blocks
    }
}
