import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// A consequence test filled in on one row of the review workbook.
public struct ReviewTestEntry: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var sheet: String
    public var row: Int
    public var test: ConsequenceTest
}

/// An approve/return decision on one row of the review workbook.
public struct ReviewDecisionEntry: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var sheet: String
    public var row: Int
    public var action: DecisionAction
    public var note: String
}

/// The PPID's choice on a row of the rule-change sheet (`ReviewFormat.ruleChangesSheet`).
public struct ReviewRuleChoiceEntry: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var sheet: String
    public var row: Int
    public var action: RuleChangeAction
    public var note: String
}

/// A recorded test's berita acara completed on a row of the sheet `ReviewFormat.completionSheet`:
/// its number, its day, the place the Tim met, and who records it.
public struct ReviewCompletionEntry: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var sheet: String
    public var row: Int
    public var beritaAcaraNumber: String?
    public var testedOn: Date?
    /// Where the Tim met, as the berita acara prints it after "bertempat di".
    public var place: String? = nil
    /// The row's name, else the reviewer's on the instructions sheet.
    public var enteredBy: String
    /// The recorded test the row was made for (hidden column); nil when the column is absent or empty.
    public var testID: Int64? = nil
}

/// What a review workbook dropped back into the inbox says.
public struct ReviewDecisions: Hashable, Sendable {
    /// The draft the workbook was made for (nil when there was none).
    public var draftVersion: Int?
    /// The token dip wrote in the hidden `_dip` sheet (`ReviewInput.token`); only a workbook
    /// whose token the register issued may decide.
    public var token: String? = nil
    /// The reviewer named on the instructions sheet.
    public var reviewer: Official?
    public var tests: [ReviewTestEntry]
    public var decisions: [ReviewDecisionEntry]
    /// Cells that could not be read (Indonesian, with sheet, row and column); those rows are
    /// left out of `tests` and `decisions`.
    public var problems: [Problem]
    /// Choices on items the new rules would classify differently.
    public var ruleChoices: [ReviewRuleChoiceEntry] = []
    /// Numbers and days given for recorded tests' berita acara.
    public var completions: [ReviewCompletionEntry] = []
}

/// Why a file cannot be read as a review workbook at all.
public enum ReviewWorkbookError: Error, Equatable, CustomStringConvertible {
    /// Not an XLSX file, or damaged.
    case unreadable(file: String, reason: String)
    /// An XLSX without the `_dip` marker: not a review workbook made by dip.
    case notReviewWorkbook(file: String)

    public var description: String {
        switch self {
        case .unreadable(let f, let r):
            return "Berkas \(f) tidak dapat dibaca sebagai lembar kerja Excel (\(r))."
        case .notReviewWorkbook(let f):
            return "Berkas \(f) bukan lembar kerja pemeriksaan DIP (sheet tersembunyi _dip tidak ada "
                + "atau telah diubah). Gunakan lembar kerja dari reports/review/."
        }
    }
}

/// Reads decisions and consequence tests back from a review workbook (`ReviewWorkbook`).
/// Columns are found by their header text in row 1; the hidden id and revision columns
/// name the item revision each row decides on.
public enum ReviewWorkbookReader {
    public static func read(path: String) throws -> ReviewDecisions {
        let file = (path as NSString).lastPathComponent
        let workbook: XLSXWorkbook
        do {
            workbook = try XLSXWorkbook(path: path)
        } catch let failure as FileReadError {
            // The disk or share failed the read: not the PPID's workbook at fault, so not told
            // as such (the run leaves it in the inbox for a later run, exit 1).
            throw failure
        } catch {
            throw ReviewWorkbookError.unreadable(file: file, reason: "\(error)")
        }
        func rows(_ name: String) throws -> [SheetRow]? {
            guard let index = workbook.sheetIndex(named: name) else { return nil }
            let reader = try workbook.rows(sheet: index)
            var out: [SheetRow] = []
            while let row = try reader.nextRow() { out.append(row) }
            return out
        }
        var result = ReviewDecisions(draftVersion: nil, reviewer: nil, tests: [], decisions: [], problems: [])
        do {
            guard let meta = try rows(ReviewFormat.metaSheet),
                  meta.contains(where: { text($0[0]) == "format" && text($0[1]) == ReviewFormat.marker })
            else { throw ReviewWorkbookError.notReviewWorkbook(file: file) }
            if let v = meta.first(where: { text($0[0]) == "versi_draf" }) { result.draftVersion = Int(text(v[1])) }
            if let t = meta.first(where: { text($0[0]) == "token" }), !text(t[1]).isEmpty { result.token = text(t[1]) }

            if let instructions = try rows(ReviewFormat.instructionsSheet) {
                func value(_ label: String) -> String? {
                    let t = instructions.first { text($0[0]).lowercased() == label.lowercased() }.map { text($0[1]) }
                    return (t?.isEmpty ?? true) ? nil : t
                }
                if let name = value(ReviewFormat.reviewerNameLabel) {
                    result.reviewer = Official(name: name, nip: value(ReviewFormat.reviewerNipLabel),
                                               title: value(ReviewFormat.reviewerTitleLabel))
                }
            }
            var context = Context(file: file, result: result)
            for category in DIPCore.Category.allCases {
                let name = ReviewFormat.sheetName(category)
                if let sheetRows = try rows(name) { context.readDecisions(sheet: name, rows: sheetRows) }
            }
            if let sheetRows = try rows(ReviewFormat.testSheet) {
                context.readDecisions(sheet: ReviewFormat.testSheet, rows: sheetRows)
                context.readTests(rows: sheetRows)
            }
            if let sheetRows = try rows(ReviewFormat.ruleChangesSheet) {
                context.readRuleChoices(rows: sheetRows)
            }
            if let sheetRows = try rows(ReviewFormat.completionSheet) {
                context.readCompletions(rows: sheetRows)
            }
            result = context.result
        } catch let error as ReviewWorkbookError {
            throw error
        } catch let failure as FileReadError {
            throw failure
        } catch {
            throw ReviewWorkbookError.unreadable(file: file, reason: "\(error)")
        }
        return result
    }

    /// The text of a cell, trimmed; numbers without ".0".
    static func text(_ cell: CellValue) -> String {
        switch cell {
        case .empty: return ""
        case .string(let s): return s.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .dateTime(let dt): return isoDate(dt) ?? String(dt.serial)
        case .isoDateTime(let s): return String(s.prefix(10))
        }
    }

    static func isoDate(_ dt: ExcelDateTime) -> String? {
        guard dt.serial.isFinite, dt.serial >= 1, dt.serial < 2_958_466 else { return nil }
        let base = dt.is1904 ? Date(timeIntervalSince1970: -2_082_844_800) : Date(timeIntervalSince1970: -2_209_161_600)
        let date = base.addingTimeInterval(dt.serial.rounded(.down) * 86_400)
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// What a date column of a row holds: nothing, a day, or a text that is no day.
    enum TypedDay {
        case empty
        case day(Date)
        case unreadable(String)
    }

    /// The day typed in `column` of `row` (`date`); `.empty` without the column or text.
    static func typedDay(_ row: SheetRow, column: Int?) -> TypedDay {
        guard let column else { return .empty }
        let t = text(row[column])
        if t.isEmpty { return .empty }
        return date(row[column]).map { .day($0) } ?? .unreadable(t)
    }

    /// Why a place typed for the Tim's meeting cannot be printed after "bertempat di" in the
    /// berita acara (message, hint), or nil. A place is a name: not a fill-in mark copied from a
    /// form, not a date or a number typed into the wrong column, not a text repeating the words
    /// the record prints before it.
    static func placeProblem(_ place: String, cell: CellValue) -> (message: String, hint: String)? {
        let hint = "Tulis nama tempat rapat Tim saja, misalnya Aula Dinas Komunikasi dan Informatika, sebagaimana dicetak "
            + "sesudah \"bertempat di\" pada berita acara; kosongkan bila Tim rapat di kota tempat keputusan ditetapkan."
        if let mark = ApprovalText.fillInMark(place) {
            return ("Tempat uji '\(place)' masih berisi tempat isian (\(mark)).", hint)
        }
        var typedAsDate = date(cell) != nil
        switch cell {
        case .dateTime, .isoDateTime: typedAsDate = true
        default: break
        }
        if typedAsDate { return ("Tempat uji '\(place)' berupa tanggal, bukan nama tempat.", hint) }
        if !place.unicodeScalars.contains(where: { CharacterSet.letters.contains($0) }) {
            return ("Tempat uji '\(place)' bukan nama tempat.", hint)
        }
        let folded = place.lowercased()
        if folded.hasPrefix("bertempat ") || folded.hasPrefix("di ") {
            return ("Tempat uji '\(place)' diawali kata yang sudah dicetak berita acara (\"bertempat di\").", hint)
        }
        return nil
    }

    /// A test date typed as a date cell, "2026-11-26", "26/11/2026" or "26-11-2026"; noon WIB.
    static func date(_ cell: CellValue) -> Date? {
        let t = text(cell)
        if t.isEmpty { return nil }
        let cal = Clock.wibCalendar
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map { Int($0) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else {
            // "5 Desember 2026", as `dip test --tested-on` and `dip approve` take it (it was
            // refused here, in the workbook the PPID fills by hand); noon WIB, as below.
            return (try? IndonesianDate.parse(t)).map { $0.addingTimeInterval(12 * 3600) }
        }
        let (y, m, d) = a > 31 ? (a, b, c) : (c, b, a)
        guard (1...12).contains(m), (1...31).contains(d), y >= 1900,
              let date = cal.date(from: DateComponents(year: y, month: m, day: d, hour: 12)),
              cal.component(.day, from: date) == d
        else { return nil }
        return date
    }

    /// Pasal 17 ground codes ("17h2") named in a legal-basis text: "17h2", "17 h 2",
    /// "Pasal 17 huruf h angka 2".
    static func grounds(_ text: String) -> [String] {
        let folded = text.lowercased()
        var out: [String] = []
        let patterns = [
            #"17\s*huruf\s*([a-j])(?:\s*angka\s*(\d+))?"#,
            #"\b17\s*([a-j])\s*(\d*)\b"#,
        ]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let ns = folded as NSString
            for m in regex.matches(in: folded, range: NSRange(location: 0, length: ns.length)) {
                var code = "17" + ns.substring(with: m.range(at: 1))
                if m.range(at: 2).location != NSNotFound { code += ns.substring(with: m.range(at: 2)) }
                if !out.contains(code) { out.append(code) }
            }
        }
        return out
    }

    /// Reading state for one workbook.
    struct Context {
        var file: String
        var result: ReviewDecisions

        func columns(_ header: SheetRow?) -> [String: Int] {
            var map: [String: Int] = [:]
            for (i, cell) in (header?.cells ?? []).enumerated() {
                let t = ReviewWorkbookReader.text(cell).lowercased()
                if !t.isEmpty, map[t] == nil { map[t] = i }
            }
            return map
        }

        mutating func problem(_ sheet: String, _ row: Int, _ column: Int?, _ header: String?, _ message: String, _ hint: String) {
            result.problems.append(Problem(
                file: file, sheet: sheet, row: row, column: column.map(columnLetters), columnName: header,
                severity: .warning, code: "lembar_pemeriksaan", message: message, hint: hint))
        }

        /// The item id and revision of a row, or a problem.
        mutating func identity(sheet: String, row: SheetRow, map: [String: Int]) -> (String, Int)? {
            guard let idc = map[ReviewFormat.idHeader.lowercased()], let rc = map[ReviewFormat.revisionHeader.lowercased()] else {
                problem(sheet, row.number, nil, nil, "Kolom tersembunyi ID DIP atau Revisi tidak ditemukan di sheet \(sheet).",
                        "Gunakan lembar kerja asli dari reports/review/ tanpa menghapus kolom.")
                return nil
            }
            let id = ReviewWorkbookReader.text(row[idc])
            guard !id.isEmpty else {
                problem(sheet, row.number, idc, ReviewFormat.idHeader, "ID DIP kosong; keputusan pada baris ini tidak dapat dicatat.",
                        "Jangan menambah baris baru atau mengosongkan kolom ID DIP.")
                return nil
            }
            guard let revision = Int(ReviewWorkbookReader.text(row[rc])), revision > 0 else {
                problem(sheet, row.number, rc, ReviewFormat.revisionHeader,
                        "Nomor revisi '\(ReviewWorkbookReader.text(row[rc]))' tidak dapat dibaca.",
                        "Jangan mengubah kolom Revisi.")
                return nil
            }
            return (id, revision)
        }

        /// A filled row of a choice column (Keputusan, the rule-change decision): the option it
        /// names, the item it is about and the row's note.
        struct ChosenRow<Action> {
            let row: SheetRow
            let action: Action
            let itemID: String
            let revision: Int
            let note: String
            let choiceColumn: Int
            let noteColumn: Int?
        }

        /// Reads one choice column of a decision sheet. Empty choices are skipped; a choice that is
        /// none of `options` (compared case-insensitively), a missing column and a row without its
        /// hidden identity are reported at their cell and skipped, so one bad row never voids the rest.
        mutating func chosenRows<Action>(sheet: String, rows: [SheetRow], header: String,
                                         options: [(String, Action)], hint: String) -> [ChosenRow<Action>] {
            let map = columns(rows.first)
            guard let dc = map[header.lowercased()] else {
                if rows.count > 1 {
                    problem(sheet, 1, nil, nil, "Kolom \(header) tidak ditemukan di sheet \(sheet).",
                            "Jangan mengubah judul kolom.")
                }
                return []
            }
            let nc = map[ReviewFormat.noteHeader.lowercased()]
            var chosen: [ChosenRow<Action>] = []
            for row in rows.dropFirst() {
                let choice = ReviewWorkbookReader.text(row[dc])
                if choice.isEmpty { continue }
                guard let action = options.first(where: { $0.0.lowercased() == choice.lowercased() })?.1 else {
                    problem(sheet, row.number, dc, header, "Keputusan '\(choice)' tidak dikenali.", hint)
                    continue
                }
                guard let (id, revision) = identity(sheet: sheet, row: row, map: map) else { continue }
                chosen.append(ChosenRow(
                    row: row, action: action, itemID: id, revision: revision,
                    note: nc.map { ReviewWorkbookReader.text(row[$0]) } ?? "", choiceColumn: dc, noteColumn: nc))
            }
            return chosen
        }

        mutating func readDecisions(sheet: String, rows: [SheetRow]) {
            let options: [(String, DecisionAction)] = [(ReviewFormat.approve, .approve), (ReviewFormat.returnToUnit, .return)]
            for c in chosenRows(sheet: sheet, rows: rows, header: ReviewFormat.decisionHeader, options: options,
                                hint: "Pilih Setujui atau Kembalikan dari daftar.") {
                if c.action == .return && c.note.isEmpty {
                    problem(sheet, c.row.number, c.noteColumn ?? c.choiceColumn, ReviewFormat.noteHeader,
                            "Informasi \(c.itemID) dikembalikan tanpa catatan.",
                            "Isi kolom Catatan dengan perbaikan yang diminta dari perangkat daerah.")
                    continue
                }
                result.decisions.append(ReviewDecisionEntry(
                    itemID: c.itemID, revision: c.revision, sheet: sheet, row: c.row.number, action: c.action, note: c.note))
            }
        }

        mutating func readRuleChoices(rows: [SheetRow]) {
            let sheet = ReviewFormat.ruleChangesSheet
            for c in chosenRows(sheet: sheet, rows: rows, header: ReviewFormat.ruleChangeDecisionHeader,
                                options: ReviewFormat.ruleChangeOptions,
                                hint: "Pilih \(ReviewFormat.applyRuleChange) atau \(ReviewFormat.keepRuleChange) dari daftar.") {
                result.ruleChoices.append(ReviewRuleChoiceEntry(
                    itemID: c.itemID, revision: c.revision, sheet: sheet, row: c.row.number, action: c.action, note: c.note))
            }
        }

        /// The sheet of records to complete: a row with a number, a day or a place is read; an
        /// empty row is skipped. A day that cannot be read, a place that is no name, or a row nobody
        /// is named for (neither in the row nor as the reviewer), is reported at its cell and skipped.
        mutating func readCompletions(rows: [SheetRow]) {
            let sheet = ReviewFormat.completionSheet
            let map = columns(rows.first)
            let numberColumn = map[ReviewFormat.beritaAcaraNumberHeader.lowercased()]
            let dayColumn = map[ReviewFormat.testedOnHeader.lowercased()]
            // A workbook made before session 29 has no place column.
            let placeColumn = map[ReviewFormat.placeHeader.lowercased()]
            guard numberColumn != nil || dayColumn != nil else {
                if rows.count > 1 {
                    problem(sheet, 1, nil, nil,
                            "Kolom \(ReviewFormat.beritaAcaraNumberHeader) dan \(ReviewFormat.testedOnHeader) tidak ditemukan di sheet \(sheet).",
                            "Jangan mengubah judul kolom.")
                }
                return
            }
            let nameColumn = map[ReviewFormat.completionNameHeader.lowercased()]
            for row in rows.dropFirst() {
                let number = numberColumn.map { ReviewWorkbookReader.text(row[$0]) } ?? ""
                let place = placeColumn.map { ReviewWorkbookReader.text(row[$0]) } ?? ""
                var day: Date?
                switch ReviewWorkbookReader.typedDay(row, column: dayColumn) {
                case .empty:
                    if number.isEmpty && place.isEmpty { continue }
                case .day(let d):
                    day = d
                case .unreadable(let t):
                    problem(sheet, row.number, dayColumn, ReviewFormat.testedOnHeader,
                            "Tanggal uji '\(t)' tidak dapat dibaca; berita acara baris ini tidak dilengkapi.",
                            "Tulis tanggal rapat Tim seperti 26/11/2026 atau 26 November 2026.")
                    continue
                }
                if let pc = placeColumn, !place.isEmpty,
                   let (message, hint) = ReviewWorkbookReader.placeProblem(place, cell: row[pc]) {
                    problem(sheet, row.number, pc, ReviewFormat.placeHeader,
                            message + " Berita acara baris ini tidak dilengkapi.", hint)
                    continue
                }
                let name = nameColumn.map { ReviewWorkbookReader.text(row[$0]) } ?? ""
                guard let by = name.isEmpty ? result.reviewer?.name : name else {
                    problem(sheet, row.number, nameColumn, ReviewFormat.completionNameHeader,
                            "Nama petugas yang mencatat belum diisi; berita acara baris ini tidak dilengkapi.",
                            "Isi kolom \(ReviewFormat.completionNameHeader), atau nama pemeriksa di sheet "
                                + "\(ReviewFormat.instructionsSheet): register mencatat siapa yang melengkapi berita acara dan kapan.")
                    continue
                }
                guard let (id, revision) = identity(sheet: sheet, row: row, map: map) else { continue }
                result.completions.append(ReviewCompletionEntry(
                    itemID: id, revision: revision, sheet: sheet, row: row.number,
                    beritaAcaraNumber: ConsequenceTest.recordedText(number), testedOn: day,
                    place: ConsequenceTest.recordedText(place), enteredBy: by,
                    testID: map[ReviewFormat.testIDHeader.lowercased()].flatMap { Int64(ReviewWorkbookReader.text(row[$0])) }))
            }
        }

        mutating func readTests(rows: [SheetRow]) {
            let sheet = ReviewFormat.testSheet
            let map = columns(rows.first)
            guard let cc = map[ReviewFormat.conclusionHeader.lowercased()] else {
                if rows.count > 1 {
                    problem(sheet, 1, nil, nil, "Kolom Kesimpulan tidak ditemukan di sheet \(sheet).",
                            "Jangan mengubah judul kolom.")
                }
                return
            }
            func value(_ row: SheetRow, _ header: String) -> String {
                map[header.lowercased()].map { ReviewWorkbookReader.text(row[$0]) } ?? ""
            }
            for row in rows.dropFirst() {
                let choice = ReviewWorkbookReader.text(row[cc])
                if choice.isEmpty { continue }
                guard let conclusion = ReviewFormat.conclusionOptions.first(where: {
                    $0.0.lowercased() == choice.lowercased()
                })?.1 else {
                    problem(sheet, row.number, cc, ReviewFormat.conclusionHeader,
                            "Kesimpulan '\(choice)' tidak dikenali.",
                            "Pilih Dikecualikan seluruhnya, Dikecualikan sebagian, atau Terbuka dari daftar.")
                    continue
                }
                guard let (id, revision) = identity(sheet: sheet, row: row, map: map) else { continue }
                var testedOn: Date?
                let tc = map[ReviewFormat.testedOnHeader.lowercased()]
                switch ReviewWorkbookReader.typedDay(row, column: tc) {
                case .empty: break
                case .day(let d): testedOn = d
                case .unreadable(let t):
                    problem(sheet, row.number, tc, ReviewFormat.testedOnHeader, "Tanggal uji '\(t)' tidak dapat dibaca.",
                            "Tulis tanggal seperti 26/11/2026 atau 26 November 2026.")
                    continue
                }
                // The place the berita acara prints after "bertempat di" (as on the completion sheet).
                let place = value(row, ReviewFormat.placeHeader)
                if !place.isEmpty, let pc = map[ReviewFormat.placeHeader.lowercased()],
                   let (message, hint) = ReviewWorkbookReader.placeProblem(place, cell: row[pc]) {
                    problem(sheet, row.number, pc, ReviewFormat.placeHeader, message + " Ujinya tidak dicatat.", hint)
                    continue
                }
                let testerName = value(row, ReviewFormat.testerHeader)
                // The tester's NIP is printed under the signature on the berita acara: 18 digits
                // (spaces as printed on documents, "19820315 200604 2 011", are accepted).
                var nip = value(row, ReviewFormat.testerNipHeader)
                if !nip.isEmpty {
                    guard let digits = Official.nipDigits(nip) else {
                        problem(sheet, row.number, map[ReviewFormat.testerNipHeader.lowercased()], ReviewFormat.testerNipHeader,
                                "NIP penguji '\(nip)' bukan 18 digit angka.",
                                "Tulis NIP 18 digit, misalnya 198203152006042011 (ketik sebagai teks agar Excel tidak membulatkannya).")
                        continue
                    }
                    nip = digits
                }
                let tester = testerName.isEmpty
                    ? result.reviewer
                    : Official(name: testerName, nip: nip.isEmpty ? nil : nip)
                let legalBasis = value(row, ReviewFormat.legalBasisHeader)
                // Pasal 17 huruf j closes only what another Undang-Undang closes (as `dip test`).
                let codes = ReviewWorkbookReader.grounds(legalBasis)
                if conclusion != .open, codes.contains("17j"), !codes.contains(where: { $0.hasPrefix("17j") && $0.count > 3 }),
                   !StatuteBook.namesOtherLaw(legalBasis) {
                    problem(sheet, row.number, map[ReviewFormat.legalBasisHeader.lowercased()], ReviewFormat.legalBasisHeader,
                            "Dasar hukum menyebut Pasal 17 huruf j tanpa undang-undang yang merahasiakan informasinya.",
                            "Tulis undang-undangnya, misalnya \"UU 14/2008 Pasal 17 huruf j jo. UU 27/2022\", atau pilih dasar lain.")
                    continue
                }
                let periodText = value(row, ReviewFormat.periodHeader)
                // The classification decree states each exemption's consequence and period (as `dip test`).
                let draftTest = ConsequenceTest(
                    specificInformation: "", legalBasis: legalBasis, grounds: codes,
                    consequence: value(row, ReviewFormat.consequenceHeader), publicInterest: "", conclusion: conclusion,
                    period: PeriodText.parse(periodText), periodText: periodText, conditionsForOpening: "",
                    tester: nil, testedOn: nil)
                let missing = LegalCitations.missingExemptionParts(draftTest)
                if !missing.isEmpty {
                    let header = missing.first == "konsekuensi apabila informasi dibuka" ? ReviewFormat.consequenceHeader : ReviewFormat.periodHeader
                    problem(sheet, row.number, map[header.lowercased()], header,
                            "Kesimpulan dikecualikan tanpa " + missing.joined(separator: " dan ") + ".",
                            "Isi " + missing.joined(separator: " dan ") + ": keduanya dimuat dalam Lampiran Keputusan Klasifikasi DIK.")
                    continue
                }
                // UU 14/2008 Pasal 20 ayat (1): exemptions under huruf a–f are not permanent (as `dip test`).
                if let why = LegalCitations.permanenceProblem(codes: codes, period: PeriodText.parse(periodText),
                                                              conclusion: conclusion) {
                    problem(sheet, row.number, map[ReviewFormat.periodHeader.lowercased()], ReviewFormat.periodHeader,
                            why + ".",
                            "Tulis jangka waktunya, misalnya \"5 tahun\" atau \"sampai pemenang tender ditetapkan\", atau tambahkan dasar huruf g–j bila memang berlaku.")
                    continue
                }
                // The berita acara opens "Pada hari ini, <the day of the test> …" and the decree may
                // not be dated before it; a row without its date was recorded undated (the record
                // then carried the day dip read the workbook, not the Tim's meeting) and escaped the
                // check of its period below until `dip approve` (session 26). `dip test` has a date
                // always: --tested-on, else the day it is typed.
                guard let testedOn else {
                    problem(sheet, row.number, tc, ReviewFormat.testedOnHeader,
                            "Tanggal uji konsekuensi \(id) belum diisi; ujinya tidak dicatat.",
                            "Isi kolom \(ReviewFormat.testedOnHeader) dengan tanggal rapat Tim yang menguji, misalnya 26/11/2026 "
                                + "atau 26 November 2026: berita acara dibuka dengan hari dan tanggal itu (\"Pada hari ini, …\") "
                                + "dan jangka waktu pengecualiannya diperiksa terhadap tanggal itu.")
                    continue
                }
                // A period "sampai <date>" over by the day of the test (as `dip test`).
                if let why = ExemptionPeriods.periodOverProblem(periodText, conclusion: conclusion, testedOn: testedOn,
                                                                clock: Clock(now: testedOn)) {
                    problem(sheet, row.number, map[ReviewFormat.periodHeader.lowercased()], ReviewFormat.periodHeader,
                            why + ".", "Tulis jangka waktu yang benar, atau simpulkan Terbuka.")
                    continue
                }
                let test = ConsequenceTest(
                    specificInformation: value(row, ReviewFormat.specificHeader), legalBasis: legalBasis,
                    grounds: ReviewWorkbookReader.grounds(legalBasis),
                    consequence: value(row, ReviewFormat.consequenceHeader),
                    publicInterest: value(row, ReviewFormat.publicInterestHeader), conclusion: conclusion,
                    period: PeriodText.parse(periodText), periodText: periodText,
                    conditionsForOpening: value(row, ReviewFormat.conditionsHeader), tester: tester,
                    testedOn: testedOn, beritaAcaraNumber: ConsequenceTest.recordedText(value(row, ReviewFormat.beritaAcaraNumberHeader)),
                    place: ConsequenceTest.recordedText(place))
                result.tests.append(ReviewTestEntry(itemID: id, revision: revision, sheet: sheet, row: row.number, test: test))
            }
        }
    }
}
