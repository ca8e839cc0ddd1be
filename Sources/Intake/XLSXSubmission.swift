import DIPCore
import OfficeFormats

/// Streams an XLSX submission into `output`: the first sheet with a DIP header and at least one
/// item wins, visible sheets in tab order before hidden ones (an instructions sheet often comes
/// first); the other visible sheets named after a category are read with it. A sheet's merged ranges are scanned before its rows (XLSX stores them after the
/// cells) so vertical merges are applied as rows stream.
func streamXLSXSubmission(path: String, factory: ProblemFactory, maxDataRows: Int, output: TableOutput) -> StreamOutcome {
    streamWorkbookSubmission(factory: factory, maxDataRows: maxDataRows, output: output) { try XLSXWorkbook(path: path) }
}

/// Streams an ODS submission into `output`, as an XLSX one (sheets in the same order, merged
/// ranges and hyperlinks known before the rows).
func streamODSSubmission(path: String, factory: ProblemFactory, maxDataRows: Int, output: TableOutput) -> StreamOutcome {
    streamWorkbookSubmission(factory: factory, maxDataRows: maxDataRows, output: output) { try ODSWorkbook(path: path) }
}

/// A workbook whose sheets the intake streams (XLSX, ODS).
protocol StreamableWorkbook {
    associatedtype Reader: WorkbookRowSource
    var sheets: [SheetInfo] { get }
    func rows(sheet index: Int) throws -> Reader
    func sheetTail(sheet index: Int) throws -> (mergedRanges: [MergedRange], hyperlinks: [CellHyperlink])
}

/// A sheet's rows, with the count of formula cells read empty for want of a cached value.
protocol WorkbookRowSource: RowSource {
    var formulasWithoutValue: Int { get }
}

extension XLSXWorkbook: StreamableWorkbook {}
extension XLSXSheetReader: WorkbookRowSource {}
extension ODSWorkbook: StreamableWorkbook {}
extension ODSSheetReader: WorkbookRowSource {
    /// ODS stores every formula's result with it.
    var formulasWithoutValue: Int { 0 }
}

/// How a web page's tables are read unlike a workbook's sheets (`streamHTMLSubmission`).
struct PageTables {
    /// What declares a table's category, by index: its caption or the heading above it
    /// ("B. Informasi Serta Merta"), when it reads as one.
    var declares: (Int) -> String?
    /// Called with the name of each table read into the list, in order.
    var onRead: (String) -> Void
}

/// - Parameter page: set for a web page: every other table with a full DIP header is read into
///   the list too (a page often lists each category in a table of its own, under a heading:
///   reading only the first would drop the others' items, and the register would take them as
///   withdrawn); each table's category may come from its heading; and when no table holds a
///   DIP table, the table whose likely header has the most texts is quoted rather than the
///   first with any (a page's first tables are navigation and letterheads).
func streamWorkbookSubmission<W: StreamableWorkbook>(
    factory: ProblemFactory, maxDataRows: Int, output: TableOutput, page: PageTables? = nil, open: () throws -> W
) -> StreamOutcome {
    let widestSeen = page != nil
    // Which sheet a package part holds, to name the sheet (not "xl/worksheets/sheet2.xml")
    // when a reader's limit or a DOCTYPE stops the file.
    var sheetOfPart: [String: String] = [:]
    do {
        let workbook = try open()
        for sheet in workbook.sheets {
            if let part = sheet.partName { sheetOfPart[String(part.drop { $0 == "/" })] = sheet.name }
        }
        let order = workbook.sheets.indices.filter { workbook.sheets[$0].kind == .worksheet }
            .sorted { a, b in
                let ha = workbook.sheets[a].isHidden, hb = workbook.sheets[b].isHidden
                return ha != hb ? !ha : a < b
            }
        var emptySheet: String?
        // Full DIP headers (score ≥ 1000) by sheet, peeked only when a sheet has a weaker
        // title-column header: such a sheet (an instructions table with an "Informasi …"
        // column) is passed over when a later visible sheet has a full DIP header.
        var fullHeader: [Int: Bool] = [:]
        func hasFullHeader(_ i: Int) throws -> Bool {
            if let known = fullHeader[i] { return known }
            var peek = try workbook.rows(sheet: i)
            let full = (try peekHeaderScore(&peek) ?? 0) >= 1000
            fullHeader[i] = full
            return full
        }
        for (position, index) in order.enumerated() {
            let info = workbook.sheets[index]
            var reader = try workbook.rows(sheet: index)
            let sink = TableSink(output)
            let acceptHeader: (Int) throws -> Bool = { score in
                if score >= 1000 || info.isHidden { return true }
                let later = order[(position + 1)...].filter { !workbook.sheets[$0].isHidden }
                return try !later.contains(where: hasFullHeader)
            }
            guard try streamTable(&reader, sheet: info.name, factory: factory, sink: sink, maxDataRows: maxDataRows,
                                  mergedRanges: { try workbook.sheetTail(sheet: index) },
                                  acceptHeader: acceptHeader, declaredBy: page?.declares(index)) != nil
            else { continue }
            // A header with nothing under it (a template on an instructions sheet): look on.
            if sink.itemCount == 0 {
                if emptySheet == nil { emptySheet = info.name }
                continue
            }
            if info.isHidden {
                sink.problem(factory.make(
                    .hiddenSheet, sheet: info.name,
                    message: "Tabel DIP dibaca dari sheet tersembunyi '\(info.name)'.",
                    hint: "Pastikan sheet ini memang daftar yang diusulkan; tampilkan sheet tersebut atau hapus sheet lain yang tidak dipakai."))
            }
            if reader.formulasWithoutValue > 0 {
                sink.problem(factory.make(
                    .errorValue, sheet: info.name,
                    message: "\(reader.formulasWithoutValue) sel berisi rumus tanpa nilai tersimpan dan dibaca kosong.",
                    hint: "Buka file di Excel, biarkan rumus dihitung, lalu simpan ulang."))
            }
            // A list split by category over sheets ("Berkala", "Serta Merta", "DIK"): every
            // other visible sheet named after a category is read too, into the same list
            // (duplicates are found across sheets; each sheet's name declares its category).
            page?.onRead(info.name)
            for other in order where other != index {
                let sheet = workbook.sheets[other]
                if page != nil {
                    // Tables before the chosen one hold no item (else one would have been chosen).
                    guard other > index, try hasFullHeader(other) else { continue }
                } else {
                    guard !sheet.isHidden, Values.category(sheet.name) != nil else { continue }
                }
                var more = try workbook.rows(sheet: other)
                let items = sink.itemCount
                _ = try streamTable(&more, sheet: sheet.name, factory: factory, sink: sink, maxDataRows: maxDataRows,
                                    mergedRanges: { try workbook.sheetTail(sheet: other) }, declaredBy: page?.declares(other))
                if sink.itemCount > items { page?.onRead(sheet.name) }
                if more.formulasWithoutValue > 0 {
                    sink.problem(factory.make(
                        .errorValue, sheet: sheet.name,
                        message: "\(more.formulasWithoutValue) sel berisi rumus tanpa nilai tersimpan dan dibaca kosong.",
                        hint: "Buka file di Excel, biarkan rumus dihitung, lalu simpan ulang."))
                }
            }
            return .accepted(sheet: info.name, dialect: nil, sink)
        }
        if let emptySheet { return emptyTable(sheet: emptySheet, factory: factory) }
        // Say what the first sheet with any text holds where a header should be (a sheet that
        // cannot be read again only goes unquoted: the refusal stays no-dip-table).
        var seen: SeenRow?
        for index in order where seen == nil || widestSeen {
            guard var rows = try? workbook.rows(sheet: index),
                  let found = try? likelyHeader(&rows, sheet: workbook.sheets[index].name) else { continue }
            if found.texts.count > seen?.texts.count ?? 0 { seen = found }
        }
        let others = order.map { workbook.sheets[$0] }.filter { !$0.isHidden && $0.name != seen?.sheet }.map(\.name)
        return noTable(factory: factory, seen: seen, otherSheets: others)
    } catch let failure as FileReadError {
        return .failed(failure)
    } catch let error as TooManyRows {
        return .refused(error.problem(factory))
    } catch let error as OfficeError {
        return .refused(officeProblem(error, factory: factory, sheetOfPart: sheetOfPart))
    } catch {
        return .refused(factory.make(
            .corruptFile, message: "File tidak dapat dibaca. \(SystemErrorText.explained("\(error)")).", hint: SubmissionKind.resave))
    }
}

/// The Indonesian problem for a reader error.
func officeProblem(_ error: OfficeError, factory: ProblemFactory, sheetOfPart: [String: String] = [:]) -> Problem {
    switch error {
    case .cfbContainer(let encrypted):
        return factory.make(
            .legacyOrEncrypted,
            message: encrypted
                ? "File ini dilindungi kata sandi (terenkripsi), sehingga tidak dapat dibaca."
                : SubmissionKind.legacyMessage,
            hint: SubmissionKind.resave)
    case .emptyFile:
        return factory.make(.fileEmpty, message: "File kosong (0 byte).",
                            hint: "Kirim ulang file DIP yang lengkap; kemungkinan file belum selesai disalin.")
    case .notAWorkbook, .unsupportedFormat:
        return factory.make(.unsupportedType, message: "File ini bukan buku kerja Excel (.xlsx) atau LibreOffice (.ods) yang dapat dibaca.",
                            hint: SubmissionKind.resave)
    case .doctypeRefused, .limitExceeded:
        // The sheet the part holds, by name; what was found, in words; the reader's text after.
        let raw = "\(error)"
        let sheet = sheetOfPart.keys.sorted().first { raw.contains($0) }.flatMap { sheetOfPart[$0] }
        let onSheet = sheet.map { " pada " + sheetPhrase($0) } ?? ""
        let what: String
        switch error {
        case .doctypeRefused:
            what = "bagian berkas\(onSheet) memuat deklarasi DOCTYPE, yang tidak pernah ada pada buku kerja Excel atau "
                + "LibreOffice biasa dan dapat dipakai untuk menyerang server melalui entitas XML"
        case .limitExceeded(let limit, _) where limit.contains("compression ratio") || limit.contains("size of"):
            what = "isi\(onSheet) bila dibuka jauh lebih besar dari ukuran berkasnya (seperti \"bom zip\")"
        case .limitExceeded(let limit, let max) where limit.contains("text length"):
            what = "satu sel\(onSheet) berisi teks lebih dari \(IndonesianNumber.grouped(max >> 20)) MB, jauh melebihi batas "
                + "satu sel Excel (32.767 karakter)"
        case .limitExceeded(let limit, let max) where limit.contains("tables nested"):
            what = "tabel di dalam tabel bersarang lebih dari \(max) tingkat, bukan susunan daftar yang wajar"
        case .limitExceeded(let limit, let max) where limit.contains("tables in one page"):
            what = "halaman web ini berisi lebih dari \(IndonesianNumber.grouped(max)) tabel, bukan daftar yang wajar"
        case .limitExceeded(let limit, _) where limit.contains("rows of the page's tables"):
            what = "baris-baris awal tabel pada halaman web ini berisi teks jauh lebih banyak dari daftar DIP mana pun"
        case .limitExceeded(let limit, _) where limit.contains("zip entry count"):
            what = "berkas berisi terlalu banyak bagian (lebih dari 10.000), bukan buku kerja biasa"
        case .limitExceeded(let limit, _) where limit.contains("shared string"):
            what = "tabel teks bersama (shared strings) berkas ini jauh lebih besar dari daftar mana pun"
        case .limitExceeded(let limit, let max) where limit.contains("merged range count"):
            what = "\(sheet.map(sheetPhrase) ?? "satu sheet") berisi lebih dari "
                + "\(IndonesianNumber.grouped(max)) sel gabungan (merge), jauh melebihi daftar DIP mana pun"
        case .limitExceeded(let limit, _) where limit.contains("row number") || limit.contains("column"):
            what = "ada sel\(onSheet) di luar batas baris atau kolom lembar Excel"
        default:
            what = "isinya\(onSheet) berukuran tidak wajar atau berpotensi berbahaya"
        }
        return factory.make(
            .zipBomb, sheet: sheet, message: "File ditolak karena \(what) (\(raw)).",
            hint: "Simpan ulang tabel DIP di file .xlsx baru yang hanya berisi daftar tersebut.")
    case .expansionExceeded(let sheet, let what, _):
        let isi: String
        switch what {
        case "cells": isi = "sel yang letaknya sangat jauh ke kanan atau sangat banyak"
        case "shared strings": isi = "tabel teks bersama (shared strings) yang jauh lebih besar dari daftar mana pun"
        default: isi = "teks panjang yang diulang di banyak sel"
        }
        let tempat = sheet.map { " pada " + sheetPhrase($0) } ?? ""
        return factory.make(
            .contentTooLarge, sheet: sheet,
            message: "File \(factory.file) ditolak\(tempat): isinya bila dibaca jauh lebih besar dari ukuran filenya (\(isi)).",
            hint: "Salin hanya tabel DIP ke buku kerja baru (tanpa sel di luar tabel dan tanpa teks yang diulang), lalu kirim ulang.")
    case .notAZip, .zipError:
        // Cut short in copying, most often (a growing file taken once it stopped changing).
        return factory.make(.corruptFile, message: "File ini rusak atau tidak utuh (\(error)).",
                            hint: SubmissionKind.truncatedHint)
    case .ambiguousPart(let name, let candidates) where Set(candidates).count == 1:
        // The same name twice (session 21): Excel refuses such a file, other programs read
        // one copy or the other, so what dip read might not be what the PPID opens.
        return factory.make(
            .corruptFile,
            message: "File ini rusak: bagian \(name) tersimpan \(candidates.count) kali di dalam berkas, sehingga "
                + "isinya dapat terbaca berbeda oleh program lain (\(error)).",
            hint: SubmissionKind.resave)
    case .unsupportedEncoding(let name):
        return factory.make(
            .encodingUnsupported, message: "Pengodean teks halaman web ini (\(name)) tidak dikenali, sehingga tabelnya tidak dapat dibaca.",
            hint: MarkupKind.hint)
    case .missingPart, .ambiguousPart, .unsafePartName, .xmlError, .invalidContent, .noSuchSheet:
        return factory.make(.corruptFile, message: "File ini rusak atau tidak utuh (\(error)).",
                            hint: SubmissionKind.resave)
    }
}
