import DIPCore
import Foundation
import OfficeFormats

/// Decree drafts (DIP.md §5) as .docx: the DIP decree with its landscape Lampiran, and the
/// classification decree for the exempted information (DIK).
public enum DecreeWriter {
    /// Column titles of the DIP Lampiran table.
    public static let dipColumns = [
        "No", "Ringkasan Isi Informasi", "Pejabat/Unit yang Menguasai Informasi", "Penanggung Jawab",
        "Waktu dan Tempat Pembuatan", "Bentuk Informasi", "Jangka Waktu Penyimpanan",
    ]

    /// Column titles of the DIK Lampiran table.
    public static let dikColumns = [
        "No", "Informasi yang Dikecualikan", "Pejabat/Unit yang Menguasai", "Dasar Hukum Pengecualian",
        "Konsekuensi apabila Dibuka", "Pertimbangan Kepentingan Publik", "Kesimpulan",
        "Jangka Waktu Pengecualian", "Syarat Dibukanya Informasi",
    ]

    /// The title after "tentang", e.g. "Penetapan Daftar Informasi Publik di Lingkungan
    /// Pemerintah Kabupaten Serang Tahun 2026".
    public static func dipTitle(settings: DecreeSettings, year: Int) -> String {
        "Penetapan Daftar Informasi Publik di Lingkungan \(settings.bodyName) Tahun \(year)"
    }

    public static func dikTitle(settings: DecreeSettings, year: Int) -> String {
        "Klasifikasi Informasi yang Dikecualikan di Lingkungan \(settings.bodyName) Tahun \(year)"
    }

    /// *Keputusan … tentang Penetapan Daftar Informasi Publik …*: body on portrait pages, the
    /// Lampiran (only `version.items`, never the exempted ones) on landscape pages.
    public static func penetapanDIP(version: DIPVersion, settings: DecreeSettings, clock: Clock) throws -> [UInt8] {
        let L = DecreeLayout(settings: settings, clock: clock)
        let year = L.year(version.decreeDate)
        let number = version.decreeNumber ?? settings.blankNumber(year: year)
        let title = dipTitle(settings: settings, year: year)
        let bodyWidth = L.portrait.textWidth

        var blocks = L.letterhead() + L.heading(number: number, title: title)
        blocks.append(L.labelTable([
            .init(label: "Menimbang", paragraphs: settings.menimbang.map { L.justified($0, numbering: DecreeLayout.menimbangList) }),
            .init(label: "Mengingat", paragraphs: settings.mengingat.map { L.justified($0, numbering: DecreeLayout.mengingatList) }),
        ], textWidth: bodyWidth))
        blocks.append(L.paragraph("MEMUTUSKAN:", bold: true, alignment: .center, spaceAfter: 240, keepWithNext: true))

        let revocation: String
        if let previous = version.previousDecreeNumber {
            let when = version.previousDecreeDate.map { " tanggal \(clock.indonesianDate($0))" } ?? ""
            revocation = "Pada saat Keputusan ini mulai berlaku, Keputusan \(titleCase(settings.issuer)) Nomor \(previous)\(when) tentang Penetapan Daftar Informasi Publik di Lingkungan \(settings.bodyName), dicabut dan dinyatakan tidak berlaku."
        } else {
            revocation = "Keputusan ini merupakan penetapan Daftar Informasi Publik yang pertama, sehingga tidak terdapat Keputusan sebelumnya yang dicabut."
        }
        let categories: [Category] = [.berkala, .sertaMerta, .setiapSaat]
        blocks.append(L.labelTable([
            .init(label: "Menetapkan", paragraphs: [L.justified("KEPUTUSAN \(settings.issuer) TENTANG \(title.uppercased()).", bold: true)]),
            .init(label: "KESATU", paragraphs: [L.justified("Menetapkan Daftar Informasi Publik di Lingkungan \(settings.bodyName) Tahun \(year) sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.")]),
            .init(label: "KEDUA", paragraphs: [L.justified("Daftar Informasi Publik sebagaimana dimaksud dalam Diktum KESATU terdiri atas:", spaceAfter: 0)]
                + categories.map { L.justified("\($0.label);", numbering: DecreeLayout.kategoriList, spaceAfter: 0) }
                + [L.justified("dengan jumlah seluruhnya \(version.items.count) (\(Terbilang.words(version.items.count))) informasi.")]),
            .init(label: "KETIGA", paragraphs: [L.justified(settings.diktumPemutakhiran)]),
            .init(label: "KEEMPAT", paragraphs: [L.justified(revocation)]),
            .init(label: "KELIMA", paragraphs: [L.justified("Keputusan ini mulai berlaku pada tanggal ditetapkan.")]),
        ], textWidth: bodyWidth))
        blocks += L.signature(date: version.decreeDate, year: year, textWidth: bodyWidth)
        blocks += L.tembusan()
        blocks.append(.sectionBreak(L.portrait))

        // Lampiran.
        let lampiran = L.landscape
        let dateText = L.dateText(version.decreeDate, year: year)
        blocks += L.lampiranHeader(number: number, dateText: dateText, title: title, textWidth: lampiran.textWidth)
        blocks.append(L.paragraph("DAFTAR INFORMASI PUBLIK", bold: true, alignment: .center))
        blocks.append(L.paragraph("DI LINGKUNGAN \(settings.bodyName.uppercased()) TAHUN \(year)", bold: true,
                                  alignment: .center, spaceAfter: 240))
        blocks.append(.table(dipTable(version.items, layout: L, width: lampiran.textWidth)))
        blocks += L.signature(date: version.decreeDate, year: year, textWidth: lampiran.textWidth)
        let doc = L.document(blocks: blocks, final: lampiran, title: "Keputusan tentang \(title)")
        return try DOCXWriter.write(doc)
    }

    /// *Keputusan … tentang Klasifikasi Informasi yang Dikecualikan* with the consequence-test
    /// table of `version.exempted` as landscape Lampiran.
    public static func klasifikasiDIK(version: DIPVersion, settings: DecreeSettings, clock: Clock) throws -> [UInt8] {
        let L = DecreeLayout(settings: settings, clock: clock)
        let year = L.year(version.decreeDate)
        let number = settings.blankNumber(year: year)
        let title = dikTitle(settings: settings, year: year)
        let bodyWidth = L.portrait.textWidth

        var blocks = L.letterhead() + L.heading(number: number, title: title)
        blocks.append(L.labelTable([
            .init(label: "Menimbang", paragraphs: settings.menimbangKlasifikasi.map { L.justified($0, numbering: DecreeLayout.menimbangList) }),
            .init(label: "Mengingat", paragraphs: settings.mengingat.map { L.justified($0, numbering: DecreeLayout.mengingatList) }),
        ], textWidth: bodyWidth))
        blocks.append(L.paragraph("MEMUTUSKAN:", bold: true, alignment: .center, spaceAfter: 240, keepWithNext: true))
        blocks.append(L.labelTable([
            .init(label: "Menetapkan", paragraphs: [L.justified("KEPUTUSAN \(settings.issuer) TENTANG \(title.uppercased()).", bold: true)]),
            .init(label: "KESATU", paragraphs: [L.justified("Menetapkan Klasifikasi Informasi yang Dikecualikan di Lingkungan \(settings.bodyName) sebanyak \(version.exempted.count) (\(Terbilang.words(version.exempted.count))) informasi sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.")]),
            .init(label: "KEDUA", paragraphs: [L.justified("Klasifikasi sebagaimana dimaksud dalam Diktum KESATU ditetapkan berdasarkan Uji Konsekuensi dan pertimbangan kepentingan publik sesuai dengan Pasal 17 dan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.")]),
            .init(label: "KETIGA", paragraphs: [L.justified("Informasi yang Dikecualikan sebagaimana dimaksud dalam Diktum KESATU dapat dibuka setelah jangka waktu pengecualian berakhir atau syarat dibukanya informasi terpenuhi sebagaimana tercantum dalam Lampiran.")]),
            .init(label: "KEEMPAT", paragraphs: [L.justified("Keputusan ini mulai berlaku pada tanggal ditetapkan.")]),
        ], textWidth: bodyWidth))
        blocks += L.signature(date: version.decreeDate, year: year, textWidth: bodyWidth)
        blocks += L.tembusan()
        blocks.append(.sectionBreak(L.portrait))

        let lampiran = L.landscape
        blocks += L.lampiranHeader(number: number, dateText: L.dateText(version.decreeDate, year: year), title: title,
                                   textWidth: lampiran.textWidth)
        blocks.append(L.paragraph("KLASIFIKASI INFORMASI YANG DIKECUALIKAN", bold: true, alignment: .center))
        blocks.append(L.paragraph("DI LINGKUNGAN \(settings.bodyName.uppercased()) TAHUN \(year)", bold: true,
                                  alignment: .center, spaceAfter: 240))
        blocks.append(.table(dikTable(version.exempted, layout: L, width: lampiran.textWidth)))
        blocks += L.signature(date: version.decreeDate, year: year, textWidth: lampiran.textWidth)
        let doc = L.document(blocks: blocks, final: lampiran, title: "Keputusan tentang \(title)")
        return try DOCXWriter.write(doc)
    }

    // MARK: - Tables

    /// Stable decree order inside a group: unit, then source position, then id.
    static func decreeOrder(_ a: VersionItem, _ b: VersionItem) -> Bool {
        if a.unit.name != b.unit.name { return a.unit.name < b.unit.name }
        if a.unit.code != b.unit.code { return a.unit.code < b.unit.code }
        if a.item.source.file != b.item.source.file { return a.item.source.file < b.item.source.file }
        if a.item.source.row != b.item.source.row { return a.item.source.row < b.item.source.row }
        return a.id < b.id
    }

    /// One row of the DIP annex, planned before the table is written.
    enum DIPTableRow {
        case group(letter: String, title: String)
        case subgroup(String)
        /// An item and its number within its category.
        case item(VersionItem, number: Int)
        case emptyGroup
    }

    static func dipTable(_ items: [VersionItem], layout L: DecreeLayout, width: Int) -> DOCXTable {
        let widths = DecreeLayout.widths([1.1, 8.5, 4.6, 4.0, 3.6, 3.0, 3.2], total: width)
        let columns = dipColumns.count
        // The rows are planned here and made as cells only while the table is written: a
        // regency's annex held as cells was the largest thing in a run's memory.
        var plan: [DIPTableRow] = []
        plan.reserveCapacity(items.count + 24)
        // Items are numbered 1… within each category, across its sub-groups.
        var counter = 0
        func itemRows(_ list: [VersionItem]) {
            if list.isEmpty { plan.append(.emptyGroup); return }
            for v in list.sorted(by: decreeOrder) {
                counter += 1
                plan.append(.item(v, number: counter))
            }
        }
        let open = items.filter { $0.category.isOpen }
        for (letter, category) in [("A", Category.berkala), ("B", .sertaMerta), ("C", .setiapSaat)] {
            plan.append(.group(letter: letter, title: category.label.uppercased()))
            counter = 0
            let inCategory = open.filter { $0.category == category }
            guard category == .berkala else {
                itemRows(inCategory)
                continue
            }
            for sub in BerkalaSubgroup.allCases {
                let list = inCategory.filter { $0.subgroup == sub }
                guard !list.isEmpty else { continue }
                plan.append(.subgroup("Kelompok \(sub.rawValue) – \(sub.title)"))
                itemRows(list)
            }
            let rest = inCategory.filter { $0.subgroup == nil }
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
        let count = header.count + planned.count
        return DOCXTable(columnWidths: widths, rowCount: count, row: { index in
            if index < header.count { return header[index] }
            var row: DOCXRow
            // Heading rows keep with the next row so they never end a page alone.
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
                row = DOCXRow([L.bodyCell(""), L.bodyCell("Tidak ada informasi pada kelompok ini.", gridSpan: columns - 1)])
            case .item(let v, let number):
                let it = v.item
                var place = it.waktuPembuatan
                if !it.tempatPembuatan.isEmpty { place += place.isEmpty ? it.tempatPembuatan : ", \(it.tempatPembuatan)" }
                let holder = it.pejabatPenguasa.localizedCaseInsensitiveContains(v.unit.name) || it.pejabatPenguasa.isEmpty
                    ? (it.pejabatPenguasa.isEmpty ? v.unit.name : it.pejabatPenguasa)
                    : "\(it.pejabatPenguasa)\n(\(v.unit.name))"
                row = DOCXRow([
                    L.bodyCell("\(number)", alignment: .center),
                    L.bodyCell(it.ringkasan),
                    L.bodyCell(holder),
                    L.bodyCell(it.penanggungJawab),
                    L.bodyCell(place),
                    L.bodyCell(it.bentuk.isEmpty ? it.form.label : it.bentuk),
                    L.bodyCell(it.retensi),
                ], cantSplit: true)
            }
            if keepWithNext { markKeepWithNext(&row) }
            return row
        })
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

    static func dikTable(_ items: [VersionItem], layout L: DecreeLayout, width: Int) -> DOCXTable {
        let widths = DecreeLayout.widths([1.0, 4.6, 3.0, 3.4, 4.2, 4.2, 2.6, 2.6, 3.4], total: width)
        var rows = [
            DOCXRow(dikColumns.map { L.headerCell($0) }, isHeader: true),
            DOCXRow((1...dikColumns.count).map { L.headerCell("(\($0))") }, isHeader: true),
        ]
        let pending = "(belum diuji)"
        for (i, v) in items.sorted(by: decreeOrder).enumerated() {
            let t = v.consequenceTest
            var info = v.item.ringkasan
            if let specific = t?.specificInformation, !specific.isEmpty, specific != info { info += "\n\nBagian yang dikecualikan: \(specific)" }
            let basis = t.map { $0.legalBasis.isEmpty ? groundsText($0.grounds) : $0.legalBasis }
                ?? groundsText(v.classification?.exemptionGrounds ?? [])
            rows.append(DOCXRow([
                L.bodyCell("\(i + 1)", alignment: .center),
                L.bodyCell(info),
                L.bodyCell(v.item.pejabatPenguasa.isEmpty ? v.unit.name : "\(v.item.pejabatPenguasa)\n(\(v.unit.name))"),
                L.bodyCell(basis.isEmpty ? pending : basis),
                L.bodyCell(t?.consequence ?? pending),
                L.bodyCell(t?.publicInterest ?? pending),
                L.bodyCell(t?.conclusion.label ?? ConsequenceConclusion.pending.label),
                L.bodyCell(t.map(periodLabel) ?? pending),
                L.bodyCell(t?.conditionsForOpening ?? pending),
            ], cantSplit: true))
        }
        if items.isEmpty {
            rows.append(DOCXRow([L.bodyCell(""), L.bodyCell("Tidak ada informasi yang dikecualikan.", gridSpan: dikColumns.count - 1)]))
        }
        return DOCXTable(columnWidths: widths, rows: keepLastRowWithNext(rows))
    }

    /// "17h2" → "Pasal 17 huruf h angka 2 UU 14/2008".
    static func groundsText(_ grounds: [String]) -> String {
        grounds.map { g -> String in
            let scalars = Array(g)
            guard g.hasPrefix("17"), scalars.count >= 3 else { return g }
            let letter = String(scalars[2])
            let number = String(scalars.dropFirst(3))
            return "Pasal 17 huruf \(letter)" + (number.isEmpty ? "" : " angka \(number)") + " UU 14/2008"
        }.joined(separator: "; ")
    }

    /// The exemption period as printed: the officer's text with a capital first letter, and
    /// "Permanen" for any spelling of permanent ("permanen", "PERMANEN"); the parsed period
    /// in words when no text was given.
    static func periodLabel(_ t: ConsequenceTest) -> String {
        let text = t.periodText.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || t.period == .permanent { return periodText(t.period).isEmpty ? text : periodText(t.period) }
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    static func periodText(_ p: RetentionPeriod) -> String {
        switch p {
        case .permanent: return "Permanen"
        case .years(let n): return "\(n) (\(Terbilang.words(n))) tahun"
        case .months(let n): return "\(n) (\(Terbilang.words(n))) bulan"
        case .whileValid: return "Selama berlaku"
        case .untilEvent(let e): return "Sampai \(e)"
        case .unknown: return ""
        }
    }

    /// "KEPALA DINAS X" → "Kepala Dinas X" for use inside a sentence.
    static func titleCase(_ s: String) -> String {
        let small: Set<String> = ["dan", "selaku", "di", "atas", "yang"]
        return s.lowercased().split(separator: " ").enumerated().map { i, w in
            let word = String(w)
            if i > 0 && small.contains(word) { return word }
            return word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }
}

/// Indonesian number words for "5 (lima)" style amounts in decrees.
public enum Terbilang {
    static let units = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
                        "sepuluh", "sebelas"]

    /// The words for `n` (0 ≤ n < 1,000,000,000), e.g. 312 → "tiga ratus dua belas".
    public static func words(_ n: Int) -> String {
        if n < 0 { return "minus " + words(-n) }
        if n < 12 { return units[n] }
        if n < 20 { return units[n - 10] + " belas" }
        if n < 100 { return units[n / 10] + " puluh" + (n % 10 == 0 ? "" : " " + units[n % 10]) }
        if n < 200 { return "seratus" + (n == 100 ? "" : " " + words(n - 100)) }
        if n < 1000 { return units[n / 100] + " ratus" + (n % 100 == 0 ? "" : " " + words(n % 100)) }
        if n < 2000 { return "seribu" + (n == 1000 ? "" : " " + words(n - 1000)) }
        if n < 1_000_000 { return words(n / 1000) + " ribu" + (n % 1000 == 0 ? "" : " " + words(n % 1000)) }
        return words(n / 1_000_000) + " juta" + (n % 1_000_000 == 0 ? "" : " " + words(n % 1_000_000))
    }
}
