import DIPCore
import OfficeFormats

/// Reads an XLSX submission: the first sheet with a DIP header wins, visible sheets in tab
/// order before hidden ones (an instructions sheet often comes first). Items are built after
/// each sheet's stream ends, because merged ranges are only known then.
func readXLSXSubmission(path: String, factory: ProblemFactory, maxDataRows: Int) -> (SubmissionResult, [String?: ColumnMap]) {
    do {
        let workbook = try XLSXWorkbook(path: path)
        let order = workbook.sheets.indices.filter { workbook.sheets[$0].kind == .worksheet }
            .sorted { a, b in
                let ha = workbook.sheets[a].isHidden, hb = workbook.sheets[b].isHidden
                return ha != hb ? !ha : a < b
            }
        var emptySheet: String?
        for index in order {
            let info = workbook.sheets[index]
            var reader = try workbook.rows(sheet: index)
            guard let table = try readTable(&reader, sheet: info.name, factory: factory, deferItems: true, maxDataRows: maxDataRows)
            else { continue }
            // A header with nothing under it (a template on an instructions sheet): look on.
            if table.items.isEmpty {
                if emptySheet == nil { emptySheet = info.name }
                continue
            }
            var problems = table.problems
            if info.isHidden {
                problems.append(factory.make(
                    .hiddenSheet, sheet: info.name,
                    message: "Tabel DIP dibaca dari sheet tersembunyi '\(info.name)'.",
                    hint: "Pastikan sheet ini memang daftar yang diusulkan; tampilkan sheet tersebut atau hapus sheet lain yang tidak dipakai."))
            }
            if reader.formulasWithoutValue > 0 {
                problems.append(factory.make(
                    .errorValue, sheet: info.name,
                    message: "\(reader.formulasWithoutValue) sel berisi rumus tanpa nilai tersimpan dan dibaca kosong.",
                    hint: "Buka file di Excel, biarkan rumus dihitung, lalu simpan ulang."))
            }
            let result = SubmissionResult(
                path: path, status: .accepted, items: table.items, problems: problems, sheet: info.name)
            return (result, [info.name: table.map])
        }
        if let emptySheet { return (emptyTable(path: path, sheet: emptySheet, factory: factory), [:]) }
        return (noTable(path: path, factory: factory), [:])
    } catch let error as TooManyRows {
        return (refusal(path: path, error.problem(factory)), [:])
    } catch let error as OfficeError {
        return (refusal(path: path, officeProblem(error, factory: factory)), [:])
    } catch {
        return (refusal(path: path, factory.make(
            .corruptFile, message: "File tidak dapat dibaca: \(error).", hint: SubmissionKind.resave)), [:])
    }
}

/// The Indonesian problem for a reader error.
func officeProblem(_ error: OfficeError, factory: ProblemFactory) -> Problem {
    switch error {
    case .cfbContainer(let encrypted):
        return factory.make(
            .legacyOrEncrypted,
            message: encrypted
                ? "File ini dilindungi kata sandi (terenkripsi), sehingga tidak dapat dibaca."
                : "File ini berformat Excel 97-2003 (.xls) atau dilindungi kata sandi, sehingga tidak dapat dibaca.",
            hint: SubmissionKind.resave)
    case .emptyFile:
        return factory.make(.fileEmpty, message: "File kosong (0 byte).",
                            hint: "Kirim ulang file DIP yang lengkap; kemungkinan file belum selesai disalin.")
    case .io:
        return factory.make(.fileUnreadable, message: "File tidak dapat dibuka.",
                            hint: "Periksa apakah file masih disalin atau dikunci, lalu kirim ulang.")
    case .notAWorkbook, .unsupportedFormat:
        return factory.make(.unsupportedType, message: "File ini bukan buku kerja Excel (.xlsx) yang dapat dibaca.",
                            hint: SubmissionKind.resave)
    case .doctypeRefused, .limitExceeded:
        return factory.make(
            .zipBomb, message: "File ditolak karena isinya berukuran tidak wajar atau berpotensi berbahaya (\(error)).",
            hint: "Simpan ulang tabel DIP di file .xlsx baru yang hanya berisi daftar tersebut.")
    case .notAZip, .missingPart, .ambiguousPart, .unsafePartName, .zipError, .xmlError, .invalidContent, .noSuchSheet:
        return factory.make(.corruptFile, message: "File .xlsx ini rusak atau tidak utuh (\(error)).",
                            hint: SubmissionKind.resave)
    }
}
