import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Intake

/// `streamSubmission`: the same items and problems as `readSubmission`, in the order it
/// documents, with bounded state on a large file.
final class StreamTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("stream")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private enum Event: Equatable {
        case item(InformationItem)
        case problem(Problem)
    }

    private func stream(_ path: String, maxDataRows: Int = defaultMaxDataRows) -> (SubmissionSummary, [Event]) {
        var events: [Event] = []
        let summary = streamSubmission(at: path, maxDataRows: maxDataRows,
                                       onItem: { events.append(.item($0)) }, onProblem: { events.append(.problem($0)) })
        return (summary, events)
    }

    func testStreamGivesReadSubmissionsItemsAndProblemsOnEverySample() throws {
        let files = try Examples.inboxFiles().map(\.path)
        XCTAssertGreaterThanOrEqual(files.count, 6)
        var accepted = 0
        for path in files {
            let name = (path as NSString).lastPathComponent
            let collected = readSubmission(at: path)
            let (summary, events) = stream(path)
            let items = events.compactMap { if case .item(let i) = $0 { return i } else { return nil } }
            let problems = events.compactMap { if case .problem(let p) = $0 { return p } else { return nil } }
            XCTAssertEqual(summary.status, collected.status, name)
            XCTAssertEqual(summary.sheet, collected.sheet, name)
            XCTAssertEqual(summary.dialect, collected.dialect, name)
            XCTAssertEqual(summary.reason, collected.reason, name)
            XCTAssertEqual(summary.problemCount, collected.problems.count, name)
            XCTAssertEqual(summary.itemCount, collected.items.count, name)
            if collected.status == .refused {
                XCTAssertEqual(problems.last, collected.problems.first, name)
                continue
            }
            accepted += 1
            XCTAssertEqual(items, collected.items, name)
            XCTAssertEqual(sortProblems(problems), collected.problems, name)
            // Items in source order, each after its own problems.
            XCTAssertEqual(items.map(\.source.row), items.map(\.source.row).sorted(), name)
            for (k, event) in events.enumerated() {
                guard case .problem(let p) = event, let row = p.row,
                      let itemIndex = events.firstIndex(where: { if case .item(let i) = $0 { return i.source.row == row } else { return false } })
                else { continue }
                XCTAssertLessThan(k, itemIndex, "\(name): problem of row \(row) after its item")
            }
        }
        XCTAssertEqual(accepted, 4)  // one example is a refusal, one a lock file
    }

    /// Over many sink batches (duplicates, missing values and section rows mixed in), each
    /// row's problems come right before its item: after every item of an earlier row.
    func testProblemsStayNextToTheirItemsAcrossBatches() throws {
        let path = dir.appendingPathComponent("campur.csv").path
        var text = LayoutTests.header + "\n"
        for k in 1...3_000 {
            if k % 97 == 0 { text += "B. INFORMASI SERTA MERTA\n" }
            let summary = k % 7 == 0 ? "Laporan \(k / 3)" : "Laporan \(k)"
            let pejabat = k % 11 == 0 ? "" : "Sekretariat"
            let retensi = k % 13 == 0 ? "2020" : "5 tahun"
            text += "\(k);\(summary);\(pejabat);Kepala;2026;Softcopy;\(retensi);Berkala\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (summary, events) = stream(path)
        XCTAssertEqual(summary.status, .accepted, summary.reason ?? "")
        XCTAssertEqual(summary.itemCount, 3_000)
        var lastItemRow = 0
        var problemsByRow: [Int: Int] = [:]
        for event in events {
            switch event {
            case .item(let item):
                XCTAssertGreaterThan(item.source.row, lastItemRow)
                lastItemRow = item.source.row
            case .problem(let p):
                guard let row = p.row else { continue }
                XCTAssertGreaterThan(row, lastItemRow, "problem of row \(row) after the item of row \(lastItemRow)")
                problemsByRow[row, default: 0] += 1
            }
        }
        let codes = Set(events.compactMap { if case .problem(let p) = $0 { return p.code } else { return nil } })
        XCTAssertTrue(codes.isSuperset(of: ["duplicate-item", "missing-value", "retention-bare-year"]), "\(codes)")
        XCTAssertEqual(summary.problemCount, events.count - summary.itemCount)
        let collected = readSubmission(at: path)
        // readSubmission keeps the first `alikeProblemsKept` alike problems (272 rows lack a
        // pejabat here) and summarises the rest: the same as collecting the stream.
        var collector = ProblemCollector()
        for case .problem(let p) in events { collector.add(p) }
        XCTAssertEqual(sortProblems(collector.finish()), collected.problems)
        XCTAssertEqual(collected.problems.reduce(0) { $0 + $1.standsFor }, summary.problemCount)
    }

    /// Problems before the first item of a sheet whose table turns out empty are dropped with
    /// the sheet; a refusal after items voids them (readSubmission keeps only the refusal).
    func testRefusalAfterItemsEndsTheStream() throws {
        let path = dir.appendingPathComponent("besar.csv").path
        var text = LayoutTests.header + "\n"
        for k in 1...100 { text += "\(k);Laporan \(k);Sekretariat;Kepala;2026;Softcopy;5 tahun;Berkala\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (summary, events) = stream(path, maxDataRows: 10)
        XCTAssertEqual(summary.status, .refused)
        XCTAssertEqual(summary.itemCount, 0)
        XCTAssertEqual(summary.problemCount, 1)
        guard case .problem(let last) = events.last else { return XCTFail("no refusal problem") }
        XCTAssertEqual(last.code, "too-many-rows")
        let collected = readSubmission(at: path, maxDataRows: 10)
        XCTAssertGreaterThan(events.count, 2, "items were handed over before the refusal")
        XCTAssertEqual(collected.items.count, 0)
        XCTAssertEqual(collected.problems, [last])
    }

    /// 200,000 rows streamed with the cap lifted: every item is handed over, and after every
    /// row the builder keeps no merge, no held problem, at most one batch of queued items, and
    /// one duplicate-index entry per distinct summary (a second copy of a summary adds nothing). The default cap still
    /// refuses the file for `dip run` / `dip check`.
    func testLargeFileStreamsWithBoundedState() throws {
        let rows = 200_000
        let path = dir.appendingPathComponent("besar.csv").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var chunk = LayoutTests.header + "\n"
        for k in 1...rows {
            // Every summary appears twice (rows k and k + rows/2 share one).
            chunk += "\(k);Laporan kegiatan nomor \((k - 1) % (rows / 2));Sekretariat;Kepala Dinas;2026, Serang;Softcopy;5 tahun;Berkala\n"
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
        try handle.close()

        var items = 0
        var duplicates = 0
        var observed = 0
        var maxDistinct = 0
        let summary = streamSubmission(
            at: path, displayName: nil, maxDataRows: .max,
            onItem: { _ in items += 1 },
            onProblem: { if $0.code == "duplicate-item" { duplicates += 1 } },
            observe: { state in
                observed += 1
                XCTAssertEqual(state.activeMerges, 0)
                XCTAssertEqual(state.pendingMerges, 0)
                XCTAssertEqual(state.heldProblems, 0)
                XCTAssertLessThanOrEqual(state.queuedItems, TableSink.batchSize)
                maxDistinct = max(maxDistinct, state.distinctSummaries)
            })
        XCTAssertEqual(summary.status, .accepted, summary.reason ?? "")
        XCTAssertEqual(summary.itemCount, rows)
        XCTAssertEqual(items, rows)
        XCTAssertEqual(observed, rows)
        XCTAssertEqual(duplicates, rows / 2)
        XCTAssertEqual(maxDistinct, rows / 2)

        let capped = readSubmission(at: path)
        XCTAssertEqual(capped.status, .refused)
        XCTAssertEqual(capped.problems.map(\.code), ["too-many-rows"])
    }
}

extension XLSXLayoutTests {
    /// Merges are applied while rows stream, in document order within a row: overlapping
    /// ranges give what applying each range to the whole sheet one after the other gives.
    /// D5:D8 comes before D4:D6 in the file, so when it is applied its anchor D5 is still empty
    /// and it copies nothing; D4:D6 then fills D5 and D6.
    func testOverlappingMergesApplyInDocumentOrderWhileStreaming() throws {
        let s = Self.s
        var rows: [(Int, [String])] = [
            (1, [s("A1", "No"), s("B1", "Ringkasan Isi Informasi"), s("C1", "Pejabat yang Menguasai Informasi"),
                 s("D1", "Penanggung Jawab"), s("E1", "Waktu dan Tempat"), s("F1", "Bentuk Informasi"),
                 s("G1", "Retensi"), s("H1", "Jenis Informasi")]),
        ]
        for r in 2...9 {
            var cells = [s("A\(r)", "\(r - 1)"), s("B\(r)", "Laporan \(r)")]
            if r == 2 { cells += [s("C2", "Sekretariat"), s("D2", "Kepala")] }
            if r == 4 { cells.append(s("D4", "Kabid")) }
            if r == 6 { cells.append(s("C6", "Bidang A")) }
            cells += [s("E\(r)", "2026"), s("F\(r)", "Softcopy"), s("G\(r)", "5 tahun"), s("H\(r)", "Berkala")]
            rows.append((r, cells))
        }
        let sheet = Sheet(name: "DIP", rows: rows, merges: ["C2:C4", "C4:C7", "D5:D8", "D4:D6"])
        let r = readSubmission(at: try makeXLSX("tumpang.xlsx", [sheet]))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.pejabatPenguasa),
                       ["Sekretariat", "Sekretariat", "Sekretariat", "Sekretariat", "Bidang A", "Sekretariat", "", ""])
        XCTAssertEqual(r.items.map(\.penanggungJawab), ["Kepala", "", "Kabid", "Kabid", "Kabid", "", "", ""])
    }
}
