import DIPCore
import Foundation
import OfficeFormats
import Register

/// The update template (*templat pemutakhiran*) for a unit: its current list prefilled, a
/// hidden "Kode DIP" column holding each item's register id (read by the intake as
/// `InformationItem.kode`, which the register matches first), category and form dropdowns,
/// empty rows for new items and an instructions sheet in Indonesian.
public enum UpdateTemplate {
    /// The sheet the intake reads.
    public static let sheetName = "DIP"
    /// Header of the hidden id column; the intake's header matcher reads it as the code column.
    public static let idHeader = "Kode DIP (jangan diubah)"
    /// Empty rows offered for new items.
    public static let blankRows = 50

    static let headers = [
        "No", "Ringkasan Isi Informasi", "Judul Informasi", "Pejabat/Unit yang Menguasai Informasi",
        "Penanggung Jawab Pembuatan atau Penerbitan Informasi", "Waktu Pembuatan", "Tempat Pembuatan",
        "Bentuk Informasi yang Tersedia", "Jangka Waktu Penyimpanan atau Retensi Arsip",
        "Kategori Informasi", "Dasar Hukum Pengecualian", "Keterangan", linkHeader, idHeader,
    ]
    static let widths: [Double] = [6, 48, 24, 24, 24, 16, 16, 16, 18, 16, 22, 24, 30, 18]
    /// The item's web link (`InformationItem.tautan`), read back by the intake as the link column.
    static let linkHeader = "Tautan (alamat web)"
    static let categoryOptions = ["Berkala", "Serta Merta", "Setiap Saat", "Dikecualikan"]
    static let formOptions = ["Cetak", "Online", "Cetak dan Online"]
    /// Hidden sheet holding dropdown values that do not fit an inline list.
    static let choicesSheet = "Pilihan"

    /// `base`, then the other non-empty values in order of first use.
    static func choices(_ base: [String], _ values: [String]) -> [String] {
        var list = base
        var seen = Set(base)
        for v in values where !v.isEmpty && seen.insert(v).inserted { list.append(v) }
        return list
    }

    /// The template for one unit, prefilled with its current items (`AppDatabase.currentItems`).
    public static func workbook(unit: WorkUnit, items: [CurrentItem], clock: Clock) throws -> [UInt8] {
        try workbook(unit: unit, rows: rows(items), clock: clock)
    }

    /// The template for one unit from its prefilled rows (`rows(_:)`): the run keeps each
    /// unit's rows' digest and writes again only the units whose rows changed.
    public static func workbook(unit: WorkUnit, rows: [[String]], clock: Clock) throws -> [UInt8] {
        try write(unit: unit, rows: rows, clock: clock)
    }

    /// The prefilled rows of a unit's template: everything of its items the template shows.
    public static func rows(_ items: [CurrentItem]) -> [[String]] {
        items.map { c -> [String] in
            let i = c.item
            let (waktu, tempat) = waktuTempat(i)
            return [
                i.nomor, i.ringkasan, i.judul ?? "", i.pejabatPenguasa, i.penanggungJawab, waktu,
                tempat, i.bentuk, i.retensi, kategori(i),
                i.dasarHukumText ?? "", i.keterangan ?? "", i.tautan.flatMap(WebLink.checked) ?? "", c.itemID,
            ]
        }
    }

    /// Time and place in their own columns: a list sent with one "Waktu dan Tempat" column
    /// keeps the combined text in `waktuPembuatan`, and the intake's split of it goes back
    /// out as two cells (sent back unchanged, the register sees the same item).
    static func waktuTempat(_ i: InformationItem) -> (String, String) {
        if i.tempatPembuatan.isEmpty, let w = i.waktuNormalised, let t = i.tempatNormalised, !w.isEmpty, !t.isEmpty {
            return (w, t)
        }
        return (i.waktuPembuatan, i.tempatPembuatan)
    }

    /// The category as its dropdown names it ("Berkala", not the section heading "A. INFORMASI
    /// YANG WAJIB …" it was read from); a text naming none stays as written.
    static func kategori(_ i: InformationItem) -> String {
        i.kategori?.shortLabel ?? i.kategoriText ?? ""
    }

    /// A blank template for units that have never submitted (`dip init` puts it in `inbox/`).
    public static func blank(clock: Clock) throws -> [UInt8] {
        try write(unit: nil, rows: [], clock: clock)
    }

    static func write(unit: WorkUnit?, rows: [[String]], clock: Clock) throws -> [UInt8] {
        let input = XLSXStyle(wrap: true, border: true, verticalTop: true, locked: false)
        var sheetRows: [[XLSXCell]] = [headers.map { XLSXCell($0, style: .header) }]
        for values in rows {
            sheetRows.append(values.map { XLSXCell($0.isEmpty ? .empty : .string($0), style: input) })
        }
        for _ in 0..<blankRows {
            sheetRows.append(headers.map { _ in XLSXCell(.empty, style: input) })
        }
        let last = sheetRows.count
        let kategoriColumn = headers.firstIndex(of: "Kategori Informasi")!
        let bentukColumn = headers.firstIndex(of: "Bentuk Informasi yang Tersedia")!
        let kategori = columnLetters(kategoriColumn)
        let bentuk = columnLetters(bentukColumn)
        var columns = widths.map { XLSXColumn(width: $0) }
        columns[columns.count - 1].hidden = true
        // Each dropdown offers the usual values and every value the template already holds,
        // so a row sent back unchanged never meets its own list's refusal.
        let kategoriList = choices(categoryOptions, rows.map { $0[kategoriColumn] })
        let bentukList = choices(formOptions, rows.map { $0[bentukColumn] })
        var choiceSheet: XLSXSheet?
        func validation(_ range: String, _ list: [String], column: String, message: String?, strict: Bool) -> XLSXListValidation {
            if list.joined(separator: ",").count <= 255, !list.contains(where: { $0.contains(",") || $0.contains("\"") }) {
                return XLSXListValidation(range: range, options: list, errorMessage: message, strict: strict)
            }
            // Too long or with commas for an inline list: the values go on a hidden sheet.
            var rows = choiceSheet?.rows ?? []
            let c = column == "A" ? 0 : 1
            for (r, value) in list.enumerated() {
                while rows.count <= r { rows.append([XLSXCell(.empty), XLSXCell(.empty)]) }
                rows[r][c] = XLSXCell(value)
            }
            choiceSheet = XLSXSheet(name: choicesSheet, rows: rows, hidden: true)
            return XLSXListValidation(range: range, sourceRange: "'\(choicesSheet)'!$\(column)$1:$\(column)$\(list.count)",
                                      errorMessage: message, strict: strict)
        }
        let dip = XLSXSheet(
            name: sheetName, rows: sheetRows, columns: columns, frozenRows: 1,
            frozenColumns: columnsThroughSummary(headers), autoFilter: true,
            print: .f4Landscape,
            validations: [
                validation("\(kategori)2:\(kategori)\(last)", kategoriList, column: "A",
                           message: "Pilih kategori: " + categoryOptions.joined(separator: ", "), strict: true),
                // Forms are often written freely ("Softcopy dan Hardcopy"): the list helps, a
                // different text is still accepted after a warning, as it is by the intake.
                validation("\(bentuk)2:\(bentuk)\(last)", bentukList, column: "B",
                           message: "Bentuk informasi biasanya Cetak, Online, atau Cetak dan Online. Tetap pakai isian ini?",
                           strict: false),
            ])
        let doc = XLSXDocument(
            sheets: [dip, instructions(unit: unit, clock: clock)] + (choiceSheet.map { [$0] } ?? []),
            title: "Templat Pemutakhiran DIP" + (unit.map { " – \($0.name)" } ?? ""),
            creator: "dip", created: clock.now, timeZone: Clock.wib, longText: .truncate)
        return try XLSXWriter.write(doc)
    }

    static func instructions(unit: WorkUnit?, clock: Clock) -> XLSXSheet {
        var lines = [
            "Petunjuk Pengisian Daftar Informasi Publik (DIP)",
            unit.map { "Perangkat daerah: \($0.name) (folder inbox/\($0.code)/)." }
                ?? "Templat kosong untuk perangkat daerah yang belum pernah mengirim daftar.",
            "Dibuat \(clock.indonesianDate()).",
            "",
            "1. Isi daftar pada sheet DIP, satu baris untuk satu informasi. Daftar yang dikirim adalah daftar lengkap: informasi yang dihapus dari daftar dianggap ditarik.",
            "2. Ubah isi baris yang sudah ada bila ada perubahan; tambahkan informasi baru pada baris kosong di bawahnya.",
            "3. Ringkasan isi informasi, pejabat/unit yang menguasai, penanggung jawab, waktu dan tempat pembuatan, bentuk informasi, dan jangka waktu penyimpanan wajib diisi (Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik).",
            "4. Kategori dipilih dari daftar: Berkala, Serta Merta, Setiap Saat, atau Dikecualikan. Informasi yang dikecualikan wajib menyebut dasar hukumnya (Pasal 17 UU 14/2008) dan akan diuji konsekuensi oleh PPID.",
            "5. Bentuk informasi dipilih dari daftar (Cetak, Online, Cetak dan Online) atau ditulis sendiri.",
            "6. Kolom \"\(linkHeader)\" boleh diisi alamat halaman atau dokumen informasi tersebut (diawali https:// atau http://); alamat ini ditautkan pada situs DIP. Kolom tersembunyi \"\(idHeader)\" menandai setiap informasi; jangan diubah atau dipindahkan ke baris lain. Baris baru dibiarkan kosong pada kolom tersebut.",
            "7. Simpan sebagai .xlsx dan letakkan di folder inbox perangkat daerah Anda. Hasil pemeriksaan ada di folder umpan balik unit Anda (reports/unit/<kode perangkat daerah>/).",
        ]
        if let unit {
            // The unit's own folders, not a placeholder its staff must resolve.
            lines[lines.count - 1] = "7. Simpan sebagai .xlsx dan letakkan di folder inbox/\(unit.code)/. Hasil pemeriksaan ada di "
                + "folder umpan balik unit Anda, reports/unit/\(unit.code)/."
        } else {
            lines[lines.count - 1] = "7. Simpan sebagai .xlsx dan letakkan di folder inbox/<kode perangkat daerah>/ (misalnya inbox/dinkes/). Hasil pemeriksaan ada di reports/unit/<kode perangkat daerah>/."
        }
        lines.append("")
        lines.append("Kategori informasi (UU 14/2008):")
        for c in DIPCore.Category.allCases { lines.append("• \(c.shortLabel): \(c.label) (\(c.legalBasis)).") }
        let rows = lines.enumerated().map { i, line in
            [XLSXCell(line.isEmpty ? .empty : .string(line), style: i == 0 ? XLSXStyle(bold: true) : XLSXStyle(wrap: true))]
        }
        return XLSXSheet(name: "Petunjuk", rows: rows, columns: [XLSXColumn(width: 86)],
                         print: XLSXPrintSetup(paperSize: 14, landscape: false, fitToWidth: true, titleRows: nil))
    }
}
