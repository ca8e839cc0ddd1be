import DIPCore
import Foundation
import Publish
import Register
import Rules

/// The plain-text feedback a unit reads after each run that took in its files: per file,
/// what was accepted, and every problem with its sheet, row and column and what to do.
///
/// Plain text so that it opens anywhere (Notepad, a phone); written in Bahasa Indonesia.
public enum FeedbackReport {
    /// The report text for one unit's files of this run.
    ///
    /// - Parameter codes: the codes the unit's page gave to the lines its rows repeat
    ///   (`UnitFeedback.FeedbackDocuments.codes`): a note the page codes is cited here by the same
    ///   code, and a note repeated only in this text gets a code after them, so "C7" on the
    ///   phone means one line in both.
    public static func text(unit: WorkUnit, outcomes: [FileOutcome], citations: LegalCitations = .builtIn, clock: Clock,
                            notes: [String] = [], codes: RepeatedNotes = RepeatedNotes(rows: [])) -> String {
        var codes = codes
        var out: [String] = []
        out.append("UMPAN BALIK DAFTAR INFORMASI PUBLIK (DIP)")
        out.append("Unit kerja : \(unit.name) (\(unit.code))")
        out.append("Diproses   : \(clock.indonesianDate()), \(timeText(clock)) WIB")
        out.append("")
        if !notes.isEmpty {
            out.append("Catatan dari PPID (perbaiki lalu kirim ulang daftar Anda):")
            for note in notes { out.append("  - \(note)") }
            out.append("")
        }
        if outcomes.isEmpty {
            out.append("Tidak ada berkas baru dari unit Anda pada proses ini. Umpan balik ini diperbarui karena "
                + (notes.isEmpty ? "catatan PPID untuk unit Anda sudah selesai ditanggapi." : "PPID memberi catatan di atas."))
            out.append("")
        }
        for outcome in outcomes.sorted(by: { $0.fileName < $1.fileName }) {
            out.append(String(repeating: "=", count: 72))
            out.append("Berkas: \(outcome.fileName)")
            let comparison = changesText(outcome)
            switch outcome.status {
            case .accepted:
                let sheet = outcome.sheet.map { " dari " + sheetPhrase($0) } ?? ""
                out.append("Status: DITERIMA. \(IndonesianNumber.grouped(outcome.itemCount)) informasi dibaca\(sheet).")
                if let said = comparison { out.append(said) }
            case .refused:
                out.append("Status: DITOLAK. \(outcome.reason ?? "Berkas tidak dapat dibaca.")")
                out.append("Berkas asli tetap disimpan di arsip PPID. Perbaiki lalu kirim ulang ke folder unit Anda.")
            case .duplicate:
                out.append("Status: SAMA dengan berkas yang sudah diterima sebelumnya; tidak dicatat ulang.")
                if let held = outcome.supersededHold {
                    out.append("Kiriman \(held) yang ditahan dibatalkan: daftar Anda yang tercatat tetap berlaku.")
                }
                if !outcome.problems.isEmpty { out.append("Hasil pemeriksaan berkas itu diulang di bawah ini.") }
            case .held:
                out.append("Status: DITAHAN. \(heldText(outcome, unit: unit.code))")
            }
            let problems = outcome.problems.sorted { lhs, rhs in
                (lhs.sheet ?? "", lhs.row ?? 0, lhs.column ?? "", lhs.code) < (rhs.sheet ?? "", rhs.row ?? 0, rhs.column ?? "", rhs.code)
            }
            // Errors and warnings ask for a correction; informational notes do not.
            let toFix = problems.filter { $0.severity != .info }
            let infos = problems.filter { $0.severity == .info }
            // The numbers each row's problems have in the list above: a problem said once for
            // many rows names them in a list ("Baris: 4, 7, 10–19, …") where a row inside a
            // range cannot be searched for, so each item below names its own. A summary of alike
            // problems names its rows only in its text: those rows are not marked, and the list
            // says so.
            struct Place: Hashable { var sheet: String?, row: Int }
            var numbersOnRow: [Place: [Int]] = [:]
            var summarised: [Int] = []
            if toFix.isEmpty {
                if outcome.status == .accepted { out.append("Tidak ada yang perlu diperbaiki.") }
            } else {
                out.append("")
                // A summary of alike problems counts for the rows it stands for (`Problem.standsFor`).
                out.append("Masalah yang perlu diperbaiki (\(IndonesianNumber.grouped(toFix.reduce(0) { $0 + $1.standsFor }))):")
                for (index, group) in alikeGroups(toFix).enumerated() {
                    let problem = group[0]
                    if problem.alsoInRows != nil {
                        summarised.append(index + 1)
                    } else {
                        for p in group { if let row = p.row { numbersOnRow[Place(sheet: p.sheet, row: row), default: []].append(index + 1) } }
                    }
                    let said = groupText(group)
                    out.append("  \(index + 1). [\(severityText(problem.severity))] \(said.head)")
                    if let rows = said.rows { out.append("     \(rows)") }
                    if !problem.hint.isEmpty { out.append("     Yang perlu dilakukan: \(problem.hint)") }
                }
            }
            if !infos.isEmpty {
                out.append("")
                out.append("Untuk diketahui (tidak perlu diperbaiki):")
                for group in alikeGroups(infos) {
                    let said = groupText(group)
                    out.append("  - \(said.head)")
                    if let rows = said.rows { out.append("    \(rows)") }
                }
            }
            if !outcome.items.isEmpty {
                out.append("")
                let notes = outcome.items.indices.map {
                    $0 < outcome.classifications.count
                        ? UnitFeedback.unitNotes(outcome.classifications[$0], tested: outcome.testsOnRecord[$0] != nil,
                                                 title: UnitFeedback.ownTitle(outcome.items[$0])) : []
                }
                // A note on many rows is written once, above the list; each row names its code.
                codes.add(rows: notes)
                var rowsWith: [String: Int] = [:]
                for row in notes {
                    for code in Set(row.compactMap(codes.code)) { rowsWith[code, default: 0] += 1 }
                }
                let used = codes.labelled.filter { rowsWith[$0.code] != nil }
                if !used.isEmpty {
                    out.append("Catatan yang berulang (ditulis sekali di sini; setiap baris di bawah menyebut kodenya; "
                        + "halaman umpan balik .html memakai kode yang sama):")
                    for entry in used {
                        out.append("  \(entry.code) (\(IndonesianNumber.grouped(rowsWith[entry.code]!)) baris): \(entry.text)")
                    }
                    out.append("")
                }
                out.append(outcome.status == .held ? "Informasi dalam berkas ini (belum diterapkan):" : "Informasi yang diterima:")
                if !summarised.isEmpty {
                    out.append("  (Baris yang tercantum dalam masalah nomor \(Self.numberList(summarised)) di atas tidak ditandai "
                        + "satu per satu di bawah ini; periksa daftar barisnya di sana.)")
                }
                for (index, item) in outcome.items.enumerated() {
                    let declared = item.kategori?.shortLabel ?? item.kategoriText ?? "kategori belum diisi"
                    // A title with a line break (a quoted CSV cell) on one line: the rest of it sat
                    // at the left margin, outside the list.
                    let title = item.ringkasan.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                        .joined(separator: " ")
                    out.append("  - baris \(item.source.row), no. \(item.nomor): \(title) [\(declared)]")
                    if comparison != nil, let said = rowChangeText(outcome, index: index) { out.append("      " + said) }
                    if let numbers = numbersOnRow[Place(sheet: item.source.sheet, row: item.source.row)] {
                        out.append("      Perlu diperbaiki: lihat masalah nomor \(Self.numberList(numbers)) di atas.")
                    }
                    if index < outcome.classifications.count {
                        let c = outcome.classifications[index]
                        if c.needsConsequenceTest, let t = outcome.testsOnRecord[index] {
                            let said = UnitFeedback.testedText(t, clock: clock)
                            out.append("      " + said.prefix(1).uppercased() + said.dropFirst() + ".")
                        } else if c.needsConsequenceTest {
                            let basis = citations.citation(codes: c.exemptionGrounds, text: item.dasarHukumText)
                            let grounds = basis.isEmpty ? "" : " (dasar: \(basis))"
                            out.append("      Perlu uji konsekuensi oleh PPID sebelum diumumkan\(grounds).")
                        }
                        let coded = notes[index].compactMap(codes.code)
                        if !coded.isEmpty { out.append("      Catatan berulang: \(coded.joined(separator: ", ")).") }
                        for note in notes[index] where codes.code(note) == nil { out.append("      Catatan: \(note)") }
                    }
                }
            }
            if outcome.withdrawn.count > UnitFeedback.withdrawnNamedInSummary {
                // One line each, as the workbook's sheet lists them (not one line of thousands).
                out.append("")
                out.append("Informasi yang dianggap ditarik karena tidak ada lagi dalam daftar ini "
                    + "(\(IndonesianNumber.grouped(outcome.withdrawn.count))); bila ada yang tidak sengaja terhapus, "
                    + "tambahkan kembali barisnya lalu kirim ulang daftar lengkap:")
                for d in outcome.withdrawn { out.append("  - " + UnitFeedback.withdrawnName(d)) }
            } else if let said = UnitFeedback.withdrawnText(outcome.withdrawn) {
                out.append("")
                out.append(said)
            }
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Problems in their order, those that say the same (severity, code, place but the row,
    /// message and hint) on several rows gathered at the first of them.
    static func alikeGroups(_ problems: [Problem]) -> [[Problem]] {
        struct Key: Hashable {
            var sheet: String?, column: String?, columnName: String?, severity: Severity, code: String, message: String, hint: String
        }
        var groups: [[Problem]] = []
        var at: [Key: Int] = [:]
        for p in problems {
            guard p.row != nil, p.alsoInRows == nil else { groups.append([p]); continue }
            let key = Key(sheet: p.sheet, column: p.column, columnName: p.columnName, severity: p.severity, code: p.code,
                          message: p.message, hint: p.hint)
            if let i = at[key] { groups[i].append(p) } else { at[key] = groups.count; groups.append([p]) }
        }
        return groups
    }

    /// One problem as "baris 5, kolom E (Waktu): …"; the same problem on several rows said once,
    /// "kolom D (…), 6 baris: …", with every row it is on ("Baris: 2–4, 7, 9, 10.").
    static func groupText(_ group: [Problem]) -> (head: String, rows: String?) {
        let problem = group[0]
        guard group.count > 1 else {
            return ((problem.locationText.isEmpty ? "" : "\(problem.locationText): ") + problem.message, nil)
        }
        var place = problem
        place.row = nil
        let location = place.locationText.isEmpty ? "" : "\(place.locationText), "
        return ("\(location)\(IndonesianNumber.grouped(group.count)) baris: \(problem.message)", "Baris: \(RowList.text(group.compactMap(\.row))).")
    }

    /// "3", "3 dan 5", "1, 3 dan 5": the numbers of a row's problems in the list above.
    static func numberList(_ numbers: [Int]) -> String { RowList.andList(numbers) }

    /// ", pada baris 4, 7, 15–20": where a file's problems to fix are. The page and the workbook
    /// list every row of the file with its problems beside it, so a clerk with a 300-row list
    /// and five rows to fix read the whole list to find them (the text feedback lists the
    /// problems first; session 25). At most `rowRunsNamed` runs of rows, then "antara lain";
    /// "" when no problem is in a row (the whole file's).
    static func rowsToFix(_ problems: [Problem]) -> String {
        var rows: [Int] = []
        var unnamed = false
        for problem in problems where problem.severity != .info {
            if let row = problem.row { rows.append(row) }
            guard problem.alsoInRows != nil else { continue }
            for run in problem.summarisedRows ?? [] { rows += Array(run) }
            if !problem.namesEverySummarisedRow { unnamed = true }
        }
        let runs = RowList.runs(rows)
        guard !runs.isEmpty else { return "" }
        let some = unnamed || runs.count > rowRunsNamed
        return (some ? ", antara lain pada baris " : ", pada baris ") + RowList.text(runs: Array(runs.prefix(rowRunsNamed)))
    }

    /// A row's change for the unit's comparison: the fields the unit changed, without
    /// "klasifikasi" (the rules' suggestion moving is not the unit's change).
    static func unitFields(_ change: RowChange) -> [String] { change.fields.filter { $0 != "klasifikasi" } }

    /// "Dibanding daftar Anda yang tercatat sebelumnya: 1 informasi baru (baris 8), 1 diubah
    /// (baris 4), 4 tidak berubah, 1 dianggap ditarik." for an accepted list that updated one on
    /// record. After an update a clerk read every row alike, and could not tell whether dip took
    /// the edited row as a change or the retyped title as a new item (session 26). Nil for a
    /// unit's first list (every row new, nothing withdrawn) and for any other status.
    static func changesText(_ outcome: FileOutcome) -> String? {
        guard outcome.status == .accepted, !outcome.rowChanges.isEmpty else { return nil }
        var added: [Int] = [], changed: [Int] = [], unchanged = 0
        for index in outcome.rowChanges.keys.sorted() {
            let change = outcome.rowChanges[index]!
            let row = index < outcome.items.count ? outcome.items[index].source.row : nil
            switch change.change {
            case .added: if let row { added.append(row) } else { added.append(-1) }
            case .unchanged: unchanged += 1
            case .changed, .reclassified, .withdrawn:
                if unitFields(change).isEmpty { unchanged += 1 } else { changed.append(row ?? -1) }
            }
        }
        guard changed.count + unchanged + outcome.withdrawn.count > 0 else { return nil }
        func rows(_ list: [Int]) -> String {
            let known = list.filter { $0 > 0 }
            guard known.count == list.count else { return "" }
            let runs = RowList.runs(known)
            return (runs.count > rowRunsNamed ? " (antara lain baris " : " (baris ")
                + RowList.text(runs: Array(runs.prefix(rowRunsNamed))) + ")"
        }
        var parts: [String] = []
        if !added.isEmpty { parts.append("\(IndonesianNumber.grouped(added.count)) informasi baru\(rows(added))") }
        if !changed.isEmpty { parts.append("\(IndonesianNumber.grouped(changed.count)) diubah\(rows(changed))") }
        if unchanged > 0 { parts.append("\(IndonesianNumber.grouped(unchanged)) tidak berubah") }
        if !outcome.withdrawn.isEmpty { parts.append("\(IndonesianNumber.grouped(outcome.withdrawn.count)) dianggap ditarik") }
        return "Dibanding daftar Anda yang tercatat sebelumnya: " + parts.joined(separator: ", ") + "."
    }

    /// The line under a row of the text feedback saying what changed in it ("Diubah dibanding
    /// daftar yang tercatat: waktu pembuatan, retensi arsip.") or that it is new; nil for an
    /// unchanged row. Only said when `changesText` is (not for a unit's first list).
    static func rowChangeText(_ outcome: FileOutcome, index: Int) -> String? {
        guard let change = outcome.rowChanges[index] else { return nil }
        if change.change == .added { return "Baru: belum ada dalam daftar Anda yang tercatat." }
        let fields = unitFields(change)
        guard !fields.isEmpty else { return nil }
        return "Diubah dibanding daftar yang tercatat: " + fields.map { FieldLabels.label($0).lowercased() }.joined(separator: ", ") + "."
    }

    /// How many runs of rows a file's status names (`rowsToFix`).
    static let rowRunsNamed = 10

    /// Why a file was held and what to do, in the unit's words (issue 16 #7).
    static func heldText(_ outcome: FileOutcome, unit: String) -> String {
        let count = outcome.hold ?? WithdrawalCount(withdrawn: 0, current: 0)
        return "\(IndonesianNumber.grouped(outcome.itemCount)) informasi dibaca, tetapi bila diterapkan berkas ini menarik "
            + "\(IndonesianNumber.grouped(count.withdrawn)) dari \(IndonesianNumber.grouped(count.current)) informasi unit Anda yang tercatat. Penarikan sebanyak itu "
            + "biasanya berarti berkas belum selesai disalin, terpotong, atau daftar yang terkirim bukan daftar lengkap. "
            + "Berkas ini BELUM diterapkan dan menunggu keputusan PPID; daftar Anda yang tercatat tetap berlaku. "
            + "Yang perlu dilakukan: bila penarikan itu memang disengaja, minta PPID melepas kiriman ini "
            + "(perintah `dip release \(unit)`); bila tidak, kirim ulang daftar lengkap ke folder unit Anda "
            + "(kiriman baru menggantikan yang ditahan)."
    }

    /// A file's status for the workbook and page feedback, in the words of this text.
    static func file(_ outcome: FileOutcome) -> FeedbackFile {
        switch outcome.status {
        case .accepted:
            let sheet = outcome.sheet.map { " dari " + sheetPhrase($0) } ?? ""
            let toFix = outcome.problems.filter { $0.severity != .info }.reduce(0) { $0 + $1.standsFor }
            return FeedbackFile(fileName: outcome.fileName, status: .accepted,
                                detail: "\(IndonesianNumber.grouped(outcome.itemCount)) informasi dibaca\(sheet). "
                                    + (toFix == 0 ? "Tidak ada yang perlu diperbaiki."
                                        : "\(IndonesianNumber.grouped(toFix)) hal perlu diperbaiki\(rowsToFix(outcome.problems)).")
                                    + (changesText(outcome).map { " " + $0 } ?? ""))
        case .refused:
            return FeedbackFile(fileName: outcome.fileName, status: .refused,
                                detail: (outcome.reason ?? "Berkas tidak dapat dibaca.")
                                    + " Perbaiki lalu kirim ulang ke folder unit Anda.")
        case .duplicate:
            return FeedbackFile(fileName: outcome.fileName, status: .duplicate,
                                detail: "Berkas ini sama dengan berkas yang sudah diterima sebelumnya; tidak dicatat ulang."
                                    + (outcome.supersededHold.map { " Kiriman \($0) yang ditahan dibatalkan." } ?? ""))
        case .held:
            return FeedbackFile(fileName: outcome.fileName, status: .held, detail: heldText(outcome, unit: outcome.unit))
        }
    }

    static func severityText(_ s: Severity) -> String {
        switch s {
        case .error: return "GALAT"
        case .warning: return "PERINGATAN"
        case .info: return "INFO"
        }
    }

    static func timeText(_ clock: Clock) -> String {
        let t = clock.rfc3339().dropFirst(11).prefix(5)
        return t.replacingOccurrences(of: ":", with: ".")
    }
}
