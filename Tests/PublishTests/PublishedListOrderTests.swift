import DIPCore
import Foundation
import XCTest

@testable import Publish

/// `PublishedList.sortedForPublication` sorts through keys taken once, with plainly written
/// numbers compared as integers: it must give the order `PublishedList.order` gives (the one
/// every published document and the website are in), for numbers written in any way.
final class PublishedListOrderTests: XCTestCase {
    func testKeyedSortIsThePublicationOrder() {
        var generator = SplitMix(seed: 20_261_206)
        let nomors = ["1", "2", "3", "9", "10", "11", "100", "0", "00", "01", "001", "010", "1a", "a1", "2b", "", " 3",
                      "3 ", "1.2", "1.10", "1.9", "IV", "iv", "１２", "٣", "123456789012345678", "1234567890123456789",
                      "99999999999999999999999", "18446744073709551616", "5-1", "5/2", "No. 7", "7", "07"]
        let units = ["dinkes", "bpbd", "disdik", "Dinkes"]
        let categories: [DIPCore.Category] = [.berkala, .sertaMerta, .setiapSaat]
        for round in 0..<40 {
            var items: [VersionItem] = []
            for i in 0..<300 {
                let category = categories.randomElement(using: &generator)!
                let subgroup = category == .berkala && Bool.random(using: &generator)
                    ? BerkalaSubgroup.allCases.randomElement(using: &generator) : nil
                let unit = units.randomElement(using: &generator)!
                let information = InformationItem(
                    source: SourceLocation(file: "f.xlsx", sheet: nil, row: i), nomor: nomors.randomElement(using: &generator)!,
                    ringkasan: "Informasi \(i)", pejabatPenguasa: "", penanggungJawab: "", waktuPembuatan: "",
                    tempatPembuatan: "", bentuk: "", retensi: "", kategori: category)
                items.append(VersionItem(
                    id: "\(unit)-\(Int.random(in: 1...40, using: &generator))", revision: Int.random(in: 1...3, using: &generator),
                    unit: WorkUnit(code: unit, name: unit), item: information, category: category, subgroup: subgroup,
                    classification: nil, change: .added, recordedAt: Date(timeIntervalSince1970: 0)))
            }
            let expected = items.sorted(by: PublishedList.order)
            let sorted = PublishedList.sortedForPublication(items)
            XCTAssertEqual(sorted.map(\.id), expected.map(\.id), "round \(round)")
            XCTAssertEqual(sorted.map(\.item.nomor), expected.map(\.item.nomor), "round \(round)")
            XCTAssertEqual(sorted.map(\.revision), expected.map(\.revision), "round \(round)")
        }
    }

    func testPlainNumbersAreDigitsWithoutLeadingZero() {
        XCTAssertEqual(PublishedList.plainNumber("0"), 0)
        XCTAssertEqual(PublishedList.plainNumber("120"), 120)
        XCTAssertNil(PublishedList.plainNumber("012"))
        XCTAssertNil(PublishedList.plainNumber("１２"))
        XCTAssertNil(PublishedList.plainNumber("1234567890123456789"))
        XCTAssertNil(PublishedList.plainNumber(""))
        XCTAssertNil(PublishedList.plainNumber("1a"))
    }
}
