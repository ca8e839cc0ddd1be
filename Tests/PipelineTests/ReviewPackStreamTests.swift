import DIPCore
import Foundation
import Publish
@testable import Register
import XCTest

@testable import Pipeline

/// The review pack whose category tables read the draft from the register a chunk at a time
/// (`PublishStage.categoryItems`) is the pack of the draft read whole, returned items included.
final class ReviewPackStreamTests: XCTestCase {
    let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
    let units = [WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), WorkUnit(code: "bpbd", name: "BPBD")]

    func items(_ unit: Int, count: Int, edit: Int? = nil) -> [(InformationItem, Classification)] {
        let categories: [DIPCore.Category] = [.berkala, .setiapSaat, .sertaMerta, .berkala, .dikecualikan]
        let subgroups: [BerkalaSubgroup] = [.A, .C, .B, .K]
        return (0..<count).map { n in
            let category = categories[(n + unit) % categories.count]
            let item = InformationItem(
                source: SourceLocation(file: "dip.xlsx", sheet: "DIP", row: n + 2), nomor: "\(n + 1)",
                ringkasan: "Informasi \(unit)-\(n)\(n == edit ? " (diubah)" : "") & <lampiran>",
                pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala", waktuPembuatan: "2025",
                tempatPembuatan: "Serang", bentuk: "Softcopy", retensi: "5 tahun", kategoriText: category.shortLabel,
                kategori: category, form: InformationForm(printed: false, electronic: true), retention: .years(5))
            let exempt = category == .dikecualikan
            let classification = Classification(
                declared: category, suggested: category, subgroup: category == .berkala ? subgroups[n % 4] : nil,
                needsConsequenceTest: exempt, exemptionGrounds: exempt ? ["17h2"] : [], needsReview: false,
                missingLegalBasis: false, hits: [], notes: ["Catatan \(n)"])
            return (item, classification)
        }
    }

    func submit(_ register: AppDatabase, unit: Int, sha: String, day: Int, edit: Int? = nil) throws {
        try register.recordSubmission(
            unit: units[unit], fileName: "\(sha).xlsx", sha256: sha, archivedPath: "archive/originals/\(sha).xlsx",
            receivedAt: clock.now.addingTimeInterval(Double(day) * 86_400), result: .accepted,
            items: items(unit, count: 450, edit: edit), problems: [])
    }

    func testTheStreamedPackIsThePackOfTheWholeDraft() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("register.sqlite").path
        let register = try AppDatabase.open(path: path)
        try submit(register, unit: 0, sha: "d1", day: 0)
        try submit(register, unit: 1, sha: "b1", day: 0)
        let first = try XCTUnwrap(register.makeDraft(clock: clock))
        // Two items returned (one answered by a new revision), one changed: a second draft.
        let official = Official(name: "Kepala PPID")
        try register.returnItem(itemID: first.items[3].id, revision: first.items[3].revision, note: "Perbaiki",
                                by: official, at: clock.now)
        try register.returnItem(itemID: first.items[200].id, revision: first.items[200].revision, note: "Lengkapi",
                                by: official, at: clock.now)
        try submit(register, unit: 1, sha: "b2", day: 1, edit: 7)
        try register.makeDraft(clock: clock)
        let returned = PublishStage.returnedRows(try register.returnedItems(), clock: clock)
        XCTAssertFalse(returned.isEmpty)

        let draft = try XCTUnwrap(register.currentDraft())
        var whole = ReviewInput(draft: draft, pending: [], diff: try register.diffSinceLastDecree(),
                                problemsByUnit: [:], completeness: nil, units: units)
        whole.returned = returned
        // Another handle, which has not built the draft whole: its items are read from the rows.
        let reader = try XCTUnwrap(AppDatabase.open(path: path).currentDraftReader())
        XCTAssertNil(reader.built)
        var streamed = whole
        streamed.draft = reader.header
        streamed.returned = []
        streamed.categoryItems = PublishStage.categoryItems(reader, returned: returned)
        XCTAssertGreaterThan(streamed.categoryItems?.counts[.berkala] ?? 0, 300)
        var wholePage: [UInt8] = []
        var streamedPage: [UInt8] = []
        let wholeWorkbook = try ReviewPack(whole).write(clock: clock) { wholePage += $0 }
        let streamedWorkbook = try ReviewPack(streamed).write(clock: clock) { streamedPage += $0 }
        XCTAssertEqual(streamedWorkbook, wholeWorkbook)
        XCTAssertEqual(streamedPage, wholePage)
        XCTAssertTrue(String(decoding: streamedPage, as: UTF8.self).contains(">\(returned[0].id)<"))
    }
}
