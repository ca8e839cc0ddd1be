import DIPCore
import Foundation
import OfficeFormats

extension HTMLWorkbook: StreamableWorkbook {}
extension HTMLTableReader: WorkbookRowSource {
    /// A page holds the values it shows: no formulas.
    var formulasWithoutValue: Int { 0 }
}

/// Streams a web page (what a web application's "Export ke Excel" saves, usually named .xls;
/// or an .html/.htm page) into `output`: its tables are the sheets ("tabel ke-N", document
/// order), chosen as an XLSX workbook's sheets are (the first with a DIP header and at least
/// one item), their `colspan`/`rowspan` read as merged cells. The unit is told that the file
/// is a web page, which table was read, in which encoding, and how rows are numbered.
func streamHTMLSubmission(path: String, factory: ProblemFactory, maxDataRows: Int, output: TableOutput) -> StreamOutcome {
    let workbook: HTMLWorkbook
    do {
        workbook = try HTMLWorkbook(path: path)
    } catch let failure as FileReadError {
        return .failed(failure)
    } catch let error as OfficeError {
        return .refused(officeProblem(error, factory: factory, sheetOfPart: pageTableParts(count: HTMLWorkbook.maxTables)))
    } catch {
        return .refused(factory.make(.corruptFile, message: "File tidak dapat dibaca. \(SystemErrorText.explained("\(error)")).",
                                     hint: MarkupKind.hint))
    }
    let ext = (factory.file as NSString).pathExtension.lowercased()
    let named = ["xls", "xlsx", "xlsm", "ods", "csv", "txt"].contains(ext) ? " meskipun bernama .\(ext)" : ""
    if workbook.tables.isEmpty {
        return .refused(factory.make(
            .noDIPTable,
            // The name last: "… (HTML) meskipun bernama .xls yang tidak berisi tabel" read as if the .xls held none.
            message: "Tabel DIP tidak ditemukan: file ini halaman web (HTML) yang tidak berisi tabel sama sekali"
                + (named.isEmpty ? "." : ",\(named)."),
            hint: "Buka file itu di Excel atau LibreOffice; bila daftarnya tampak sebagai tabel, simpan ulang (Save As) sebagai "
                + ".xlsx dan kirim berkas .xlsx itu; bila tidak, isi daftar DIP di Excel (.xlsx)."))
    }
    var read: [String] = []
    let page = PageTables(
        declares: { i in
            let t = workbook.tables[i]
            return [t.caption, t.heading].compactMap { $0 }.first(where: isCategoryHeading)
        },
        onRead: { read.append($0) })
    let outcome = streamWorkbookSubmission(factory: factory, maxDataRows: maxDataRows, output: output, page: page) { workbook }
    guard case .accepted(let sheet, _, let sink) = outcome, let sheet else { return outcome }
    // "tabel ke-2 ("Daftar …")", "tabel ke-2 dan tabel ke-4", "tabel ke-2, tabel ke-3 dan tabel ke-4".
    let readNames = read.map { name in
        (workbook.tables.first { $0.name == name }?.caption).map { "\(name) (\"\($0)\")" } ?? name
    }
    let tables = readNames.isEmpty ? sheet : RowList.joinedWithDan(readNames)
    let total = workbook.tables.count
    let among = total > read.count ? (read.count > 1 ? ", dari \(total) tabel di halaman itu," : ", satu dari \(total) tabel di halaman itu,") : ""
    sink.problem(factory.make(
        .htmlTable, sheet: sheet,
        message: "File ini halaman web (HTML)\(named), biasanya hasil tombol \"Export ke Excel\" dari aplikasi web; "
            + "daftar dibaca dari \(tables)\(among) dengan pengodean \(workbook.charset.name). Nomor baris pada pesan untuk "
            + "berkas ini dihitung dari baris pertama \(read.count > 1 ? "setiap tabel" : "tabel itu"), sehingga dapat berbeda dari "
            + "nomor baris yang tampak bila berkas dibuka di Excel.",
        hint: "Sebaiknya buka file itu di Excel atau LibreOffice, simpan ulang (Save As) sebagai .xlsx (Excel Workbook), "
            + "lalu kirim berkas .xlsx itu untuk pengiriman berikutnya."))
    if workbook.invalidUTF8Sequences > 0 {
        let n = workbook.invalidUTF8Sequences
        sink.problem(factory.make(
            .encodingGuess, sheet: sheet,
            message: "Halaman ini berpengodean UTF-8, tetapi \(TableBuilder.grouped(n)) karakter di dalamnya bukan UTF-8 yang sah "
                + "(biasanya huruf seperti é atau tanda kutip miring yang disalin dari program lain), sehingga terbaca sebagai \"\u{FFFD}\".",
            hint: "Cari tanda \"\u{FFFD}\" pada isian yang tercantum di umpan balik ini dan ketik ulang hurufnya; sebaiknya buka file itu "
                + "di Excel atau LibreOffice, simpan ulang (Save As) sebagai .xlsx, lalu kirim berkas .xlsx itu."))
    }
    return .accepted(sheet: sheet, dialect: "halaman web (HTML), \(workbook.charset.name)", sink)
}

/// The part names the HTML reader's errors use for its tables ("<table 3>") by table name, so
/// a refusal names the table ("tabel ke-3").
func pageTableParts(count: Int) -> [String: String] {
    // Only the names an error can carry are needed; built lazily would be nicer, but the map
    // is made only when a page is refused.
    var map: [String: String] = [:]
    for n in 1...max(1, min(count, HTMLWorkbook.maxTables)) { map["<table \(n)>"] = "tabel ke-\(n)" }
    return map
}
