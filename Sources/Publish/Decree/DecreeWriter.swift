import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// Decree drafts (DIP.md §5) as .docx: the DIP decree with its landscape Lampiran, and the
/// classification decree for the exempted information (DIK).
public enum DecreeWriter {
    /// Column titles of the DIP Lampiran table.
    /// The seven fields' full names (Perki 1/2010 Pasal 13 ayat (1) huruf a, DIP.md §3).
    public static let dipColumns = [
        "No.", "Ringkasan Isi Informasi", "Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi",
        "Penanggung Jawab Pembuatan atau Penerbitan Informasi", "Waktu dan Tempat Pembuatan Informasi",
        "Bentuk Informasi yang Tersedia", "Jangka Waktu Penyimpanan atau Retensi Arsip",
    ]

    /// Column titles of the DIK Lampiran table.
    public static let dikColumns = [
        "No.", "Informasi yang Dikecualikan", "Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi",
        "Dasar Hukum Pengecualian", "Konsekuensi apabila Informasi Dibuka", "Pertimbangan Kepentingan Publik",
        "Kesimpulan Uji Konsekuensi", "Jangka Waktu Pengecualian", "Syarat Dibukanya Informasi",
    ]

    /// The title after "tentang", e.g. "Penetapan Daftar Informasi Publik di Lingkungan
    /// Pemerintah Kabupaten Serang Tahun 2026".
    public static func dipTitle(settings: DecreeSettings, year: Int) -> String {
        "Penetapan Daftar Informasi Publik di Lingkungan \(settings.bodyName) Tahun \(year)"
    }

    public static func dikTitle(settings: DecreeSettings, year: Int) -> String {
        "Klasifikasi Informasi yang Dikecualikan di Lingkungan \(settings.bodyName) Tahun \(year)"
    }

    /// What a draft says above its first page and its Lampiran, so that a printed draft (no
    /// number, dotted signature lines) is never taken for the decree itself.
    static let draftNotice = "DRAF — belum ditetapkan dan belum ditandatangani"

    static func draftMark(_ L: DecreeLayout, final: Bool) -> [DOCXBlock] {
        final ? [] : [L.paragraph(draftNotice, bold: true, alignment: .right, spaceAfter: 120)]
    }

    /// The diktum labels in order.
    static let diktumLabels = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN"]

    /// Label rows for the diktums in order (KESATU, KEDUA, …), so that no diktum is empty and
    /// the numbering never skips when one is left out.
    static func dictums(_ texts: [[DOCXParagraph]]) -> [DecreeLayout.LabelRow] {
        texts.enumerated().map { DecreeLayout.LabelRow(label: diktumLabels[$0.offset], paragraphs: $0.element) }
    }

    /// Where a Menimbang point says `{keputusan}`: the decree's own name, "Keputusan <issuer>
    /// tentang <title>", as the last consideration must name it (Lampiran II UU 12/2011: "…, perlu
    /// menetapkan Peraturan … tentang …;"), in step with the issuer and the year of the title.
    static let decreePlaceholder = "{keputusan}"

    static func considerations(_ texts: [String], settings: DecreeSettings, title: String) -> [String] {
        texts.map { $0.replacingOccurrences(of: decreePlaceholder, with: "Keputusan \(titleCase(settings.issuer)) tentang \(title)") }
    }

    /// The considerations of a decree that replaces one in force: before the last point (which
    /// draws the conclusion from the points before it) a point saying which decree it replaces and
    /// why (`replacing`), and the last point's cross-reference counting it ("sebagaimana dimaksud
    /// dalam huruf a, huruf b, dan huruf c"). A reader of an update decree saw the same a–c as the
    /// first decree's and learnt only from a diktum near the end that it revoked another. When the
    /// configured last point names its points otherwise, it is left as written and no point is
    /// added: a cross-reference that skips the new point would be wrong.
    static func considerations(_ texts: [String], settings: DecreeSettings, title: String, replacing: String?) -> [String] {
        var points = considerations(texts, settings: settings, title: title)
        guard let replacing, points.count >= 2,
              let range = points[points.count - 1].range(of: #"dalam huruf a(?:,? huruf [a-z])*,? dan huruf [a-z]\b"#,
                                                         options: .regularExpression) else { return points }
        var letters: [String] = []
        for i in 0..<points.count { letters.append("huruf " + String(UnicodeScalar(UInt8(97 + i)))) }
        let last: String = letters.removeLast()
        let named: String = letters.count == 1 ? "\(letters[0]) dan \(last)" : letters.joined(separator: ", ") + ", dan " + last
        points[points.count - 1].replaceSubrange(range, with: "dalam " + named)
        points.insert(replacing, at: points.count - 1)
        return points
    }

    /// The revoked decree, cited in full: "Keputusan <issuer> Nomor … tanggal … tentang …".
    static func revokedDecree(settings: DecreeSettings, number: String, date: Date?, title: String, clock: Clock) -> String {
        let when = date.map { " tanggal \(clock.indonesianDate($0))" } ?? ""
        return "Keputusan \(titleCase(settings.issuer)) Nomor \(number)\(when) tentang \(title)"
    }

    /// The DIK decree in force when `version` is set, cited in full, which its decrees revoke
    /// (its DIK decree, or its DIP decree when it exempts nothing): the last published version's,
    /// else, on a first decree only, the one made before dip (a published version since then
    /// revoked that one already).
    static func dikDecreeInForce(version: DIPVersion, settings: DecreeSettings, layout L: DecreeLayout, clock: Clock) -> String? {
        if let previous = version.previousDIKDecreeNumber {
            return revokedDecree(settings: settings, number: previous, date: version.previousDIKDecreeDate,
                                 title: dikTitle(settings: settings, year: L.year(version.previousDIKDecreeDate)), clock: clock)
        }
        if version.previousDecreeNumber == nil, let earlier = settings.keputusanDIKSebelumnya {
            return revokedDecree(settings: settings, number: earlier.number,
                                 date: try? IndonesianDate.parse(earlier.date), title: earlier.title, clock: clock)
        }
        return nil
    }

    /// The diktum naming the exemptions `version` lifts (`DIPVersion.liftedExemptions`), for the
    /// decree that revokes the DIK decree which classified them; `decree` refers to that revoked
    /// decree. The law gives the PPID the *penetapan* of exempted information "sebagai Informasi
    /// Publik yang dapat diakses" (PP 61/2010's list of the PPID's duties, as PPID pages quote it;
    /// Permenpora 14/2023 Pasal 55: the PPID sets it, and opened information enters the DIP), so
    /// the signed decree says which items it opens and on which test's record, instead of letting
    /// them vanish unnamed from the revoked decree's Lampiran (docs/rules.md, eighth review).
    static func liftedExemptions(version: DIPVersion, decree: String, layout L: DecreeLayout, clock: Clock) -> [DOCXParagraph]? {
        guard let ids = version.liftedExemptions, !ids.isEmpty else { return nil }
        let lifted = version.items.filter { ids.contains($0.id) }
        guard !lifted.isEmpty else { return nil }
        let lines = lifted.enumerated().map { i, v -> DOCXParagraph in
            let t = v.consequenceTest
            var record = "Berita Acara Uji Konsekuensi"
            if let number = t.flatMap({ ConsequenceTestForm.recordedText($0.beritaAcaraNumber) }) { record += " Nomor \(number)" }
            if let on = t?.testedOn { record += " tanggal \(clock.indonesianDate(on))" }
            let end = i == lifted.count - 1 ? "," : (i == lifted.count - 2 ? "; dan" : ";")
            return L.justified("\(cellText(v.item.ringkasan).replacingOccurrences(of: "\n", with: " ")) yang dikuasai oleh \(v.unit.name) (\(record))\(end)",
                               numbering: DecreeLayout.liftedList, spaceAfter: 0)
        }
        return [L.justified("Informasi yang dikecualikan dalam \(decree) yang berdasarkan Uji Konsekuensi disimpulkan terbuka, yaitu:", spaceAfter: 0)]
            + lines
            + [L.justified("tidak lagi dikecualikan dan ditetapkan sebagai Informasi Publik yang dapat diakses serta dimuat dalam Daftar Informasi Publik.")]
    }

    /// *Keputusan … tentang Penetapan Daftar Informasi Publik …*: body on portrait pages, the
    /// Lampiran (the published list: open items and the open parts of items exempted in part,
    /// never the exempted ones) on landscape pages.
    public static func penetapanDIP(version: DIPVersion, settings: DecreeSettings, citations: LegalCitations,
                                    clock: Clock, logo: DOCXImage? = nil, kept: KeptRows? = nil) throws -> [UInt8] {
        try penetapanDIP(version: version, annex: DecreeAnnex(version: version), settings: settings,
                         citations: citations, clock: clock, logo: logo, kept: kept)
    }

    /// The same decree with its Lampiran's items from `annex` (read as the rows are written);
    /// `version` gives the header (number, dates, signatory, previous decree), its items are
    /// not read.
    public static func penetapanDIP(version: DIPVersion, annex: DecreeAnnex, settings: DecreeSettings,
                                    citations: LegalCitations, clock: Clock, logo: DOCXImage? = nil,
                                    kept: KeptRows? = nil) throws -> [UInt8] {
        let L = DecreeLayout(settings: settings, clock: clock, logo: logo)
        let year = L.year(version.decreeDate)
        let number = version.decreeNumber ?? settings.blankNumber(year: year)
        let title = dipTitle(settings: settings, year: year)
        let bodyWidth = L.portrait.textWidth

        let final = version.status != .draft

        // The decree revoked: the previous dip version's, else the one made before dip.
        var revokedDIP: String?
        if let previous = version.previousDecreeNumber {
            let prevYear = L.year(version.previousDecreeDate)
            revokedDIP = revokedDecree(settings: settings, number: previous, date: version.previousDecreeDate,
                                       title: dipTitle(settings: settings, year: prevYear), clock: clock)
        } else if let earlier = settings.keputusanSebelumnya {
            revokedDIP = revokedDecree(settings: settings, number: earlier.number,
                                       date: try? IndonesianDate.parse(earlier.date), title: earlier.title, clock: clock)
        }
        // A version that exempts nothing issues no DIK decree; the DIK decree in force (the last
        // published version's, else on a first decree the one made before dip) would stay in
        // force beside a DIP that publishes what it exempted, so this decree revokes it too.
        let revokedDIK = version.exempted.isEmpty ? dikDecreeInForce(version: version, settings: settings, layout: L, clock: clock) : nil
        var revoked: [String] = []
        if let revokedDIP { revoked.append(revokedDIP) }
        if let revokedDIK { revoked.append(revokedDIK) }
        let revocation: String? = revoked.isEmpty ? nil : revoked.joined(separator: " dan ")
        // Why it replaces them, in the considerations (the diktum revoking them says what).
        var replacing: String?
        if let revokedDIP {
            var dikPart = ";"
            if let revokedDIK { dikPart = ", dan \(revokedDIK) perlu dicabut karena tidak ada lagi informasi yang dikecualikan;" }
            let updated: String = "bahwa Daftar Informasi Publik yang ditetapkan dengan \(revokedDIP) telah dimutakhirkan sesuai dengan "
                + "perubahan Informasi Publik yang berada di bawah penguasaan Badan Publik, sehingga Keputusan tersebut perlu diganti"
            replacing = updated + dikPart
        } else if let revokedDIK {
            replacing = "bahwa tidak ada lagi informasi yang dikecualikan sebagaimana ditetapkan dengan \(revokedDIK), sehingga "
                + "Keputusan tersebut perlu dicabut;"
        }
        var blocks = draftMark(L, final: final) + L.letterhead() + L.heading(number: number, title: title)
        blocks.append(L.labelTable([
            .init(label: "Menimbang", paragraphs: considerations(settings.menimbang, settings: settings, title: title, replacing: replacing)
                .map { L.justified($0, numbering: DecreeLayout.menimbangList) }),
            .init(label: "Mengingat", paragraphs: settings.mengingatDIP.map { L.justified($0, numbering: DecreeLayout.mengingatList) }),
        ], textWidth: bodyWidth))
        blocks.append(L.paragraph("MEMUTUSKAN:", bold: true, alignment: .center, spaceAfter: 240, keepWithNext: true))
        let categories: [Category] = [.berkala, .sertaMerta, .setiapSaat]
        let count = annex.entries.count
        var texts: [[DOCXParagraph]] = [
            [L.justified("Menetapkan Daftar Informasi Publik di Lingkungan \(settings.bodyName) Tahun \(year) sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.")],
            [L.justified("Daftar Informasi Publik sebagaimana dimaksud dalam Diktum KESATU terdiri atas:", spaceAfter: 0)]
                // Each category with its count, as the Lampiran's sections A–C hold them, so that
                // every figure the body states can be checked against the annex.
                + categories.map { c in
                    let n = annex.entries.filter { $0.category == c }.count
                    return L.justified("\(c.label) sebanyak \(n) (\(Terbilang.words(n))) informasi;",
                                       numbering: DecreeLayout.kategoriList, spaceAfter: 0)
                }
                + [L.justified("dengan jumlah seluruhnya \(count) (\(Terbilang.words(count))) informasi.")],
            [L.justified(settings.diktumPemutakhiran)],
        ]
        if let revocation {
            texts.append([L.justified("Pada saat Keputusan ini mulai berlaku, \(revocation), dicabut dan dinyatakan tidak berlaku.")])
            // With no DIK decree of its own, this decree revokes the one in force: it names the
            // exemptions it lifts.
            if version.exempted.isEmpty, let lifted = liftedExemptions(
                version: version, decree: "Keputusan tentang Klasifikasi Informasi yang Dikecualikan sebagaimana dimaksud dalam Diktum \(diktumLabels[texts.count - 1])",
                layout: L, clock: clock) {
                texts.append(lifted)
            }
        }
        texts.append([L.justified("Keputusan ini mulai berlaku pada tanggal ditetapkan.")])
        blocks += L.diktumBlocks([
            .init(label: "Menetapkan", paragraphs: [L.justified("KEPUTUSAN \(settings.issuer) TENTANG \(title.uppercased()).", bold: true)]),
        ] + dictums(texts), textWidth: bodyWidth)
        blocks += L.signature(date: version.decreeDate, year: year, textWidth: bodyWidth, official: version.approvedBy,
                              final: version.status != .draft)
        blocks += L.tembusan()
        blocks.append(.sectionBreak(L.portrait))

        // Lampiran.
        let lampiran = L.landscape
        let dateText = L.dateText(version.decreeDate, year: year)
        blocks += draftMark(L, final: final)
        blocks += L.lampiranHeader(number: number, dateText: dateText, title: title, textWidth: lampiran.textWidth)
        blocks.append(L.paragraph("DAFTAR INFORMASI PUBLIK", bold: true, alignment: .center))
        blocks.append(L.paragraph("DI LINGKUNGAN \(settings.bodyName.uppercased()) TAHUN \(year)", bold: true,
                                  alignment: .center, spaceAfter: 240))
        blocks.append(.table(dipTable(annex, layout: L, width: lampiran.textWidth, kept: kept) { widths in
            L.signatureRow(date: version.decreeDate, year: year, widths: widths, official: version.approvedBy,
                           final: version.status != .draft)
        }))
        let doc = L.document(blocks: blocks, final: lampiran, title: "Keputusan tentang \(title)")
        let bytes = try DOCXWriter.write(doc)
        if let failure = annex.failure { throw failure }
        return bytes
    }

    /// *Keputusan … tentang Klasifikasi Informasi yang Dikecualikan* (the contents Perki 1/2017
    /// Pasal 4 listed; the test itself is now under Perki 1/2021 Pasal 49 ff., which it cites):
    /// the exemptions' sectoral laws in Mengingat, the Atasan PPID's approval ("Menyetujui")
    /// beside the PPID's signature, the previous DIK decree revoked, and the consequence-test
    /// table of `version.exempted` (only the withheld part of an item exempted in part) as
    /// landscape Lampiran.
    /// - Parameter terms: the register's `exemptionTerms(version:)` of `version`: the decree that
    ///   first set each exemption on its test, from which its period runs. An exemption not among
    ///   them, or not yet set by a published decree, is set by this decree (its period runs from
    ///   this decree's date).
    public static func klasifikasiDIK(version: DIPVersion, settings: DecreeSettings, citations: LegalCitations,
                                      clock: Clock, logo: DOCXImage? = nil, terms: [ExemptionTerm] = []) throws -> [UInt8] {
        let L = DecreeLayout(settings: settings, clock: clock, logo: logo)
        let year = L.year(version.decreeDate)
        let number = version.dikDecreeNumber ?? settings.blankNumber(year: year)
        let title = dikTitle(settings: settings, year: year)
        let bodyWidth = L.portrait.textWidth
        let final = version.status != .draft

        let codes = version.exempted.flatMap { v -> [String] in
            citations.codes((v.consequenceTest?.grounds ?? []) + (v.classification?.exemptionGrounds ?? []),
                            text: v.consequenceTest?.legalBasis)
        }
        let mengingat = settings.mengingatDIK(sectoralLaws: citations.sectoralLaws(codes: codes))
        let revocation = dikDecreeInForce(version: version, settings: settings, layout: L, clock: clock)
        let replacing = revocation.map {
            "bahwa Klasifikasi Informasi yang Dikecualikan yang ditetapkan dengan \($0) perlu dimutakhirkan sejalan dengan "
                + "pemutakhiran Daftar Informasi Publik, sehingga Keputusan tersebut perlu diganti;"
        }
        var blocks = draftMark(L, final: final) + L.letterhead() + L.heading(number: number, title: title)
        blocks.append(L.labelTable([
            .init(label: "Menimbang", paragraphs: considerations(settings.menimbangKlasifikasi, settings: settings, title: title,
                                                                 replacing: replacing)
                .map { L.justified($0, numbering: DecreeLayout.menimbangList) }),
            .init(label: "Mengingat", paragraphs: mengingat.map { L.justified($0, numbering: DecreeLayout.mengingatList) }),
        ], textWidth: bodyWidth))
        blocks.append(L.paragraph("MEMUTUSKAN:", bold: true, alignment: .center, spaceAfter: 240, keepWithNext: true))

        let n = version.exempted.count
        let atasanTitle = version.atasan?.title ?? settings.atasanPPID.title ?? "Atasan PPID"
        // Each row cites its berita acara once its number is recorded (`dikTable`); the diktum
        // says so only when every row does, never pointing to a citation the Lampiran lacks. A
        // sentence of its own: as a clause after "persetujuan … selaku Atasan PPID" ("…, yang
        // nomor dan tanggalnya …") it read as the number and date of the Atasan's approval.
        // The public-interest test is Pasal 2 ayat (4)'s ("… setelah dipertimbangkan dengan saksama
        // bahwa menutup Informasi Publik dapat melindungi kepentingan yang lebih besar daripada
        // membukanya atau sebaliknya"); Pasal 17 lists the grounds and Pasal 19 orders the test, neither
        // names the weighing the diktum attributes to them (session 28, docs/publish.md).
        let allCited = n > 0 && version.exempted.allSatisfy { ConsequenceTestForm.citation($0.consequenceTest, clock: clock) != nil }
        var texts: [[DOCXParagraph]] = [
            [L.justified("Menetapkan Klasifikasi Informasi yang Dikecualikan di Lingkungan \(settings.bodyName) sebanyak \(n) (\(Terbilang.words(n))) informasi sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini, yang memuat jenis informasi yang dikecualikan, pejabat atau unit yang menguasainya, dasar hukum dan alasan pengecualian, serta jangka waktu pengecualiannya.")],
            [L.justified("Klasifikasi sebagaimana dimaksud dalam Diktum KESATU ditetapkan berdasarkan Uji Konsekuensi dan pertimbangan kepentingan publik sesuai dengan Pasal 2 ayat (4), Pasal 17, dan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, sebagaimana tercatat dalam Berita Acara Uji Konsekuensi setiap informasi yang telah mendapat persetujuan \(titleCase(atasanTitle))"
                + (allCited ? ". Nomor dan tanggal Berita Acara Uji Konsekuensi setiap informasi tercantum dalam Lampiran Keputusan ini." : "."))],
            [L.justified("Informasi yang Dikecualikan sebagaimana dimaksud dalam Diktum KESATU dapat dibuka setelah jangka waktu pengecualian berakhir atau syarat dibukanya informasi terpenuhi sebagaimana tercantum dalam Lampiran; informasi yang dikecualikan sebagian tetap diberikan dengan menghitamkan atau mengaburkan bagian yang dikecualikan.")],
        ]
        if let revocation {
            texts.append([L.justified("Pada saat Keputusan ini mulai berlaku, \(revocation), dicabut dan dinyatakan tidak berlaku.")])
            if let lifted = liftedExemptions(version: version, decree: "Keputusan sebagaimana dimaksud dalam Diktum \(diktumLabels[texts.count - 1])",
                                             layout: L, clock: clock) {
                texts.append(lifted)
            }
        }
        texts.append([L.justified("Keputusan ini mulai berlaku pada tanggal ditetapkan.")])
        blocks += L.diktumBlocks([
            .init(label: "Menetapkan", paragraphs: [L.justified("KEPUTUSAN \(settings.issuer) TENTANG \(title.uppercased()).", bold: true)]),
        ] + dictums(texts), textWidth: bodyWidth)
        blocks += L.approvedSignature(date: version.decreeDate, year: year, textWidth: bodyWidth,
                                      official: version.approvedBy, atasan: version.atasan, final: final)
        blocks += L.tembusan()
        blocks.append(.sectionBreak(L.portrait))

        let lampiran = L.landscape
        blocks += draftMark(L, final: final)
        blocks += L.lampiranHeader(number: number, dateText: L.dateText(version.decreeDate, year: year), title: title,
                                   textWidth: lampiran.textWidth)
        blocks.append(L.paragraph("KLASIFIKASI INFORMASI YANG DIKECUALIKAN", bold: true, alignment: .center))
        blocks.append(L.paragraph("DI LINGKUNGAN \(settings.bodyName.uppercased()) TAHUN \(year)", bold: true,
                                  alignment: .center, spaceAfter: 240))
        // Its own version's entry (a published version's decree made again) is this decree.
        let setting = ExemptionSetting.map(terms.filter { $0.decidedInVersion != version.number })
        blocks.append(.table(dikTable(version.exempted, layout: L, citations: citations, width: lampiran.textWidth,
                                      period: { periodCell($0, setting: setting[ExemptionSetting.key($0)], decreeDate: version.decreeDate, clock: clock) }) { widths in
            L.approvedSignatureRows(date: version.decreeDate, year: year, widths: widths, official: version.approvedBy,
                                    atasan: version.atasan, final: final)
        }))
        let doc = L.document(blocks: blocks, final: lampiran, title: "Keputusan tentang \(title)")
        return try DOCXWriter.write(doc)
    }

    // MARK: - Tables

    /// One row of the DIP annex, planned before the table is written.
    enum DIPTableRow {
        case group(letter: String, title: String)
        case subgroup(String)
        /// An item (its index in the annex) and its number within its category
        /// (`PublishedList.numbers`).
        case item(Int, number: Int)
        case emptyGroup
    }

    /// Text typed in a cell, as one cell prints it: CR/LF and CR become one line break, blank
    /// lines and trailing spaces go, so a typed break never opens an empty line in a row.
    static func cellText(_ text: String) -> String {
        // One line with nothing to trim (nearly every cell) is its own result: the Foundation
        // replace/split/trim below ran several times per item of a regency's annexes.
        if isPlainLine(text) { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// Whether `cellText` leaves `text` as it is: no CR or LF, and its first and last scalars
    /// ASCII other than space or tab (so trimming `.whitespaces` takes nothing); or empty.
    static func isPlainLine(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return true }
        func edge(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && b != 0x09 }
        guard edge(first) && edge(last) else { return false }
        return !utf8.contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// Column 5 in one pattern, "Serang, 1 Januari 2025": a typed or spreadsheet date is
    /// written the Indonesian way; a year or other text ("Saat terjadi") is kept.
    /// The time of making as the Lampiran (and the website, `IndexPage`) prints it: a typed or
    /// spreadsheet date the Indonesian way ("2026-01-05" → "5 Januari 2026"), a year or other
    /// text as written.
    public static func madeOn(_ waktu: String, clock: Clock) -> String {
        // Digits alone (a year, the usual entry) are never a date `IndonesianDate.parse` reads
        // (it wants day, month and year): not asked, as it was for every row of an annex.
        let digitsOnly = waktu.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        return digitsOnly ? waktu : (try? IndonesianDate.parse(waktu)).map { clock.indonesianDate($0) } ?? waktu
    }

    static func whenAndWhere(_ it: InformationItem, clock: Clock) -> String {
        let when = madeOn(cellText(it.waktuPembuatan), clock: clock)
        let place = cellText(it.tempatPembuatan)
        if place.isEmpty { return when }
        if when.isEmpty { return place }
        return "\(place), \(when)"
    }

    /// The DIP Lampiran table; `closing` makes its last row (the signature) from the widths.
    static func dipTable(_ annex: DecreeAnnex, layout L: DecreeLayout, width: Int, kept: KeptRows? = nil,
                         closing: (([Int]) -> DOCXRow)? = nil) -> DOCXTable {
        let widths = L.fitWidths([1.1, 8.5, 4.6, 4.0, 3.6, 3.0, 3.2], headers: dipColumns, total: width)
        let columns = dipColumns.count
        // The rows are planned here from the entries alone and made as cells only while the
        // table is written, each item read then: a regency's annex held as cells, or as items,
        // was the largest thing in a run's memory.
        let entries = annex.entries
        // Each item's number within its category, counted in publication order (PublishedList.numbers).
        var numbers: [Int] = []
        numbers.reserveCapacity(entries.count)
        var counters: [Category: Int] = [:]
        for entry in entries {
            counters[entry.category, default: 0] += 1
            numbers.append(counters[entry.category]!)
        }
        var plan: [DIPTableRow] = []
        plan.reserveCapacity(entries.count + 24)
        func itemRows(_ items: [Int]) {
            if items.isEmpty { plan.append(.emptyGroup); return }
            for i in items { plan.append(.item(i, number: numbers[i])) }
        }
        for (letter, category) in [("A", Category.berkala), ("B", .sertaMerta), ("C", .setiapSaat)] {
            plan.append(.group(letter: letter, title: category.label.uppercased()))
            let inCategory = entries.indices.filter { entries[$0].category == category }
            guard category == .berkala else {
                itemRows(inCategory)
                continue
            }
            for sub in BerkalaSubgroup.allCases {
                let items = inCategory.filter { entries[$0].subgroup == sub }
                guard !items.isEmpty else { continue }
                plan.append(.subgroup("Kelompok \(sub.rawValue) – \(sub.title)"))
                itemRows(items)
            }
            let rest = inCategory.filter { entries[$0].subgroup == nil }
            if !rest.isEmpty {
                plan.append(.subgroup("Informasi Berkala Lainnya"))
                itemRows(rest)
            }
            if inCategory.isEmpty { itemRows([]) }
        }
        let header = [
            DOCXRow(dipColumns.map { L.headerCell($0) }, isHeader: true),
            DOCXRow((1...columns).map { L.headerCell("(\($0))") }, isHeader: true),
        ]
        let groupFill = "F2F2F2"
        let planned = plan
        let closingRow = closing?(widths)
        let count = header.count + planned.count
        // An item row: its texts after the number, as cells.
        @Sendable func itemTexts(_ v: VersionItem) -> [String] {
            let it = v.item
            let penguasa = cellText(it.pejabatPenguasa)
            let holder = penguasa.localizedCaseInsensitiveContains(v.unit.name) || penguasa.isEmpty
                ? (penguasa.isEmpty ? v.unit.name : penguasa)
                : "\(penguasa)\n(\(v.unit.name))"
            var summary = cellText(it.ringkasan)
            if PublishedList.isPartial(v) { summary += "\n(\(PublishedList.partialNote(naming: v)))" }
            return [summary, holder, cellText(it.penanggungJawab), whenAndWhere(it, clock: L.clock),
                    it.bentuk.isEmpty ? it.form.label : cellText(it.bentuk), cellText(it.retensi)]
        }
        let page = L.landscape
        @Sendable func itemRow(_ number: String, _ texts: [String], keepWithNext: Bool) -> DOCXRow {
            // A row taller than a page may split (else LibreOffice clips it).
            let fits = L.fitsOnePage(texts, widths: Array(widths.dropFirst()), section: page)
            var row = DOCXRow([L.bodyCell(number, alignment: .center)] + texts.map { L.bodyCell($0) }, cantSplit: fits)
            if keepWithNext { markKeepWithNext(&row) }
            return row
        }
        var table = DOCXTable(columnWidths: widths, rowCount: count + (closingRow == nil ? 0 : 1), row: { index in
            if index < header.count { return header[index] }
            if index == count, let closingRow { return closingRow }
            var row: DOCXRow
            // Heading rows keep with the next row so they never end a page alone; the last
            // row keeps with the signature after the table.
            var keepWithNext = index == count - 1
            switch planned[index - header.count] {
            case .group(let letter, let title):
                row = DOCXRow([L.bodyCell(letter, alignment: .center, bold: true, shading: groupFill),
                               L.bodyCell(title, bold: true, gridSpan: columns - 1, shading: groupFill)], cantSplit: true)
                keepWithNext = true
            case .subgroup(let text):
                row = DOCXRow([L.bodyCell(""), L.bodyCell(text, bold: true, gridSpan: columns - 1)], cantSplit: true)
                keepWithNext = true
            case .emptyGroup:
                row = DOCXRow([L.bodyCell(""), L.bodyCell("Tidak ada informasi pada kelompok ini.", gridSpan: columns - 1)],
                              cantSplit: true)
            case .item(let index, let number):
                // An item that could not be read: a blank row, and the decree is refused after
                // writing (`annex.failure`).
                guard let v = annex.item(index) else {
                    return DOCXRow([L.bodyCell(""), L.bodyCell("", gridSpan: columns - 1)], cantSplit: true)
                }
                return itemRow("\(number)", itemTexts(v), keepWithNext: keepWithNext)
            }
            if keepWithNext { markKeepWithNext(&row) }
            return row
        })
        if let kept {
            // Item rows come from the rows kept by an earlier run when their texts are the same.
            let frame = widths.map(String.init).joined(separator: ",")
            table.renderedRow = { index in
                guard index >= header.count, index < count,
                      case .item(let item, let number) = planned[index - header.count] else { return nil }
                guard let v = annex.item(item) else { return [] }
                let keepWithNext = index == count - 1
                let texts = itemTexts(v)
                return try kept.row(fields: ["dip", frame, keepWithNext ? "1" : "0"] + texts, number: number,
                                    columnWidths: widths) { itemRow($0, texts, keepWithNext: keepWithNext) }
            }
        }
        return table
    }

    /// Keeps every paragraph of `row` with the next paragraph.
    static func markKeepWithNext(_ row: inout DOCXRow) {
        for c in row.cells.indices {
            for p in row.cells[c].paragraphs.indices { row.cells[c].paragraphs[p].keepWithNext = true }
        }
    }

    /// Marks the last row's paragraphs keep-with-next so the signature after the table does
    /// not stand alone on a page.
    static func keepLastRowWithNext(_ rows: [DOCXRow]) -> [DOCXRow] {
        guard var last = rows.last, !last.isHeader else { return rows }
        markKeepWithNext(&last)
        return rows.dropLast() + [last]
    }

    static func dikTable(_ items: [VersionItem], layout L: DecreeLayout, citations: LegalCitations, width: Int,
                         period: ((VersionItem) -> String)? = nil,
                         closing: (([Int]) -> [DOCXRow])? = nil) -> DOCXTable {
        let widths = L.fitWidths([1.0, 4.6, 3.0, 3.4, 4.2, 4.2, 2.6, 2.6, 3.4], headers: dikColumns, total: width)
        var rows = [
            DOCXRow(dikColumns.map { L.headerCell($0) }, isHeader: true),
            DOCXRow((1...dikColumns.count).map { L.headerCell("(\($0))") }, isHeader: true),
        ]
        let pending = "(belum diuji)"
        for (i, v) in items.sorted(by: PublishedList.order).enumerated() {
            let t = v.consequenceTest
            // The decree is public: values of personal data a unit wrote into the summary (or the
            // officer into the specific information) are masked, or the decree would publish what
            // it withholds (`PersonalDataValues`; `dip approve` names the items). So are the texts
            // the Tim typed into the test (consequence, public interest, conditions): they give its
            // reasons and never need a person's name or data (session 26).
            let summary = cellText(PersonalDataValues.masked(v.item.ringkasan))
            let specific = cellText(PersonalDataValues.masked(t?.specificInformation ?? ""))
            var info = summary
            if t?.conclusion == .exemptPart {
                // Only the withheld part is in the DIK; the rest stays in the DIP.
                info = (specific.isEmpty ? "Bagian yang dikecualikan dari: " + summary
                                         : "\(specific)\n(bagian dari: \(summary); bagian lainnya tercantum dalam DIP)")
            } else if !specific.isEmpty, specific != summary {
                // Exempted whole: the test's specific information, under its own name (Perki's
                // "informasi spesifik"); "Bagian yang dikecualikan" beside "Dikecualikan
                // seluruhnya" read as a contradiction (session 21).
                info += "\n\nInformasi spesifik yang dikecualikan: \(specific)"
            }
            let basis = citations.citation(test: t, grounds: v.classification?.exemptionGrounds ?? [],
                                           unitText: v.item.dasarHukumText)
            // The conclusion with the signed record it stands on, once that record has a number.
            let conclusion = (t?.conclusion ?? .pending).label
                + (ConsequenceTestForm.citation(t, clock: L.clock, wrapsAtSlashes: true).map { "\n(\($0))" } ?? "")
            let cells = [
                info,
                cellText(v.item.pejabatPenguasa).isEmpty ? v.unit.name : "\(cellText(v.item.pejabatPenguasa))\n(\(v.unit.name))",
                basis.isEmpty ? pending : basis,
                t.map { filled(cellText(ConsequenceTestForm.publicReason($0.consequence))) } ?? pending,
                t.map { filled(cellText(ConsequenceTestForm.publicReason($0.publicInterest))) } ?? pending,
                conclusion,
                t == nil ? pending : (period?(v) ?? periodLabel(t!)),
                t.map { filled(cellText(ConsequenceTestForm.publicReason($0.conditionsForOpening))) } ?? pending,
            ]
            rows.append(DOCXRow([
                L.bodyCell("\(i + 1)", alignment: .center),
                L.bodyCell(info),
                L.bodyCell(cellText(v.item.pejabatPenguasa).isEmpty ? v.unit.name : "\(cellText(v.item.pejabatPenguasa))\n(\(v.unit.name))"),
                L.bodyCell(basis.isEmpty ? pending : basis),
                L.bodyCell(cells[3]),
                L.bodyCell(cells[4]),
                L.bodyCell(conclusion),
                L.bodyCell(cells[6]),
                L.bodyCell(cells[7]),
            ], cantSplit: L.fitsOnePage(cells, widths: Array(widths.dropFirst()), section: L.landscape)))
        }
        if items.isEmpty {
            rows.append(DOCXRow([L.bodyCell(""), L.bodyCell("Tidak ada informasi yang dikecualikan.", gridSpan: dikColumns.count - 1)]))
        }
        rows = keepLastRowWithNext(rows)
        if let closing { rows += closing(widths) }
        return DOCXTable(columnWidths: widths, rows: rows)
    }

    /// A field of a recorded test as the signed decree prints it: "-" when it was left empty,
    /// as the berita acara does, so no cell of a decree is blank.
    static func filled(_ text: String) -> String { text.isEmpty ? "-" : text }

    /// The exemption period as printed: the officer's text with a capital first letter, and
    /// "Permanen" for any spelling of permanent ("permanen", "PERMANEN"); the parsed period
    /// in words when no text was given. Every use is published (DIK Lampiran, berita acara, the
    /// website's exempted list): names and values of personal data the Tim typed into the period
    /// ("sampai pengaduan Sdr. … selesai ditangani") are masked, as in its other texts (session 26).
    static func periodLabel(_ t: ConsequenceTest) -> String {
        let text = cellText(PersonalDataValues.masked(t.periodText))
        if text.isEmpty || t.period == .permanent { return periodText(t.period).isEmpty ? text : periodText(t.period) }
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// When an exemption was set: the date and number of the DIK decree that first set it on
    /// its recorded test (`ExemptionTerm`), by item id and revision.
    struct ExemptionSetting {
        var date: Date
        var number: String?

        static func key(_ v: VersionItem) -> String { key(itemID: v.id, revision: v.revision) }
        static func key(itemID: String, revision: Int) -> String { "\(itemID)#\(revision)" }

        static func map(_ terms: [ExemptionTerm]) -> [String: ExemptionSetting] {
            var m: [String: ExemptionSetting] = [:]
            for t in terms { if let d = t.decidedOn { m[key(itemID: t.itemID, revision: t.revision)] = ExemptionSetting(date: d, number: t.decreeNumber) } }
            return m
        }
    }

    /// The DIK Lampiran's period cell: the period as recorded, from when it runs and, for a period
    /// dip can date (years, months, "sampai <a calendar time>"), the last day it is withheld
    /// ("sampai dengan tanggal …", `ExemptionPeriods.untilText`), so a reader of the signed decree
    /// (and the PPID a year later) sees what the PPID decided without counting, in the words the
    /// website uses. A period runs from the decree that first set the exemption on its test
    /// (`setting`, an earlier decree carried again), else from this decree (`decreeDate`; unknown
    /// on an undated draft).
    static func periodCell(_ v: VersionItem, setting: ExemptionSetting?, decreeDate: Date?, clock: Clock) -> String {
        guard let t = v.consequenceTest else { return "(belum diuji)" }
        let label = periodLabel(t)
        switch t.period {
        case .years(let n) where n > 0: break
        case .months(let n) where n > 0: break
        case .untilEvent(let text) where ExemptionPeriods.endDay(until: text) != nil: break
        default: return label
        }
        let start = setting?.date ?? decreeDate
        var since: String
        if let setting {
            since = "sejak Keputusan" + (setting.number.map { " Nomor \($0.replacingOccurrences(of: "/", with: "/\u{200B}"))" } ?? "")
                + " tanggal \(clock.indonesianDate(setting.date))"
        } else {
            since = "sejak tanggal Keputusan ini ditetapkan"
        }
        guard let end = ExemptionPeriods.endDay(of: t.period, setOn: start) else { return "\(label)\n\(since)" }
        return "\(label)\n\(since) \(ExemptionPeriods.untilText(end, clock: clock))"
    }

    /// The period as a berita acara records it: the label, and the reading the DIK Lampiran and
    /// the website apply to it, in their words, before any decree has set it: a period of years or
    /// months runs "sejak tanggal Keputusan Klasifikasi yang menetapkannya" (the test is not its
    /// start, docs/publish.md "Exemption periods"); a period "sampai <a calendar time>" is withheld
    /// "sampai dengan tanggal …" its last day, said when the label does not already name that day
    /// ("Sampai akhir tahun 2026" → 31 Desember 2026).
    static func periodRecord(_ t: ConsequenceTest, clock: Clock) -> String {
        let label = periodLabel(t)
        switch t.period {
        case .years(let n) where n > 0, .months(let n) where n > 0:
            return "\(label)\nsejak tanggal Keputusan Klasifikasi yang menetapkannya"
        case .untilEvent(let text):
            guard let end = ExemptionPeriods.endDay(until: text),
                  !label.contains(clock.indonesianDate(ExemptionPeriods.lastDay(end))) else { return label }
            return "\(label)\n(\(ExemptionPeriods.untilText(end, clock: clock)))"
        default:
            return label
        }
    }

    static func periodText(_ p: RetentionPeriod) -> String {
        switch p {
        case .permanent: return "Permanen"
        case .years(let n): return "\(n) (\(Terbilang.words(n))) tahun"
        case .months(let n): return "\(n) (\(Terbilang.words(n))) bulan"
        case .whileValid: return "Selama berlaku"
        case .untilEvent(let e): return "Sampai \(e)"
        case .retentionSchedule: return "Sesuai Jadwal Retensi Arsip"
        case .unknown: return ""
        }
    }

    /// "KEPALA DINAS X" → "Kepala Dinas X" for use inside a sentence.
    static func titleCase(_ s: String) -> String {
        let small: Set<String> = ["dan", "selaku", "di", "atas", "yang"]
        let acronyms: Set<String> = ["ppid", "dip", "dik", "opd", "rsud", "bpbd", "uptd"]
        return s.lowercased().split(separator: " ").enumerated().map { i, w in
            let word = String(w)
            if acronyms.contains(word.trimmingCharacters(in: .punctuationCharacters)) { return word.uppercased() }
            if i > 0 && small.contains(word) { return word }
            return word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }
}

/// Indonesian number words for "5 (lima)" style amounts in decrees and the dates written in
/// words of a berita acara.
public enum Terbilang {
    /// The words for `n` ≥ 0, e.g. 312 → "tiga ratus dua belas", 2026 → "dua ribu dua puluh enam".
    /// Not written by hand: ICU's rule-based spell-out (Foundation's `NumberFormatter`, locale
    /// `id`) has the Indonesian rules ("se-" for 1 before belas/puluh/ratus/ribu, "sebelas");
    /// no Swift package in the offline set does more. Formatter made per call: it is not
    /// Sendable, and decrees spell out a handful of numbers.
    public static func words(_ n: Int) -> String {
        let f = NumberFormatter()
        f.locale = Locale(identifier: "id")
        f.numberStyle = .spellOut
        // Never nil for an integer; the digits would still be read right if it ever were.
        return f.string(from: NSNumber(value: n)) ?? String(n)
    }

    /// The day as an Indonesian berita acara opens with it ("Pada hari ini, …"): "Senin tanggal
    /// lima bulan Januari tahun dua ribu dua puluh enam" (the WIB day of `date`).
    public static func day(_ date: Date, clock: Clock) -> String {
        let d = clock.day(date)
        return "\(Clock.indonesianWeekdays[d.weekday - 1]) tanggal \(words(d.day)) bulan "
            + "\(Clock.indonesianMonths[d.month - 1]) tahun \(words(d.year))"
    }
}
