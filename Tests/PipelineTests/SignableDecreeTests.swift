import DIPCore
import Foundation
import Logging
import OfficeFormats
import Publish
import Register
import Rules
import TestSupport
import XCTest
@testable import Pipeline

/// What the PPID signs, read the way the PPID reads it: the example inbox through tests,
/// review decisions and `approve` to publication, then every decree and consequence-test record
/// rendered by LibreOffice to PDF and read page by page with pdftotext.
final class SignableDecreeTests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let signatory = Official(name: "Drs. H. Ahmad Fauzi, M.Si.", nip: "197001011995031002",
                             rank: "Pembina Utama Muda (IV/c)")
    let atasan = Official(name: "H. Zaldi Dhuhana, S.Sos., M.M.", nip: "196801011990031002",
                          title: "SEKRETARIS DAERAH KABUPATEN SERANG SELAKU ATASAN PPID")

    /// The pages of a document as LibreOffice lays them out (pdftotext, one string a page),
    /// whitespace collapsed so wrapped lines compare as one text.
    func pages(_ docx: URL, into dir: URL) throws -> [String] {
        let (status, output) = try Checkers.run("check-docx", [docx.path, "--pdf", dir.path])
        XCTAssertEqual(status, 0, output)
        let pdf = dir.appendingPathComponent(docx.lastPathComponent + ".pdf")
        let (_, text) = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["pdftotext", pdf.path, "-"])
        return text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    /// The text a reader follows across pages: each page without its footer number.
    static func reading(_ pages: [String]) -> String {
        pages.map { $0.replacingOccurrences(of: #"\s+\d+\s*$"#, with: "", options: .regularExpression) }.joined(separator: " ")
    }

    func testPublishedDecreesAndTestRecordsCanBeSigned() throws {
        _ = try Checkers.require("check-docx")
        let example = try ExampleInboxWorkspace("dip-signable")
        let root = example.root
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = example.workspace
        func run(_ t: TimeInterval) throws -> RunSummary { try example.run(t) }
        _ = try run(0)
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let pending = try register.pendingConsequenceTests()
        XCTAssertGreaterThanOrEqual(pending.count, 3)
        // The first item rests on the local j-number 17j1 (UU 24/2013); every other one after
        // it is exempted only in part.
        for (i, p) in pending.enumerated() {
            let population = i == 0
            let partial = !population && i % 2 == 1
            try register.recordConsequenceTest(
                itemID: p.itemID, revision: p.revision,
                test: ConsequenceTest(
                    specificInformation: partial ? "Nama, NIK dan alamat pasien pada hasil pemeriksaan" : p.item.ringkasan,
                    legalBasis: "", grounds: population ? ["17j1"] : ["17h2", "17j3"],
                    consequence: "Mengungkap rahasia pribadi.", publicInterest: "Tidak lebih besar daripada perlindungan data pribadi.",
                    conclusion: partial ? .exemptPart : .exemptWhole, period: .permanent, periodText: "Permanen",
                    conditionsForOpening: "Persetujuan tertulis pemilik data",
                    tester: Official(name: "dr. Rina Marlina", nip: "198001012005012003", title: "PPID Pelaksana Dinas Kesehatan"),
                    testedOn: Date(timeIntervalSince1970: 1_767_225_600)),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_700))
        }
        let draftNumber = try XCTUnwrap(try run(60).draftVersion)
        let draft = try register.version(number: draftNumber)
        // The draft's records of the tests, before the Atasan PPID approves: every page says it
        // is a draft, and the Atasan's approval is a line to fill in (dotted name and NIP), never
        // a blank space under "Menyetujui," that a printed copy could pass off as complete.
        let draftArtifacts = Self.repoRoot.appendingPathComponent(".build/artifacts/signable-draft")
        try? FileManager.default.removeItem(at: draftArtifacts)
        try FileManager.default.createDirectory(at: draftArtifacts, withIntermediateDirectories: true)
        let draftRecords = try pages(root.appendingPathComponent(
            "reports/draf/draf-berita-acara-uji-konsekuensi-v\(draftNumber).docx"), into: draftArtifacts)
        XCTAssertEqual(draftRecords.count, pending.count, "one page per test")
        for page in draftRecords {
            XCTAssertTrue(page.contains("DRAF — belum ditetapkan dan belum ditandatangani"), page)
            XCTAssertTrue(page.contains("Menyetujui") && page.contains("NIP. ……"), page)
            XCTAssertTrue(page.contains("dr. Rina Marlina") && page.contains("NIP. 198001012005012003"), page)
        }
        for item in draft.items + draft.exempted {
            try register.recordDecision(itemID: item.id, revision: item.revision, action: .approve, note: "",
                                        by: signatory, at: Date(timeIntervalSince1970: 1_767_225_750), source: .workbook)
        }
        XCTAssertTrue(try register.approvalReadiness(version: draftNumber).isReady)
        let dipNumber = "000.9/7/Diskominfosatik/2026", dikNumber = "000.9/8/Diskominfosatik/2026"
        try register.approve(version: draftNumber, ApprovalRequest(
            decreeNumber: dipNumber, dikDecreeNumber: dikNumber, decreeDate: Date(timeIntervalSince1970: 1_767_225_600),
            signatory: signatory, atasan: atasan), at: Date(timeIntervalSince1970: 1_767_225_800))
        XCTAssertEqual(try run(120).publishedVersion, draftNumber)

        let published = root.appendingPathComponent("reports/terbit/v\(draftNumber)")
        let names = try FileManager.default.contentsOfDirectory(atPath: published.path).sorted()
        XCTAssertEqual(names, [
            "berita-acara-uji-konsekuensi-v\(draftNumber).docx", "keputusan-klasifikasi-dik-v\(draftNumber).docx",
            "keputusan-penetapan-dip-v\(draftNumber).docx",
        ])
        let artifacts = Self.repoRoot.appendingPathComponent(".build/artifacts/signable-decree")
        try? FileManager.default.removeItem(at: artifacts)
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        var rendered: [String: [String]] = [:]
        for name in names {
            rendered[name] = try pages(published.appendingPathComponent(name), into: artifacts)
            try FileManager.default.copyItem(at: published.appendingPathComponent(name), to: artifacts.appendingPathComponent(name))
        }
        let dip = try XCTUnwrap(rendered["keputusan-penetapan-dip-v\(draftNumber).docx"])
        let dik = try XCTUnwrap(rendered["keputusan-klasifikasi-dik-v\(draftNumber).docx"])
        let records = try XCTUnwrap(rendered["berita-acara-uji-konsekuensi-v\(draftNumber).docx"])

        for (name, doc) in rendered {
            // The one line a signed record leaves to the secretariat: the berita acara's NOMOR
            // (no number pattern configured), once on each record.
            let numberLine = "NOMOR \(DecreeSettings.unregisteredNumber)"
            let text = doc.joined(separator: " ").replacingOccurrences(of: numberLine, with: "")
            if name.hasPrefix("berita-acara") {
                XCTAssertEqual(doc.filter { $0.contains(numberLine) }.count, doc.count, "a NOMOR line on each record")
            }
            XCTAssertFalse(text.contains("huruf j angka"), "\(name) cites a provision that does not exist")
            XCTAssertFalse(text.contains("……") || text.contains("...."), "\(name) prints placeholder dots")
            XCTAssertTrue(text.contains(signatory.name) || name.hasPrefix("berita-acara"), name)
            XCTAssertTrue(text.contains("1 Januari 2026"), "\(name): the decree date in Indonesian")
        }
        // Both numbers, each on its own decree (body and Lampiran).
        XCTAssertTrue(dip[0].contains("NOMOR \(dipNumber)"), dip[0])
        XCTAssertTrue(dik[0].contains("NOMOR \(dikNumber)"), dik[0])
        XCTAssertTrue(dik.joined().contains("NOMOR : \(dikNumber)"), "the DIK Lampiran repeats its number")
        // The sectoral laws the exemptions rest on are in the DIK decree's Mengingat.
        let dikText = dik.joined(separator: " ")
        XCTAssertTrue(dikText.contains("Undang-Undang Nomor 24 Tahun 2013"), dikText)
        XCTAssertTrue(dikText.contains("Undang-Undang Nomor 17 Tahun 2023"), dikText)
        XCTAssertTrue(dikText.contains("UU 14/2008 Pasal 17 huruf j jo. UU 23/2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan UU 24/2013"), dikText)

        // Every instrument cited anywhere (Menimbang, Mengingat, Lampiran grounds, records) exists,
        // is in force and carries its official title; the DIK decree rests on UU 14/2008 Pasal 19
        // and Perki 1/2021 Pasal 49 (never on Perki 1/2017, whose status is doubtful) and
        // cites Adminduk as amended, the amendment of UU 23/2014 by its title.
        for (name, doc) in rendered {
            XCTAssertEqual(StatuteBook.problems(in: Self.reading(doc)).map(\.message), [], name)
        }
        XCTAssertTrue(dikText.contains("sebelum menyatakan Informasi Publik tertentu dikecualikan, dengan tahapan dan tata cara sebagaimana diatur dalam Pasal 49 Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;"), dikText)
        XCTAssertFalse(dikText.contains("Nomor 1 Tahun 2017 tentang Pengklasifikasian"), dikText)
        XCTAssertFalse(dikText.contains("Perki 1/2017"), dikText)
        for text in [Self.reading(dik), Self.reading(dip)] {
            XCTAssertTrue(text.contains("Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik (Berita Negara Republik Indonesia Tahun 2021 Nomor 741)"), text)
        }
        XCTAssertTrue(dikText.contains("Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan"), dikText)
        for text in [Self.reading(dik), Self.reading(dip)] {
            XCTAssertTrue(text.contains("terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti"), text)
        }

        // The signature block is on a page with decree text, in the body and in the Lampiran.
        for (doc, lastText) in [(dip, "mulai berlaku pada tanggal ditetapkan"), (dik, "mulai berlaku pada tanggal ditetapkan")] {
            let signing = doc.indices.filter { doc[$0].contains("NIP. \(signatory.nip!)") }
            XCTAssertEqual(signing.count, 2, "one signature after the body, one after the Lampiran")
            if let body = signing.first {
                XCTAssertTrue(doc[body].contains(lastText), "the body's signature stands with the last diktum: \(doc[body])")
            }
            if let lampiran = signing.last {
                XCTAssertTrue(doc[lampiran].range(of: #"\b\d+ [A-Z][a-z]"#, options: .regularExpression) != nil
                    && doc[lampiran].split(separator: " ").count > 60,
                              "the Lampiran's signature stands with table rows: \(doc[lampiran])")
            }
        }
        // The Atasan PPID's approval on the DIK decree, beside the PPID's signature.
        for page in dik where page.contains("NIP. \(signatory.nip!)") {
            XCTAssertTrue(page.contains("Menyetujui"), page)
            XCTAssertTrue(page.contains(atasan.name) && page.contains("NIP. \(atasan.nip!)"), page)
        }
        // The DIP decree: no empty revocation diktum on a first decree; the open part of the
        // item exempted in part stays, with its note; the kop and signature title agree.
        let dipText = dip.joined(separator: " ")
        XCTAssertFalse(dipText.contains("tidak terdapat Keputusan sebelumnya"))
        // … naming the part withheld, as the DIK decree does (the PDF's lines are joined by spaces).
        let flatDIP = dipText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flatDIP.contains("Dikecualikan sebagian: Nama, NIK dan alamat pasien pada hasil pemeriksaan; tersedia salinan"),
                      "open part of a partial exemption in the DIP, with the part withheld: \(flatDIP)")
        XCTAssertEqual(DecreeWriter.dipColumns[2], "Pejabat atau Unit/Satuan Kerja yang Menguasai Informasi", "full legal field names")
        // No column header broken inside a word ("Pengecualia-n"): every header word is whole.
        for (text, headers) in [(dipText, DecreeWriter.dipColumns), (dikText, DecreeWriter.dikColumns)] {
            for word in headers.flatMap({ $0.split(whereSeparator: { $0 == " " || $0 == "/" }) }) where word.count > 3 {
                XCTAssertTrue(text.contains(String(word)), "header word \(word) broken")
            }
        }
        // One record per test, each with both signature blocks.
        XCTAssertEqual(records.count, pending.count, "one page per test")
        for page in records {
            XCTAssertTrue(page.contains("BERITA ACARA UJI KONSEKUENSI"), page)
            XCTAssertFalse(page.contains("DRAF"), page)
            XCTAssertTrue(page.contains("Menyetujui") && page.contains(atasan.name), page)
            XCTAssertTrue(page.contains("Yang menguji") && page.contains("dr. Rina Marlina"), page)
            // Opened as a berita acara is, with the day of the test in words (1 January 2026, WIB).
            XCTAssertTrue(page.contains("Pada hari ini, Kamis tanggal satu bulan Januari tahun dua ribu dua puluh enam, bertempat di Serang"), page)
        }
        // The website and the archive's full test record cite the same way.
        let site = try String(contentsOf: root.appendingPathComponent("reports/situs/index.html"), encoding: .utf8)
        XCTAssertFalse(site.contains("huruf j angka"))
        XCTAssertTrue(site.contains("Dikecualikan sebagian: Nama, NIK dan alamat pasien pada hasil pemeriksaan; tersedia salinan"))
        // The public list of exempted titles names the DIK decree that set them (the citizen's
        // reference for an objection), not only the DIP decree.
        XCTAssertTrue(site.contains("Klasifikasinya ditetapkan dengan Keputusan Nomor \(dikNumber) tanggal 1 Januari 2026."), site)
        // The public list of exempted titles names the withheld part of an item exempted in part.
        XCTAssertTrue(site.contains("Bagian yang dikecualikan: Nama, NIK dan alamat pasien pada hasil pemeriksaan (bagian lainnya tercantum dalam DIP)"), site)
        // The website numbers each item as the Lampiran does (within its category, across sub-groups).
        let list = PublishedList(version: try register.version(number: draftNumber))
        let archive = try ZipArchive(path: published.appendingPathComponent(names[2]).path)
        let xml = String(decoding: try archive.readAll(try XCTUnwrap(try archive.entry(named: "word/document.xml"))),
                         as: UTF8.self)
        let cells = xml.components(separatedBy: "<w:t").dropFirst().compactMap { part -> String? in
            guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</w:t>") else { return nil }
            return String(part[part.index(after: start)..<end.lowerBound])
        }
        // The counts the diktums state are the Lampiran's rows (each numbered row checked below).
        let approved = try register.version(number: draftNumber)
        XCTAssertTrue(dipText.contains("jumlah seluruhnya \(list.items.count) (\(Terbilang.words(list.items.count))) informasi"), dipText)
        // Each category's count in diktum KEDUA is the number of rows in its Lampiran section.
        for category in [DIPCore.Category.berkala, .sertaMerta, .setiapSaat] {
            let n = list.items.filter { $0.category == category }.count
            XCTAssertTrue(dipText.contains("\(category.label) sebanyak \(n) (\(Terbilang.words(n))) informasi;"), "\(category) \(n): \(dipText)")
        }
        XCTAssertTrue(dikText.contains("sebanyak \(approved.exempted.count) (\(Terbilang.words(approved.exempted.count))) informasi"), dikText)
        for item in list.items {
            let n = try XCTUnwrap(list.numbers[item.id])
            let first = String(item.item.ringkasan.split(separator: "\n").first ?? "")
                .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            let inDecree = zip(cells, cells.dropFirst()).contains { $0 == "\(n)" && $1 == first }
            XCTAssertTrue(inDecree, "Lampiran numbers \(item.id) as \(n)")
            XCTAssertTrue(site.contains("data-id=\"\(item.id)\"><th scope=\"row\">\(n)</th>"), "website numbers \(item.id) as \(n)")
        }
        // The change feed a citizen's reader shows: the decree entry states the decrees' own counts
        // (the DIP's Lampiran rows, the DIK's items and its number), and the open part of an item
        // exempted in part says a part is withheld, as the page and the Lampiran do.
        let feed = try XCTUnwrap(try JSONSerialization.jsonObject(
            with: Data(contentsOf: root.appendingPathComponent("reports/situs/feed.json"))) as? [String: Any])
        let entries = try XCTUnwrap(feed["items"] as? [[String: Any]])
        let decreeEntry = try XCTUnwrap(entries.first { ($0["id"] as? String)?.hasSuffix("/keputusan/v\(draftNumber)") == true })
        let decreeText = try XCTUnwrap(decreeEntry["content_text"] as? String)
        XCTAssertTrue(decreeText.contains("Jumlah informasi publik dalam DIP: \(list.items.count)."), decreeText)
        XCTAssertTrue(decreeText.contains("Informasi yang dikecualikan: \(approved.exempted.count), ditetapkan dengan Keputusan Nomor \(dikNumber)."),
                      decreeText)
        let partials = list.items.filter(PublishedList.isPartial)
        XCTAssertFalse(partials.isEmpty)
        for item in partials {
            let entry = try XCTUnwrap(entries.first { ($0["_dip"] as? [String: Any])?["id"] as? String == item.id })
            XCTAssertTrue((entry["content_text"] as? String)?.contains(PublishedList.partialNote(naming: item)) == true, "\(entry)")
            XCTAssertTrue((entry["content_text"] as? String)?.contains("Dikecualikan sebagian: Nama, NIK dan alamat pasien") == true, "\(entry)")
        }
        let png = try Checkers.run("check-docx", [published.appendingPathComponent(names[1]).path, "--png", artifacts.path,
                                                  "--png-page", "1", "--png-page", "2", "--png-page", "3"])
        XCTAssertEqual(png.status, 0, png.output)
        let history = try register.approvalHistory(version: draftNumber)
        XCTAssertEqual(history.map(\.action), [.approve])
        XCTAssertEqual(history.first?.by.rank, signatory.rank)
        XCTAssertEqual(history.first?.forced, false)
    }
}
