import DIPCore
import Foundation
import Rules
import XCTest
@testable import dip

/// An item of Dinas Sosial with a consequence test on `grounds`.
func testedItem(_ grounds: [String], conclusion: ConsequenceConclusion, legalBasis: String = "") -> VersionItem {
    VersionItem(
        id: "dinsos-0007", revision: 1, unit: WorkUnit(code: "dinsos", name: "Dinas Sosial"),
        item: InformationItem(source: SourceLocation(file: "dinsos.xlsx", sheet: "DIP", row: 5), nomor: "7",
                              ringkasan: "Daftar penerima bantuan sosial", pejabatPenguasa: "Bidang", penanggungJawab: "Kepala",
                              waktuPembuatan: "2026", tempatPembuatan: "Serang", bentuk: "Cetak", retensi: "5 tahun"),
        category: conclusion == .open ? .setiapSaat : .dikecualikan, subgroup: nil, classification: nil, change: .changed,
        recordedAt: Date(timeIntervalSince1970: 0),
        consequenceTest: ConsequenceTest(specificInformation: "Daftar", legalBasis: legalBasis, grounds: grounds,
                                         consequence: "x", publicInterest: "y", conclusion: conclusion,
                                         period: conclusion == .open ? .unknown : .years(1),
                                         periodText: conclusion == .open ? "" : "1 (satu) tahun", conditionsForOpening: "",
                                         tester: nil, testedOn: nil))
}

/// `dip approve` says when the DIK decree lifts an exemption on a test concluding *terbuka* that
/// did not weigh every ground the decree in force exempted it on (session 28: the walk's v4 opened
/// a list of recipients exempted under Pasal 17 huruf h angka 3 and huruf j jo. UU 23/2006 on a
/// test that weighed huruf h angka 3 only).
final class LiftedGroundsNoteTests: XCTestCase {
    func item(_ grounds: [String], conclusion: ConsequenceConclusion, legalBasis: String = "") -> VersionItem {
        testedItem(grounds, conclusion: conclusion, legalBasis: legalBasis)
    }

    func testAGroundTheLiftingTestDidNotWeighIsNamed() throws {
        let citations = LegalCitations.builtIn
        let before = item(["17h3", "17j1"], conclusion: .exemptWhole)
        let note = try XCTUnwrap(DIP.Approve.liftedUnweighedGroundsNote(
            [(now: item(["17h3"], conclusion: .open), before: before)], decree: "000.9/22/Diskominfosatik/2026", citations: citations))
        XCTAssertTrue(note.hasPrefix("Perhatian: uji konsekuensi yang membuka 1 pengecualian tidak menimbang setiap dasar hukum "
            + "pengecualiannya dalam Keputusan Klasifikasi DIK Nomor 000.9/22/Diskominfosatik/2026: dinsos-0007 revisi 1 "
            + "(diuji: UU 14/2008 Pasal 17 huruf h angka 3; tidak diuji: UU 14/2008 Pasal 17 huruf j jo. UU 23/2006 tentang "
            + "Administrasi Kependudukan"), note)
        XCTAssertTrue(note.contains("(Pasal 18 ayat (2) UU 14/2008), tidak huruf j"), note)
        // Every ground weighed, or a letter weighed for its point: nothing to say.
        XCTAssertNil(DIP.Approve.liftedUnweighedGroundsNote(
            [(now: item(["17h3", "17j1"], conclusion: .open), before: before)], decree: nil, citations: citations))
        XCTAssertNil(DIP.Approve.liftedUnweighedGroundsNote(
            [(now: item([], conclusion: .open, legalBasis: "Pasal 17 huruf h dan huruf j jo. UU 23/2006"), before: before)],
            decree: nil, citations: citations))
        // A test recording no ground weighed none of them.
        let none = try XCTUnwrap(DIP.Approve.liftedUnweighedGroundsNote(
            [(now: item([], conclusion: .open), before: before)], decree: nil, citations: citations))
        XCTAssertTrue(none.contains("dalam Keputusan Klasifikasi DIK: dinsos-0007 revisi 1 (diuji: tidak ada dasar yang tercatat; "
            + "tidak diuji: UU 14/2008 Pasal 17 huruf h angka 3; UU 14/2008 Pasal 17 huruf j jo."), none)
    }
}

/// `dip approve` says when the DIK Lampiran makes consent the condition for opening information
/// exempted under Pasal 17 huruf j (session 28: the walk's decree read "Persetujuan tertulis orang
/// yang bersangkutan" for a child's identity under Pasal 19 UU 11/2012); consent lifts huruf g and
/// h only (Pasal 18 ayat (2) huruf a).
final class ConsentConditionNoteTests: XCTestCase {
    func exempted(_ id: String, _ grounds: [String], conditions: String) -> VersionItem {
        var v = testedItem(grounds, conclusion: .exemptWhole)
        v.id = id
        v.consequenceTest?.conditionsForOpening = conditions
        return v
    }

    func testConsentForAHurufJGroundIsNamed() throws {
        let note = try XCTUnwrap(DIP.Approve.consentConditionNote([
            exempted("dinsos-0009", ["17h", "17j4"], conditions: "Persetujuan tertulis orang yang bersangkutan."),
            exempted("rsud-drajat-0004", ["17h2"], conditions: "Persetujuan tertulis pasien."),
            exempted("dinsos-0010", ["17j1"], conditions: "Putusan pengadilan"),
        ], citations: .builtIn))
        XCTAssertTrue(note.hasPrefix("Perhatian: Lampiran Keputusan Klasifikasi DIK menyebut persetujuan sebagai syarat dibukanya "
            + "1 informasi yang dikecualikan berdasarkan Pasal 17 huruf j: dinsos-0009 revisi 1 (\"Persetujuan tertulis orang yang "
            + "bersangkutan.\"; UU 14/2008 Pasal 17 huruf j jo. Pasal 19 UU 11/2012"), note)
        XCTAssertTrue(note.contains("hanya mengesampingkan Pasal 17 huruf g dan huruf h (Pasal 18 ayat (2) huruf a UU 14/2008)"), note)
        XCTAssertFalse(note.contains("rsud-drajat-0004"), "huruf h alone: consent lifts it (Pasal 18 ayat (2))")
        XCTAssertFalse(note.contains("dinsos-0010"), "no consent named")
        XCTAssertNil(DIP.Approve.consentConditionNote([exempted("x-1", ["17h3"], conditions: "Persetujuan tertulis")], citations: .builtIn))
        // A permission of an office is no owner's consent.
        XCTAssertNil(DIP.Approve.consentConditionNote([
            exempted("x-2", ["17j1"], conditions: "Izin Menteri Dalam Negeri"),
            exempted("x-3", ["17j4"], conditions: "Persetujuan Atasan PPID dan putusan pengadilan"),
        ], citations: .builtIn))
        XCTAssertNotNil(DIP.Approve.consentConditionNote([exempted("x-4", ["17j3"], conditions: "Izin dari pasien")], citations: .builtIn))
    }
}
