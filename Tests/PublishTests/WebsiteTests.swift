import DIPCore
import Foundation
import OfficeFormats
import XCTest
@testable import Publish
import Register

final class WebsiteTests: XCTestCase {
    func writeSite(_ settings: WebsiteSettings = .serang) throws -> URL {
        let dir = try makeTempDir().appendingPathComponent("website")
        try WebsiteWriter.write(version: Fixture.version3(), history: Fixture.history(),
                                settings: settings, clock: Fixture.clock, to: dir)
        return dir
    }

    func text(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    // MARK: Real consumers

    func testCheckersAcceptEveryWebsiteFile() throws {
        try WebCheckers.requireInstalled()
        let dir = try writeSite()
        try WebCheckers.assertOK("check-feed", [dir.appendingPathComponent("feed.atom").path])
        try WebCheckers.assertOK("check-feed", [dir.appendingPathComponent("feed.json").path])
        try WebCheckers.assertOK("check-datapackage", [dir.path])
        try WebCheckers.assertOK("check-html", ["--expect-feed-links", dir.appendingPathComponent("index.html").path])
        try WebCheckers.assertOK("check-xlsx", [dir.appendingPathComponent("dip.xlsx").path])
    }

    // MARK: Same items everywhere, nothing else

    func testPageFeedsAndCSVListExactlyThePublishedItems() throws {
        let dir = try writeSite()
        let page = Set(WebParse.pageIDs(try text(dir, "index.html")))
        let atom = Set(WebParse.atomItemIDs(try text(dir, "feed.atom")))
        let json = Set(try WebParse.jsonFeedItemIDs(Data(contentsOf: dir.appendingPathComponent("feed.json"))))
        let rows = WebParse.csv(try text(dir, "dip.csv"))
        let csv = rows.dropFirst().map { $0[0] }

        XCTAssertEqual(Fixture.expectedIDs.count, 24)
        XCTAssertEqual(page, Fixture.expectedIDs)
        XCTAssertEqual(atom, Fixture.expectedIDs)
        XCTAssertEqual(json, Fixture.expectedIDs)
        XCTAssertEqual(Set(csv), Fixture.expectedIDs)
        XCTAssertEqual(csv.count, 24, "one CSV row per item")
        // The workbook for Excel users holds the CSV's rows, value for value (the revision a
        // number there, the category by its name: "Serta Merta" for "serta_merta").
        let workbook = try XCTUnwrap(WorkbookDump.xlsx(path: dir.appendingPathComponent("dip.xlsx").path).sheets["DIP"])
        XCTAssertEqual(workbook.count, rows.count)
        for (cells, fields) in zip(workbook.dropFirst(), rows.dropFirst()) {
            let texts = cells.map { cell -> String in
                switch cell {
                case .string(let s): return s
                case .int(let n): return String(n)
                case .null: return ""
                default: return "\(cell)"
                }
            }
            var expected = fields
            expected[2] = DIPCore.Category(rawValue: fields[2])?.shortLabel ?? fields[2]
            XCTAssertEqual(texts, expected)
        }
        XCTAssertTrue(workbook.contains { $0.count > 2 && $0[2] == .string("Serta Merta") })
        XCTAssertEqual(WebParse.pageIDs(try text(dir, "index.html")).count, 24, "one page row per item")
        for id in ["dinkes-0009", "disdukcapil-0009", "dinkes-0010", "diskominfo-9999"] {
            XCTAssertFalse(page.contains(id) || atom.contains(id) || json.contains(id) || csv.contains(id), id)
        }
    }

    func testExemptedAndPendingContentNeverPublished() throws {
        for listTitles in [true, false] {
            var settings = WebsiteSettings.serang
            settings.listExemptedTitles = listTitles
            let dir = try writeSite(settings)
            for name in WebsiteWriter.fileNames {
                // The workbook is a zip: its cells are what a reader sees.
                let body = name.hasSuffix(".xlsx")
                    ? try WorkbookDump.xlsx(path: dir.appendingPathComponent(name).path).json
                    : try text(dir, name)
                for marker in Fixture.secretMarkers {
                    XCTAssertFalse(body.contains(marker), "\(marker) leaked into \(name)")
                }
                if name != "index.html" || !listTitles {
                    XCTAssertFalse(body.contains("Rekam medis pasien puskesmas"), name)
                    XCTAssertFalse(body.contains("Data pribadi penduduk"), name)
                }
            }
            let page = try text(dir, "index.html")
            XCTAssertEqual(page.contains("id=\"dikecualikan\""), listTitles)
            if listTitles {
                // Titles with basis and period only (DIP.md §8); judul preferred over ringkasan.
                XCTAssertTrue(page.contains("<td>Rekam medis pasien puskesmas</td>"))
                XCTAssertTrue(page.contains("<td>Data pribadi penduduk</td>"))
                XCTAssertFalse(page.contains("Data kependudukan perseorangan"))
                // The ground's dasar_hukum, and the sectoral law the officer typed beside it.
                XCTAssertTrue(page.contains("UU 14/2008 Pasal 17 huruf h angka 2; UU 17/2023"), page)
                XCTAssertFalse(page.contains("huruf j angka"))
                XCTAssertTrue(page.contains("25 (dua puluh lima) tahun"))
                XCTAssertEqual(page.components(separatedBy: "<tr class=\"dik-item\">").count - 1, 2)
            }
        }
    }

    // MARK: Page structure

    func testPageGroupsByCategoryAndSubgroupWithDecree() throws {
        let page = try text(try writeSite(), "index.html")
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"id\">"))
        XCTAssertTrue(page.contains("<meta charset=\"utf-8\">"))
        XCTAssertTrue(page.contains("Ditetapkan dengan Keputusan Nomor 480/Kep.03-PPID/2025 tanggal 17 November 2025."))
        XCTAssertTrue(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\""))
        XCTAssertTrue(page.contains("<link rel=\"alternate\" type=\"application/feed+json\""))
        for link in ["href=\"dip.csv\"", "href=\"datapackage.json\"", "href=\"feed.atom\"", "href=\"feed.json\""] {
            XCTAssertTrue(page.contains(link), link)
        }
        // Order: A berkala (A…K, then without sub-group), B serta merta, C setiap saat.
        let anchors = ["id=\"kategori-berkala\"", "id=\"berkala-A\"", "id=\"berkala-B\"", "id=\"berkala-K\"",
                       "id=\"berkala-lainnya\"", "id=\"kategori-serta_merta\"", "id=\"kategori-setiap_saat\"",
                       "id=\"dikecualikan\""]
        let positions = anchors.map { page.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "\(zip(anchors, positions).filter { $0.1 == nil })")
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        XCTAssertTrue(page.contains("<h3 id=\"berkala-G-judul\">Kelompok G – Informasi tentang Hak dan Tata Cara"))
        // Real header cells and captions, one table per group: 11 sub-groups + none + 2 categories + DIK.
        XCTAssertEqual(page.components(separatedBy: "<table class=\"dip\">").count - 1, 14)
        XCTAssertEqual(page.components(separatedBy: "<table class=\"dik\">").count - 1, 1)
        XCTAssertEqual(page.components(separatedBy: "<caption").count - 1, 15)
        XCTAssertTrue(page.contains("<th scope=\"col\">Ringkasan isi informasi</th>"))
        XCTAssertTrue(page.contains("<th scope=\"row\">1</th>"))
        // Numbers restart per table and follow the units' numbers naturally (9 before 10).
        let setiapSaat = page.components(separatedBy: "id=\"kategori-setiap_saat\"")[1]
        let nine = try XCTUnwrap(setiapSaat.range(of: "Surat-menyurat pimpinan"))
        let ten = try XCTUnwrap(setiapSaat.range(of: "Perjanjian kerja sama"))
        XCTAssertLessThan(nine.lowerBound, ten.lowerBound)
        // Readable without JS: the filter box starts hidden, a noscript note explains.
        XCTAssertTrue(page.contains("<form class=\"saring\" id=\"saring\" role=\"search\" method=\"get\" hidden>"))
        XCTAssertTrue(page.contains("<noscript>"))
        XCTAssertTrue(page.contains("@media print"))
        XCTAssertTrue(page.contains("@media (max-width:40rem)"))
        // Self-contained: no external scripts, styles, images or fonts.
        for external in ["<script src", "<link rel=\"stylesheet\"", "<img", "@import", "url(", "http://"] {
            XCTAssertFalse(page.contains(external), external)
        }
    }

    /// A regency's list passes a thousand items: its counts are grouped as Indonesian text
    /// groups them ("1.006 informasi publik", not "1006").
    func testCountsAreGroupedTheIndonesianWay() throws {
        var v = Fixture.version3()
        let base = try XCTUnwrap(v.items.first { $0.category == .setiapSaat && $0.consequenceTest == nil })
        v.items += (0..<1_000).map { n in
            var copy = base
            copy.id = "dinkes-\(5_000 + n)"
            copy.item.nomor = "\(500 + n)"
            return copy
        }
        let list = PublishedList(version: v)
        XCTAssertGreaterThan(list.items.count, 1_000)
        let html = IndexPage.render(list, settings: .serang, citations: .builtIn, clock: Fixture.clock)
        XCTAssertTrue(html.contains("· \(IndonesianNumber.grouped(list.items.count)) informasi publik.</p>"), html)
        let group = list.items.filter { $0.category == .setiapSaat }.count
        XCTAssertTrue(html.contains("(\(IndonesianNumber.grouped(group)) informasi)</caption>"), html)
    }

    func testTextIsEscaped() throws {
        let dir = try writeSite()
        let page = try text(dir, "index.html")
        XCTAssertTrue(page.contains("Struktur organisasi dan profil pejabat &lt;eselon III&gt;"))
        XCTAssertTrue(page.contains("Rencana kerja (Renja) &quot;tahunan&quot; dan DPA"))
        XCTAssertTrue(page.contains("Dinas Kependudukan &amp; Pencatatan Sipil"))
        XCTAssertFalse(page.contains("<eselon III>"))
        let atom = try text(dir, "feed.atom")
        // HTML content (line breaks kept), escaped once as HTML and once as XML.
        XCTAssertTrue(atom.contains("&amp;lt;eselon III&amp;gt;"), atom)
        XCTAssertTrue(atom.contains("<content type=\"html\">"))
        XCTAssertTrue(atom.contains("&lt;br/&gt;Kategori: "))
        let rows = WebParse.csv(try text(dir, "dip.csv"))
        let kinerja = try XCTUnwrap(rows.first { $0[0] == "diskominfo-0001" })
        XCTAssertEqual(kinerja[7], "Indikator kinerja utama, baris\nkedua")
        let renja = try XCTUnwrap(rows.first { $0[0] == "dinkes-0003" })
        XCTAssertEqual(renja[7], "Rencana kerja (Renja) \"tahunan\" dan DPA")
        XCTAssertEqual(renja[1], "3")
        XCTAssertEqual(rows[0], OpenData.columns.map(\.name))
        XCTAssertTrue(rows.allSatisfy { $0.count == OpenData.columns.count })
        let csvBytes = try Data(contentsOf: dir.appendingPathComponent("dip.csv"))
        XCTAssertFalse(csvBytes.starts(with: [0xEF, 0xBB, 0xBF]), "no BOM")
    }

    /// The page prints the time of making as the decree's Lampiran does: a date the Indonesian
    /// way ("2026-01-05" from a date cell showed as such beside the decree's "5 Januari 2026"),
    /// a year or other text as written; the open data keeps the text as received.
    func testPageWritesDatesOfMakingAsTheDecreeDoes() throws {
        var v = Fixture.version3()
        v.items[0].item.waktuPembuatan = "2026-01-05"
        v.items[1].item.waktuPembuatan = "Januari 2026"
        let files = try WebsiteWriter.render(version: v, history: Fixture.history(), settings: .serang, clock: Fixture.clock)
        let page = String(decoding: try XCTUnwrap(files["index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<td>5 Januari 2026</td>"), page)
        XCTAssertFalse(page.contains("<td>2026-01-05</td>"), page)
        XCTAssertTrue(page.contains("<td>Januari 2026</td>"), page)
        XCTAssertTrue(page.contains("<td>2025</td>"), page)
        let csv = String(decoding: try XCTUnwrap(files["dip.csv"]), as: UTF8.self)
        XCTAssertTrue(csv.contains(",2026-01-05,"), csv)
    }

    /// A citizen reads a feed entry as the page: "Nomor: 4" under "Kategori: C. Setiap Saat" read
    /// as the fourth item of C (the page numbers per table; it was the unit's own number), the
    /// date of making was the ISO form the page no longer prints, an empty field was a bare
    /// label, and a sub-group "C. Ringkasan Informasi tentang Kinerja" under "A. Berkala" read as
    /// category C. The page's sub-group headings are the decree's "Kelompok C – …".
    func testFeedEntryReadsAsThePageAndTheDecree() throws {
        var v = Fixture.version3()
        let i = try XCTUnwrap(v.items.firstIndex { $0.category == .berkala && $0.subgroup == .C && $0.consequenceTest == nil })
        v.items[i].item.nomor = "17"
        v.items[i].item.waktuPembuatan = "2026-02-14"
        v.items[i].item.tempatPembuatan = ""
        let id = v.items[i].id
        let files = try WebsiteWriter.render(version: v, history: Fixture.history(), settings: .serang, clock: Fixture.clock)
        let doc = try JSONSerialization.jsonObject(with: try XCTUnwrap(files["feed.json"])) as! [String: Any]
        let entry = try XCTUnwrap((doc["items"] as! [[String: Any]]).first {
            (($0["_dip"] as? [String: Any])?["id"] as? String) == id
        })
        let lines = (entry["content_text"] as! String).components(separatedBy: "\n")
        XCTAssertTrue(lines.contains("Nomor pada daftar unit: 17"), "\(lines)")
        XCTAssertFalse(lines.contains { $0.hasPrefix("Nomor: ") }, "\(lines)")
        XCTAssertTrue(lines.contains("Waktu pembuatan: 14 Februari 2026"), "\(lines)")
        XCTAssertTrue(lines.contains("Tempat pembuatan: -"), "\(lines)")
        XCTAssertTrue(lines.contains("Kategori: A. Berkala — Kelompok C – Ringkasan Informasi tentang Kinerja"), "\(lines)")
        let atom = String(decoding: try XCTUnwrap(files["feed.atom"]), as: UTF8.self)
        XCTAssertTrue(atom.contains("Nomor pada daftar unit: 17"))
        let page = String(decoding: try XCTUnwrap(files["index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<h3 id=\"berkala-C-judul\">Kelompok C – Ringkasan Informasi tentang Kinerja</h3>"), page)
        XCTAssertFalse(page.contains(">C. Ringkasan Informasi tentang Kinerja"), page)
    }

    /// Issue 16 #8: a text a spreadsheet would run as a formula is neutralised in every CSV
    /// dip writes (`dip.csv` and the package's register export share `OpenData.field`).
    func testFormulaLikeTextIsNeutralisedInCSV() throws {
        XCTAssertEqual(OpenData.field("=HYPERLINK(\"http://x\",\"klik\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"")
        XCTAssertEqual(OpenData.field("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(OpenData.field("+62 812 3456"), "'+62 812 3456")
        XCTAssertEqual(OpenData.field("-2+3"), "'-2+3")
        XCTAssertEqual(OpenData.field("\tcmd"), "'\tcmd")
        XCTAssertEqual(OpenData.field("-1"), "-1", "a plain number stays a number")
        XCTAssertEqual(OpenData.field("Laporan = 3"), "Laporan = 3")
    }

    /// An item's own link (issue 18) is linked from its summary, the feeds and the CSV, escaped;
    /// a link that is not http/https (however it got into the register) is never written.
    func testItemLinksArePublishedOnlyWhenSafe() throws {
        func withLinks(_ v: DIPVersion) -> DIPVersion {
            var v = v
            for k in v.items.indices {
                switch v.items[k].id {
                case "dinkes-0001": v.items[k].item.tautan = "https://dinkes.serangkab.example/profil?tahun=2026&bagian=1"
                case "dinkes-0003": v.items[k].item.tautan = "javascript:alert(document.cookie)"
                case "bpbd-0001": v.items[k].item.tautan = "https://bpbd.serangkab.example/\"><script>x</script>"
                default: break
                }
            }
            return v
        }
        let dir = try makeTempDir().appendingPathComponent("website")
        try WebsiteWriter.write(version: withLinks(Fixture.version3()), history: Fixture.history().map(withLinks),
                                settings: .serang, clock: Fixture.clock, to: dir)
        let page = try text(dir, "index.html")
        XCTAssertTrue(page.contains("<td><a href=\"https://dinkes.serangkab.example/profil?tahun=2026&amp;bagian=1\" rel=\"noopener noreferrer nofollow\">Profil Dinas Kesehatan: alamat, tugas &amp; fungsi</a></td>"))
        XCTAssertEqual(page.components(separatedBy: "rel=\"noopener noreferrer nofollow\"").count - 1, 1)
        for output in [page, try text(dir, "feed.atom"), try text(dir, "feed.json"), try text(dir, "dip.csv")] {
            XCTAssertFalse(output.contains("javascript:"))
            XCTAssertFalse(output.contains("<script>x"))
        }
        XCTAssertTrue(try text(dir, "feed.atom").contains("<link rel=\"related\" href=\"https://dinkes.serangkab.example/profil?tahun=2026&amp;bagian=1\""))
        XCTAssertTrue(try text(dir, "feed.json").contains("\"external_url\" : \"https://dinkes.serangkab.example/profil?tahun=2026&bagian=1\""))
        let rows = WebParse.csv(try text(dir, "dip.csv"))
        let link = try XCTUnwrap(rows[0].firstIndex(of: "tautan"))
        XCTAssertEqual(rows.first { $0[0] == "dinkes-0001" }?[link], "https://dinkes.serangkab.example/profil?tahun=2026&bagian=1")
        XCTAssertEqual(rows.first { $0[0] == "dinkes-0003" }?[link], "")
    }

    // MARK: Feeds

    func testFeedHasOneEntryPerPublishedRevisionNewestFirst() throws {
        let dir = try writeSite()
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("feed.json"))) as! [String: Any]
        let items = doc["items"] as! [[String: Any]]
        // 24 first revisions + dinkes-0003 r2 and r3 + dinkes-0004 r2, and one entry per
        // published decree (versions 1–3), each before the items it published.
        XCTAssertEqual(items.count, 30)
        let ids = items.map { $0["id"] as! String }
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertEqual(Array(ids.prefix(2)), ["tag:serangkab.go.id,2025:dip/keputusan/v3",
                                              "tag:serangkab.go.id,2025:dip/dinkes-0003/r3"])
        XCTAssertEqual(ids.filter { $0.contains("/keputusan/") }.count, 3)
        let decree = try XCTUnwrap(items.first)
        XCTAssertTrue((decree["title"] as? String ?? "").hasPrefix("Keputusan baru: Daftar Informasi Publik versi 3"), "\(decree)")
        XCTAssertNil(decree["_dip"])
        XCTAssertTrue(ids.contains("tag:serangkab.go.id,2025:dip/dinkes-0003/r2"))
        XCTAssertTrue(ids.contains("tag:serangkab.go.id,2025:dip/dinkes-0003/r1"))
        let dates = items.map { $0["date_published"] as! String }
        XCTAssertTrue(dates.allSatisfy { $0.hasSuffix("+07:00") })
        XCTAssertEqual(dates, dates.sorted(by: >), "newest first")
        // A revision keeps the date of the version that first published it.
        let r2 = items.first { ($0["id"] as! String).hasSuffix("dinkes-0003/r2") }!
        XCTAssertEqual(r2["date_published"] as? String, Fixture.clock.rfc3339(Fixture.day(120)))
        XCTAssertEqual((r2["_dip"] as! [String: Any])["perubahan"] as? String, "berubah")
        let added = items.first { ($0["id"] as! String).hasSuffix("bpbd-0005/r1") }!
        XCTAssertEqual(added["date_published"] as? String, Fixture.clock.rfc3339(Fixture.day(120)))
        XCTAssertEqual(doc["feed_url"] as? String, "https://ppid.serangkab.go.id/dip/feed.json")
        XCTAssertEqual(doc["language"] as? String, "id")

        let atom = try text(dir, "feed.atom")
        XCTAssertEqual(atom.components(separatedBy: "<entry>").count - 1, 30)
        XCTAssertTrue(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"id\">"))
        XCTAssertTrue(atom.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://ppid.serangkab.go.id/dip/feed.atom\"/>"))
        XCTAssertTrue(atom.contains("<updated>2025-11-17T10:00:00+07:00</updated>"))
        XCTAssertEqual(WebParse.atomEntryIDs(atom), ids, "Atom and JSON Feed list the same entries in the same order")
    }

    /// An item a version no longer lists leaves the page and the feeds with no entry of its own:
    /// a citizen following the feed never learned that items left the list. The decree's entry
    /// counts what its version dropped (withdrawn or returned; not what it now exempts), without
    /// naming it (`testExemptedAndPendingContentNeverPublished`: withdrawn titles stay off the site).
    func testDecreeEntryCountsTheInformationItNoLongerLists() throws {
        let dir = try writeSite()
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("feed.json"))) as! [String: Any]
        let entries = Dictionary(uniqueKeysWithValues: (doc["items"] as! [[String: Any]]).map { ($0["id"] as! String, $0) })
        let history = Fixture.history()
        let v2 = try XCTUnwrap(history.first { $0.number == 2 })
        let v3 = Fixture.version3()
        let now = Set(PublishedList(version: v3).items.map(\.id) + v3.exempted.map(\.id))
        let gone = Set(PublishedList(version: v2).items.map(\.id)).subtracting(now)
        XCTAssertFalse(gone.isEmpty)
        let said = try XCTUnwrap(entries["tag:serangkab.go.id,2025:dip/keputusan/v3"]?["content_text"] as? String)
        XCTAssertTrue(said.contains("\nInformasi yang tidak lagi tercantum dibandingkan DIP versi 2: \(gone.count) "
            + "(ditarik oleh unitnya atau dikembalikan untuk diperbaiki)."), said)
        // Version 2 dropped nothing of version 1.
        let second = try XCTUnwrap(entries["tag:serangkab.go.id,2025:dip/keputusan/v2"]?["content_text"] as? String)
        XCTAssertFalse(second.contains("tidak lagi tercantum"), second)
        XCTAssertTrue(try text(dir, "feed.atom").contains("Informasi yang tidak lagi tercantum dibandingkan DIP versi 2: "))
    }

    /// An exemption whose period has ended is said once, in its period's cell, with the date and
    /// how to ask for it: a phone shows each exempted title as a card with every field, so the
    /// line once added under the title (for a period column beyond a phone's screen) said the
    /// same thing twice, one card line apart (session 24).
    func testAnEndedExemptionPeriodIsSaidOnce() throws {
        var version = Fixture.version3()
        version.exempted[0].consequenceTest?.period = .months(1)
        version.exempted[0].consequenceTest?.periodText = "1 (satu) bulan"
        let decree = try XCTUnwrap(version.decreeDate)
        let later = Clock(now: decree.addingTimeInterval(40 * 86_400))
        let page = String(decoding: try XCTUnwrap(try WebsiteWriter.render(
            version: version, history: Fixture.history(), settings: .serang, clock: later)["index.html"]), as: UTF8.self)
        let row = try XCTUnwrap(page.components(separatedBy: "<tr class=\"dik-item\">").dropFirst()
            .first { $0.contains("Rekam medis pasien puskesmas") })
        XCTAssertEqual(row.components(separatedBy: "telah berakhir").count - 1, 1, row)
        let cells = row.components(separatedBy: "<td>")
        XCTAssertTrue(try XCTUnwrap(cells.last).contains("telah berakhir"), row)
        XCTAssertTrue(try XCTUnwrap(cells.last).contains("mengajukan permohonan informasi"), row)
        XCTAssertFalse(cells.dropLast().joined().contains("berakhir"), row)
    }

    /// A period "sampai" a date is dated on the page like a period of years (session 26): the last
    /// day withheld, in the decree's words, and from the day after it the note that it ended on
    /// that last day — never "berakhir pada tanggal 1 Januari 2027" under "sampai 31 Desember 2026".
    func testAPeriodUntilADateIsDatedByItsLastDay() throws {
        var version = Fixture.version3()
        version.exempted[0].consequenceTest?.period = .untilEvent("sampai 31 Desember 2026")
        version.exempted[0].consequenceTest?.periodText = "sampai 31 Desember 2026"
        func row(on day: String) throws -> String {
            let clock = Clock(now: try IndonesianDate.parse(day).addingTimeInterval(8 * 3600))
            let page = String(decoding: try XCTUnwrap(try WebsiteWriter.render(
                version: version, history: Fixture.history(), settings: .serang, clock: clock)["index.html"]), as: UTF8.self)
            return try XCTUnwrap(page.components(separatedBy: "<tr class=\"dik-item\">").dropFirst()
                .first { $0.contains("Rekam medis pasien puskesmas") })
        }
        let running = try row(on: "31 Desember 2026")
        XCTAssertTrue(running.contains("Sampai 31 Desember 2026<br>sejak "), running)
        XCTAssertTrue(running.contains(" sampai dengan tanggal 31 Desember 2026"), running)
        XCTAssertFalse(running.contains("telah berakhir"), "its last day: still withheld")
        let ended = try row(on: "1 Januari 2027")
        XCTAssertTrue(ended.contains("Jangka waktu pengecualian ini telah berakhir pada tanggal 31 Desember 2026;"), ended)
        XCTAssertFalse(ended.contains("1 Januari 2027"), ended)
    }

    /// A unit that wrote time and place in one "Waktu dan Tempat" cell ("Serang, 2026"): the page,
    /// the feeds and the CSV, which print them apart, print the intake's split ("2026", "Serang"),
    /// not the whole text as the time and "-" as the place (session 21). An item with its own
    /// place column is printed as written.
    func testTimeAndPlaceWrittenInOneCellArePrintedApart() throws {
        var v = Fixture.version3()
        // A new item (first published by this version, so its feed entry is this revision).
        var added = try XCTUnwrap(v.items.first { $0.consequenceTest == nil })
        added.id = "dinkes-0098"
        added.revision = 1
        added.change = .added
        added.item.waktuPembuatan = "Serang, Maret 2026"
        added.item.tempatPembuatan = ""
        added.item.waktuNormalised = "Maret 2026"
        added.item.tempatNormalised = "Serang"
        v.items.append(added)
        let id = added.id
        let files = try WebsiteWriter.render(version: v, history: Fixture.history(), settings: .serang, clock: Fixture.clock)
        let page = String(decoding: try XCTUnwrap(files["index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<td>Maret 2026</td><td>Serang</td>"), page)
        XCTAssertFalse(page.contains("Serang, Maret 2026"), page)
        let doc = try JSONSerialization.jsonObject(with: XCTUnwrap(files["feed.json"])) as! [String: Any]
        let entry = try XCTUnwrap((doc["items"] as! [[String: Any]]).first { ($0["id"] as! String).contains("/\(id)/r") }?["content_text"] as? String)
        XCTAssertTrue(entry.contains("Waktu pembuatan: Maret 2026\nTempat pembuatan: Serang"), entry)
        let csv = String(decoding: try XCTUnwrap(files["dip.csv"]), as: UTF8.self)
        XCTAssertTrue(csv.contains(",Maret 2026,Serang,"), csv)
    }

    /// An exemption the version's decree lifts (named in its DIK diktum) enters the list with its
    /// reason: its feed entry says it was exempted and opened on a consequence test, and the
    /// decree's entry counts such items; before, it read "baru" like any new information
    /// (session 21).
    func testAnExemptionLiftedByTheDecreeIsAnnouncedAsSuch() throws {
        var v = Fixture.version3()
        // An item no earlier version published, as an opened exemption is (it was in the DIK).
        var opened = try XCTUnwrap(v.items.first { $0.consequenceTest == nil })
        opened.id = "dinkes-0099"
        opened.revision = 1
        opened.change = .added
        v.items.append(opened)
        v.liftedExemptions = [opened.id]
        let files = try WebsiteWriter.render(version: v, history: Fixture.history(), settings: .serang, clock: Fixture.clock)
        let doc = try JSONSerialization.jsonObject(with: XCTUnwrap(files["feed.json"])) as! [String: Any]
        let items = doc["items"] as! [[String: Any]]
        let decree = try XCTUnwrap(items.first { ($0["id"] as! String).hasSuffix("keputusan/v3") }?["content_text"] as? String)
        XCTAssertTrue(decree.contains("Informasi yang tidak lagi dikecualikan (dibuka berdasarkan uji konsekuensi) dan kini tercantum dalam DIP: 1."), decree)
        let entry = try XCTUnwrap(items.first { ($0["id"] as! String).contains("/\(opened.id)/r") }?["content_text"] as? String)
        XCTAssertTrue(entry.contains("Perubahan: baru (sebelumnya dikecualikan; dibuka berdasarkan uji konsekuensi), revisi 1, DIP versi 3"), entry)
        let atom = String(decoding: try XCTUnwrap(files["feed.atom"]), as: UTF8.self)
        XCTAssertTrue(atom.contains("dibuka berdasarkan uji konsekuensi"))
    }

    /// A version approved days before its decree date is published on that date (the decrees
    /// take effect on the day they are set; `PublishStage.publishApproved` waits for it): the
    /// feeds and the open-data package date it then, never before its decrees are in force.
    func testVersionApprovedAheadOfItsDecreeDateIsDatedOnTheDecreeDate() throws {
        var v = Fixture.version3()
        let decreeDay = IndonesianDate.startOfDay(Fixture.day(320))
        v.decreeDate = decreeDay
        v.approvedAt = Fixture.day(316)
        let files = try WebsiteWriter.render(version: v, history: Fixture.history(), settings: .serang, clock: Fixture.clock)
        let feed = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(files[IndexPage.jsonFeedName])) as? [String: Any])
        let items = try XCTUnwrap(feed["items"] as? [[String: Any]])
        let expected = Fixture.clock.rfc3339(decreeDay)
        let decree = try XCTUnwrap(items.first { ($0["id"] as? String)?.hasSuffix("/keputusan/v3") == true })
        XCTAssertEqual(decree["date_published"] as? String, expected, "\(decree)")
        let changed = try XCTUnwrap(items.first { ($0["id"] as? String)?.hasSuffix("dinkes-0003/r3") == true })
        XCTAssertEqual(changed["date_published"] as? String, expected, "\(changed)")
        let atom = String(decoding: try XCTUnwrap(files[IndexPage.atomName]), as: UTF8.self)
        XCTAssertTrue(atom.contains("<updated>\(expected)</updated>"), atom)
        let package = String(decoding: try XCTUnwrap(files[IndexPage.dataPackageName]), as: UTF8.self)
        XCTAssertTrue(package.contains(expected), package)
        // Approved after its decree date: the approval is when it was published.
        v.approvedAt = Fixture.day(322)
        let later = try WebsiteWriter.render(version: v, history: Fixture.history(), settings: .serang, clock: Fixture.clock)
        let laterAtom = String(decoding: try XCTUnwrap(later[IndexPage.atomName]), as: UTF8.self)
        XCTAssertTrue(laterAtom.contains("<updated>\(Fixture.clock.rfc3339(Fixture.day(322)))</updated>"), laterAtom)
    }

    /// The feed's decree entry says which classification decree the new one revokes, as the
    /// decrees' diktums do: by the new DIK decree, or by the DIP decree when nothing is exempted
    /// any more; a citizen reading the feed is never left with two classifications in force.
    func testDecreeEntryNamesTheClassificationDecreeItRevokes() throws {
        var v = Fixture.version3()
        v.dikDecreeNumber = "480/Kep.03-DIK/2025"
        v.previousDIKDecreeNumber = "480/Kep.02-DIK/2025"
        v.previousDIKDecreeDate = Fixture.day(120)
        func decreeEntry(_ version: DIPVersion) throws -> String {
            let files = try WebsiteWriter.render(version: version, history: Fixture.history(), settings: .serang, clock: Fixture.clock)
            let feed = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(files[IndexPage.jsonFeedName])) as? [String: Any])
            let items = try XCTUnwrap(feed["items"] as? [[String: Any]])
            let entry = try XCTUnwrap(items.first { ($0["id"] as? String)?.hasSuffix("/keputusan/v3") == true })
            return try XCTUnwrap(entry["content_text"] as? String)
        }
        let withExemptions = try decreeEntry(v)
        XCTAssertTrue(withExemptions.contains("Keputusan ini mencabut Keputusan Nomor 480/Kep.02-PPID/2025."), withExemptions)
        XCTAssertTrue(withExemptions.contains("Keputusan Klasifikasi Informasi yang Dikecualikan Nomor 480/Kep.02-DIK/2025 dicabut "
            + "oleh Keputusan Nomor 480/Kep.03-DIK/2025."), withExemptions)
        v.exempted = []
        v.dikDecreeNumber = nil
        let without = try decreeEntry(v)
        XCTAssertTrue(without.contains("Tidak ada lagi informasi yang dikecualikan: Keputusan Klasifikasi Informasi yang "
            + "Dikecualikan Nomor 480/Kep.02-DIK/2025 juga dicabut."), without)
        XCTAssertFalse(without.contains("dicabut oleh"), without)
    }

    /// The open part of an item exempted in part is in the DIP (diktum KEDUA counts it, the page
    /// lists it): published in version 2 and unchanged since, the feed dates it with version 2
    /// once, and does not announce it again as new ("Baru … DIP versi 3") with every later decree.
    func testItemExemptedInPartIsAnnouncedOnlyWhenFirstPublished() throws {
        var test = Fixture.exemptTest("UU 14/2008 Pasal 17 huruf h angka 3", period: "Selama berlaku")
        test.conclusion = .exemptPart
        var partial = Fixture.item("dinsos-0007", unit: Fixture.diskominfo, nomor: "7",
                                   ringkasan: "Daftar penerima bantuan sosial beserta nomor rekening",
                                   category: .dikecualikan, change: .added, recorded: 100, test: test)
        partial.item.kategori = .setiapSaat
        var history = Fixture.history()
        let v2 = try XCTUnwrap(history.firstIndex { $0.number == 2 })
        history[v2].exempted = [partial]
        var v3 = Fixture.version3()
        partial.change = .unchanged
        v3.exempted.append(partial)
        let files = try WebsiteWriter.render(version: v3, history: history, settings: .serang, clock: Fixture.clock)
        let feed = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(files[IndexPage.jsonFeedName])) as? [String: Any])
        let items = try XCTUnwrap(feed["items"] as? [[String: Any]])
        let entries = items.filter { ($0["id"] as? String)?.hasSuffix("/dinsos-0007/r1") == true }
        XCTAssertEqual(entries.count, 1, "\(entries)")
        let entry = try XCTUnwrap(entries.first)
        XCTAssertEqual(entry["date_published"] as? String, Fixture.clock.rfc3339(Fixture.day(120)), "\(entry)")
        let dip = try XCTUnwrap(entry["_dip"] as? [String: Any])
        XCTAssertEqual(dip["versi"] as? Int, 2, "\(dip)")
        XCTAssertTrue((entry["content_text"] as? String ?? "").contains("DIP versi 2"), "\(entry)")
        XCTAssertTrue((entry["content_text"] as? String ?? "").contains("Dikecualikan sebagian: RAHASIA-REKAM-MEDIS-ISI nama dan diagnosis pasien; tersedia salinan"), "\(entry)")
        let page = String(decoding: try XCTUnwrap(files["index.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<small>Dikecualikan sebagian: RAHASIA-REKAM-MEDIS-ISI nama dan diagnosis pasien; tersedia salinan"), page)
        // The open-data CSV says which part is withheld too (its title alone reads as wholly public).
        let csv = WebParse.csv(String(decoding: try XCTUnwrap(files[IndexPage.csvName]), as: UTF8.self))
        let note = try XCTUnwrap(csv[0].firstIndex(of: "keterangan"))
        XCTAssertEqual(csv.first { $0[0] == "dinsos-0007" }?[note],
                       "Dikecualikan sebagian: RAHASIA-REKAM-MEDIS-ISI nama dan diagnosis pasien; tersedia salinan yang bagian dikecualikannya dihitamkan.")
        XCTAssertEqual(csv.first { $0[0] == "dinkes-0001" }?[note], "")

        // The exemption lifted in version 3 (tested again: terbuka), the same revision wholly open:
        // a change the feed announces once, under an id of its own, without the partial note.
        var lifted = Fixture.version3()
        var open = partial
        open.category = .setiapSaat
        open.consequenceTest?.conclusion = .open
        lifted.items.append(open)
        let after = try WebsiteWriter.render(version: lifted, history: history, settings: .serang, clock: Fixture.clock)
        let afterFeed = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(after[IndexPage.jsonFeedName])) as? [String: Any])
        let afterItems = try XCTUnwrap(afterFeed["items"] as? [[String: Any]])
        let ids = afterItems.compactMap { $0["id"] as? String }.filter { $0.contains("/dinsos-0007/") }
        XCTAssertEqual(ids, ["tag:serangkab.go.id,2025:dip/dinsos-0007/r1-2", "tag:serangkab.go.id,2025:dip/dinsos-0007/r1"])
        let change = try XCTUnwrap(afterItems.first { ($0["id"] as? String)?.hasSuffix("/dinsos-0007/r1-2") == true })
        let text = change["content_text"] as? String ?? ""
        XCTAssertTrue(text.contains("Perubahan: berubah (pengecualian sebagian dicabut; seluruh informasi terbuka), revisi 1, DIP versi 3"), text)
        XCTAssertFalse(text.contains("Dikecualikan sebagian"), text)
        XCTAssertEqual(change["title"] as? String, "Berubah: Daftar penerima bantuan sosial beserta nomor rekening")
        XCTAssertEqual(change["date_published"] as? String, Fixture.clock.rfc3339(Fixture.day(320)))
        let atom = String(decoding: try XCTUnwrap(after[IndexPage.atomName]), as: UTF8.self)
        XCTAssertEqual(Set(WebParse.atomEntryIDs(atom)).count, WebParse.atomEntryIDs(atom).count, "Atom ids stay unique")
    }

    /// An open item's summary with a value of personal data (a NIK, a telephone number) is printed
    /// by the website only for an item revision the approval recorded as published whole over
    /// `dip approve`'s warning; any other is masked in every website file (session 26: main printed
    /// it whatever the register held). A name in an open item stays as written (warned, not masked).
    func testAnOpenItemsValuesArePublishedOnlyWhenTheApprovalRecordedThem() throws {
        var v3 = Fixture.version3()
        let open = Fixture.item("dinkes-0013", unit: Fixture.diskominfo, nomor: "13",
                                ringkasan: "Kontak pengaduan Sdr. Budi Santoso, HP 0812-3456-7890, NIK 3604015203870002",
                                category: .setiapSaat, change: .added, recorded: 300)
        v3.items.append(open)
        func bodies(_ files: [String: Data]) throws -> [(String, String)] {
            let dir = try makeTempDir()
            return try WebsiteWriter.fileNames.map { name in
                let data = try XCTUnwrap(files[name], name)
                guard name.hasSuffix(".xlsx") else { return (name, String(decoding: data, as: UTF8.self)) }
                let path = dir.appendingPathComponent(name)
                try data.write(to: path)
                return (name, try WorkbookDump.xlsx(path: path.path).json)
            }
        }
        let masked = try bodies(try WebsiteWriter.render(version: v3, history: Fixture.history(), settings: .serang,
                                                         clock: Fixture.clock))
        for (name, body) in masked {
            for secret in ["0812-3456-7890", "3604015203870002"] {
                XCTAssertFalse(body.contains(secret), "\(secret) published in \(name)")
            }
        }
        let page = try XCTUnwrap(masked.first { $0.0 == "index.html" }?.1)
        XCTAssertTrue(page.contains("Kontak pengaduan Sdr. Budi Santoso, HP [data pribadi disamarkan], NIK [data pribadi disamarkan]"),
                      page)
        let recorded = try bodies(try WebsiteWriter.render(
            version: v3, history: Fixture.history(), settings: .serang, clock: Fixture.clock,
            publishedWhole: [ItemRevisionRef(item: "dinkes-0013", revision: 1)]))
        for (name, body) in recorded where name == "index.html" || name.hasSuffix(".csv") {
            XCTAssertTrue(body.contains("HP 0812-3456-7890, NIK 3604015203870002"), "\(name) masks a recorded item")
        }
        // Another revision of the item is not covered by the record.
        let other = try WebsiteWriter.render(version: v3, history: Fixture.history(), settings: .serang, clock: Fixture.clock,
                                             publishedWhole: [ItemRevisionRef(item: "dinkes-0013", revision: 2)])
        XCTAssertFalse(String(decoding: try XCTUnwrap(other["index.html"]), as: UTF8.self).contains("3604015203870002"))
    }

    /// A unit wrote personal data into the summary of an item that is withheld (whole, or in part):
    /// the site lists the exempted title and publishes the open part, but never the NIK, the
    /// telephone number or the account (session 23); ordinary titles are printed as written.
    func testPersonalDataInTheSummaryOfAWithheldItemIsNeverPublished() throws {
        var v3 = Fixture.version3()
        var whole = Fixture.item("dinkes-0011", unit: Fixture.diskominfo, nomor: "11",
                                 ringkasan: "Rekam medis pasien a.n. Siti Aminah NIK 3604015203870002, HP 0812-3456-7890",
                                 category: .dikecualikan, change: .added, recorded: 300,
                                 test: Fixture.exemptTest("UU 14/2008 Pasal 17 huruf h angka 2", period: "Selama berlaku"))
        whole.item.judul = nil
        var test = Fixture.exemptTest("UU 14/2008 Pasal 17 huruf h angka 3", period: "Selama berlaku")
        test.conclusion = .exemptPart
        test.specificInformation = "Nomor rekening 1234567890 dan NIK penerima"
        var partial = Fixture.item("dinsos-0012", unit: Fixture.diskominfo, nomor: "12",
                                   ringkasan: "Daftar penerima bantuan: Budi, no. rek. 0123-01-000123-50-1, NIK 3604015203870003",
                                   category: .dikecualikan, change: .added, recorded: 300, test: test)
        partial.item.kategori = .setiapSaat
        v3.exempted += [whole, partial]
        var settings = WebsiteSettings.serang
        settings.listExemptedTitles = true
        // The same item was published whole by version 2: its feed entry stays (the open part is
        // still published) and must not go on carrying the values now withheld.
        var history = Fixture.history()
        let v2 = try XCTUnwrap(history.firstIndex { $0.number == 2 })
        var earlier = partial
        earlier.category = .setiapSaat
        earlier.consequenceTest = nil
        history[v2].items.append(earlier)
        let files = try WebsiteWriter.render(version: v3, history: history, settings: settings, clock: Fixture.clock)
        let dir = try makeTempDir()
        for name in WebsiteWriter.fileNames {
            let data = try XCTUnwrap(files[name], name)
            let body: String
            if name.hasSuffix(".xlsx") {
                let path = dir.appendingPathComponent(name)
                try data.write(to: path)
                body = try WorkbookDump.xlsx(path: path.path).json
            } else {
                body = String(decoding: data, as: UTF8.self)
            }
            for secret in ["3604015203870002", "3604015203870003", "0812-3456-7890", "0123-01-000123-50-1", "1234567890",
                           "Siti Aminah"] {
                XCTAssertFalse(body.contains(secret), "\(secret) published in \(name)")
            }
        }
        let page = String(decoding: try XCTUnwrap(files["index.html"]), as: UTF8.self)
        // The exempted titles, masked; the open part in the DIP, masked, with the part withheld named.
        XCTAssertTrue(page.contains("<td>Rekam medis pasien a.n. [nama disamarkan] NIK [data pribadi disamarkan], HP [data pribadi disamarkan]"),
                      page)
        XCTAssertTrue(page.contains("Bagian yang dikecualikan: Nomor rekening [data pribadi disamarkan] dan NIK penerima"), page)
        XCTAssertTrue(page.contains("Daftar penerima bantuan: Budi, no. rek. [data pribadi disamarkan], NIK [data pribadi disamarkan]"),
                      page)
        let csv = WebParse.csv(String(decoding: try XCTUnwrap(files[IndexPage.csvName]), as: UTF8.self))
        let ringkasan = try XCTUnwrap(csv[0].firstIndex(of: "ringkasan"))
        XCTAssertEqual(csv.first { $0[0] == "dinsos-0012" }?[ringkasan],
                       "Daftar penerima bantuan: Budi, no. rek. [data pribadi disamarkan], NIK [data pribadi disamarkan]")
        // An open item's summary is the unit's published text: not rewritten.
        XCTAssertEqual(try WebsiteWriter.render(version: Fixture.version3(), history: Fixture.history(), settings: settings,
                                                clock: Fixture.clock)["index.html"].map { !String(decoding: $0, as: UTF8.self)
                                                    .contains(PersonalDataValues.mask) }, true)
    }

    // MARK: Determinism, errors

    func testOutputIsByteIdenticalWhateverTheInputOrder() throws {
        let a = try WebsiteWriter.render(version: Fixture.version3(), history: Fixture.history(),
                                         settings: .serang, clock: Fixture.clock)
        var v = Fixture.version3()
        v.items.reverse()
        v.exempted.reverse()
        let b = try WebsiteWriter.render(version: v, history: Fixture.history().reversed(),
                                         settings: .serang, clock: Fixture.clock)
        XCTAssertEqual(a.keys.sorted(), WebsiteWriter.fileNames.sorted())
        for name in WebsiteWriter.fileNames {
            XCTAssertEqual(a[name], b[name], name)
        }
        // And on disk, twice.
        let d1 = try writeSite(), d2 = try writeSite()
        for name in WebsiteWriter.fileNames {
            XCTAssertEqual(try Data(contentsOf: d1.appendingPathComponent(name)),
                           try Data(contentsOf: d2.appendingPathComponent(name)), name)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: d1.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary files left")
    }

    func testDraftIsRefused() throws {
        var v = Fixture.version3()
        v.status = .draft
        XCTAssertThrowsError(try WebsiteWriter.render(version: v, history: [], settings: .serang, clock: Fixture.clock)) {
            XCTAssertEqual($0 as? WebsiteError, .versionNotApproved(number: 3))
        }
    }

    /// The page listed every item and said nowhere whom a citizen asks for one (session 24): it
    /// says the PPID, and the body's contact when `situs.json` sets `requestContact` (escaped).
    /// After an update the page listed the items as they stand and said nowhere what the new
    /// decree changed (only the feeds did, which a citizen on a phone does not read; session 26).
    /// It now says, under its header, what changed since the decree it replaced: the changed items
    /// (linked, with the fields that changed), how many are now exempted and how many left the
    /// list, those counted, never named (a withdrawn title is never republished).
    func testPageSaysWhatChangedSinceTheDecreeItReplaced() throws {
        let page = String(decoding: try XCTUnwrap(try WebsiteWriter.render(
            version: Fixture.version3(), history: Fixture.history(), settings: .serang, clock: Fixture.clock)["index.html"]),
                          as: UTF8.self)
        let header = try XCTUnwrap(page.components(separatedBy: "<nav").first)
        let section = try XCTUnwrap(header.components(separatedBy: "<section class=\"perubahan\" id=\"perubahan\"").dropFirst().first,
                                    header)
        XCTAssertTrue(section.contains("<h2 id=\"perubahan-judul\">Perubahan dibanding DIP versi 2</h2>"), section)
        XCTAssertTrue(section.contains("<p>Informasi yang berubah (2):</p>"), section)
        XCTAssertTrue(section.contains("<li><a href=\"#item-dinkes-0003\">Rencana kerja (Renja) &quot;tahunan&quot; dan DPA</a> "
            + "(Dinas Kesehatan); yang berubah: ringkasan isi informasi</li>"), section)
        XCTAssertTrue(section.contains("<a href=\"#item-dinkes-0004\">"), section)
        XCTAssertTrue(page.contains("id=\"item-dinkes-0003\""), "the link's target")
        XCTAssertTrue(section.contains("<p>1 informasi kini dikecualikan (judulnya tercantum pada "
            + "<a href=\"#dikecualikan\">informasi yang dikecualikan</a>).</p>"), section)
        XCTAssertTrue(section.contains("<p>1 informasi tidak lagi tercantum (ditarik oleh unitnya atau dikembalikan untuk diperbaiki).</p>"),
                      section)
        XCTAssertFalse(section.contains("Informasi baru"), section)
        XCTAssertFalse(page.contains("DITARIK-RINGKASAN-LAMA"), "a withdrawn title is never republished")
        XCTAssertFalse(section.contains("MENUNGGU-UJI"), section)

        // v2 against v1: one item added, one changed; the first decree has nothing to compare with.
        let history = Fixture.history().sorted { $0.number < $1.number }
        let second = String(decoding: try XCTUnwrap(try WebsiteWriter.render(
            version: history[1], history: [history[0]], settings: .serang, clock: Fixture.clock)["index.html"]), as: UTF8.self)
        XCTAssertTrue(second.contains("<p>Informasi baru (1):</p>\n<ul>\n<li><a href=\"#item-bpbd-0005\">Data inventaris barang BPBD</a> "
            + "(Badan Penanggulangan Bencana Daerah)</li>"), second)
        let first = String(decoding: try XCTUnwrap(try WebsiteWriter.render(
            version: history[0], history: [], settings: .serang, clock: Fixture.clock)["index.html"]), as: UTF8.self)
        XCTAssertFalse(first.contains("id=\"perubahan\""), first)
    }

    /// A changed item's feed entry said "Perubahan: berubah, revisi 3, DIP versi 3": a subscriber
    /// learnt that something changed, not what (session 26). It names the published fields that
    /// differ from the revision announced before, as the page's section does.
    func testFeedEntrySaysWhichFieldsChanged() throws {
        let files = try WebsiteWriter.render(version: Fixture.version3(), history: Fixture.history(), settings: .serang,
                                             clock: Fixture.clock)
        let doc = try JSONSerialization.jsonObject(with: XCTUnwrap(files["feed.json"])) as! [String: Any]
        let items = doc["items"] as! [[String: Any]]
        func entry(_ id: String) throws -> String {
            try XCTUnwrap(items.first { ($0["id"] as! String).hasSuffix("/\(id)") }?["content_text"] as? String, id)
        }
        let third = try entry("dinkes-0003/r3"), second = try entry("dinkes-0003/r2"), added = try entry("bpbd-0005/r1")
        XCTAssertTrue(third.contains("Perubahan: berubah (ringkasan isi informasi), revisi 3, DIP versi 3"), third)
        XCTAssertTrue(second.contains("Perubahan: berubah (ringkasan isi informasi), revisi 2, DIP versi 2"), second)
        XCTAssertTrue(added.contains("Perubahan: baru, revisi 1, DIP versi 2"), added)
        let atom = String(decoding: try XCTUnwrap(files["feed.atom"]), as: UTF8.self)
        XCTAssertTrue(atom.contains("Perubahan: berubah (ringkasan isi informasi), revisi 3, DIP versi 3"))
    }

    func testPageSaysHowToRequestInformation() throws {
        let plain = try text(try writeSite(), "index.html")
        // Under the exempted titles too: they may be requested, and a refusal objected to (session 26).
        let exempted = try XCTUnwrap(plain.components(separatedBy: "<section id=\"dikecualikan\"").dropFirst().first)
        XCTAssertTrue(exempted.contains("<p>Permohonan atas informasi yang dikecualikan tetap dapat diajukan kepada PPID. "
            + "Bila permohonan ditolak berdasarkan alasan pengecualian, pemohon dapat mengajukan keberatan secara tertulis "
            + "kepada atasan PPID (UU 14/2008 Pasal 35).</p>"), exempted)
        XCTAssertTrue(plain.contains("<p class=\"permohonan\">Informasi dalam daftar ini dapat diperoleh dengan mengajukan "
            + "permohonan informasi publik kepada PPID Pemerintah Kabupaten Serang.</p>"), plain)
        var settings = WebsiteSettings.serang
        settings.requestContact = "Gedung <PPID>, surel ppid@contoh.go.id"
        let contact = try text(try writeSite(settings), "index.html")
        XCTAssertTrue(contact.contains("kepada PPID Pemerintah Kabupaten Serang: Gedung &lt;PPID&gt;, surel ppid@contoh.go.id.</p>"),
                      contact)
        let decoded = try JSONDecoder().decode(WebsiteSettings.self, from: Data(#"{"requestContact":"Loket PPID"}"#.utf8))
        XCTAssertEqual(decoded.requestContact, "Loket PPID")
    }

    func testSettingsDecodeWithDefaults() throws {
        let s = try JSONDecoder().decode(WebsiteSettings.self, from: Data(#"{"baseURL":"https://contoh.go.id/dip"}"#.utf8))
        XCTAssertEqual(s.baseURL, "https://contoh.go.id/dip")
        XCTAssertEqual(s.normalizedBaseURL, "https://contoh.go.id/dip/")
        XCTAssertEqual(s.bodyName, "Pemerintah Kabupaten Serang")
        XCTAssertEqual(s.licenseID, "CC-BY-4.0")
        XCTAssertEqual(s.requestContact, "")
    }
}

/// Parsers the tests use to read the outputs back.
enum WebParse {
    static func matches(_ pattern: String, in text: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    static func pageIDs(_ html: String) -> [String] {
        matches(#"<tr class="dip-item" id="[^"]*" data-id="([^"]*)""#, in: html)
    }

    static func atomEntryIDs(_ atom: String) -> [String] {
        matches(#"<entry>\n<id>([^<]*)</id>"#, in: atom)
    }

    static func atomItemIDs(_ atom: String) -> [String] {
        atomEntryIDs(atom).filter { !$0.contains("/keputusan/") }.map { id in
            let parts = id.split(separator: "/")
            return String(parts[parts.count - 2])
        }
    }

    static func jsonFeedItemIDs(_ data: Data) throws -> [String] {
        let doc = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (doc["items"] as! [[String: Any]]).compactMap { ($0["_dip"] as? [String: Any])?["id"] as? String }
    }

    /// RFC 4180 reader (quoted fields, doubled quotes, CRLF records).
    static func csv(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" && chars.first == "\n" {
                chars.removeFirst()
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
