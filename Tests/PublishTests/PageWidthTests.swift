import DIPCore
import Foundation
import TestSupport
import XCTest
@testable import Publish

/// The review page, a unit's feedback page and the public page fit a laptop (1366 px) and a
/// phone (390 px) without horizontal scrolling, of the page or of a box inside it, measured by
/// headless Chromium through scripts/check-width.sh (document.documentElement.scrollWidth and
/// the boxes that scroll on their own). Screenshots are kept in
/// DIP_TEST_ARTIFACTS (default .build/artifacts/check-width).
final class PageWidthTests: XCTestCase {
    let widths = [1366, 390]

    func assertFits(_ name: String, _ html: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard Shell.which("chromium") ?? Shell.which("chromium-browser") ?? Shell.which("google-chrome") != nil else {
            throw missingTool("chromium not installed (apt-get install -y chromium)")
        }
        let dir = try makeTempDir(name)
        let page = dir.appendingPathComponent("\(name).html")
        try Data(html.utf8).write(to: page)
        let artifacts = ProcessInfo.processInfo.environment["DIP_TEST_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
            ?? WebCheckers.repoRoot.appendingPathComponent(".build/artifacts/check-width")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let script = WebCheckers.repoRoot.appendingPathComponent("scripts/check-width.sh").path
        for width in widths {
            let shot = artifacts.appendingPathComponent("\(name)-\(width).png").path
            let r = try Shell.run("/bin/bash", [script, page.path, String(width), shot])
            XCTAssertEqual(r.status, 0, r.output, file: file, line: line)
            let first = r.output.split(separator: "\n").first.map(String.init) ?? ""
            let parts = first.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            XCTAssertEqual(parts.count, 3, r.output, file: file, line: line)
            guard parts.count == 3 else { continue }
            XCTAssertLessThanOrEqual(parts[1], width, "\(name) at \(width) px scrolls sideways (\(parts[1]) px wide)",
                                     file: file, line: line)
            // A box scrolling sideways on its own hides what is beyond its edge (the public page's
            // tables on a phone: two columns seen, the caption cut after a few words).
            XCTAssertEqual(parts[2], 0, "\(name) at \(width) px has boxes that scroll sideways: \(r.output)", file: file, line: line)
        }
    }

    func testReviewPageFits() throws {
        try assertFits("pemeriksaan", ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
    }

    func testUnitFeedbackPageFits() throws {
        let f = UnitDocumentsTests(name: "fixtures", testClosure: { _ in }).feedbackInputs()
        try assertFits("umpan-balik", UnitFeedback.html(
            unit: Fixture.dinkes, items: f.items, problems: f.problems, returnNotes: f.notes,
            classifications: f.classes, clock: ReviewFixtures.clock))
    }

    func testPublicPageFits() throws {
        let site = try makeTempDir().appendingPathComponent("website")
        try WebsiteWriter.write(version: Fixture.version3(), history: Fixture.history(), clock: Fixture.clock, to: site)
        try assertFits("situs", try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8))
    }

    /// The review page on a wide screen (1920 px): its 19-column tables were tables there, laid
    /// out by content, and the long explanation starved the short columns ("Berkal/a", "Bar/u",
    /// "Cikand/e" in the session 22 read-through); as cards every short word is whole.
    func testReviewPageShortCellsKeepTheirWordsWholeOnAWideScreen() throws {
        var input = try ReviewFixtures.input()
        input.pending[0].classification.notes = WorkbookRenderingTests.longNotes
        let html = ReviewPage.html(input, clock: ReviewFixtures.clock)
        XCTAssertTrue(html.contains("<table class=\"lebar"), "the category tables are wide ones")
        let found = try probeResult(html, probe: Self.brokenCellProbe, meta: "dip-pecah", dirName: "lebar",
                                    page: "pemeriksaan.html", width: 1920, height: 1400)
        XCTAssertEqual(found, "-", "short cells broken over lines: \(found)")
    }

    /// The review page's cards at 1366 px: a long explanation had one grid column of 15 em like
    /// every short field and ran to some 30 narrow lines (session 24 read-through); a long text
    /// now spans the card. Every card cell of more than `HTMLTables.longCardText` characters must
    /// be at least 80 % as wide as its card, measured by headless Chromium.
    func testReviewPageLongTextsSpanTheCard() throws {
        var input = try ReviewFixtures.input()
        input.pending[0].classification.notes = WorkbookRenderingTests.longNotes
        let html = ReviewPage.html(input, clock: ReviewFixtures.clock)
        let probe = """
            <script>var n=0,bad=[];document.querySelectorAll("table.lebar td").forEach(function(c){
            if(c.textContent.trim().length<=\(HTMLTables.longCardText))return;n++;
            var w=c.getBoundingClientRect().width,t=c.parentElement.getBoundingClientRect().width;
            if(w<0.8*t)bad.push(Math.round(100*w/t));});var m=document.createElement("meta");m.name="dip-sempit";
            m.content=n+":"+(bad.length?bad.join("|"):"-");document.head.appendChild(m);</script>
            """
        let found = try probeResult(html, probe: probe, meta: "dip-sempit", dirName: "panjang",
                                    page: "pemeriksaan.html", width: 1366, height: 1000)
        let parts = found.split(separator: ":")
        XCTAssertGreaterThan(Int(parts.first ?? "") ?? 0, 0, "the fixture has long card texts: \(found)")
        XCTAssertEqual(parts.last, "-", "long card texts narrower than 80 % of their card (percent): \(found)")
    }

    /// The boxes above the review page's contents on a phone (390 px) and a laptop (1366 px),
    /// session 26's read-through: the exemption periods' box opened with its whole explanation in
    /// bold, some twenty lines on a phone before the first row, and the command in each card
    /// ("dip test … --revision 2 --conclusion …") broke after "--". Now the box opens with a lead
    /// of a few lines in plain weight (the rest folded), and a command breaks only at a space,
    /// on one line where the card is wide enough. Measured by headless Chromium (each line box of
    /// the text before the table; each character's line in a command cell). The same probe on
    /// the page marked up as before (bold intro, plain command text) finds both faults, so the
    /// check can fail.
    func testAttentionBoxReadsBrieflyAndCommandsBreakOnlyAtSpaces() throws {
        var input = try ReviewFixtures.input()
        input.exemptionNotices = ExemptionPeriodsSectionTests(name: "fixtures", testClosure: { _ in }).notices().map { notice in
            var longer = notice
            longer.term.itemID = notice.term.itemID.replacingOccurrences(of: "bappeda", with: "kec-kramatwatu")
            longer.term.revision = 12
            return longer
        }
        let html = ReviewPage.html(input, clock: ReviewFixtures.clock)
        XCTAssertTrue(html.contains("<code class=\"perintah\"><span>dip</span> <span>test</span> <span>kec-kramatwatu-0001</span>"),
                      "commands are marked up word by word")
        // The markup of session 26: the intro in <strong>, the command as plain cell text.
        var before = html.replacingOccurrences(of: "<p class=\"pengantar\">", with: "<p><strong>")
        before = before.replacingOccurrences(of: #"(<p><strong>[^<]*)</p>\n<details><summary>Keterangan lengkap</summary><p>([^<]*)</p></details>"#,
                                             with: "$1 $2</strong></p>", options: .regularExpression)
        before = before.replacingOccurrences(of: #"<td data-label="Perintah Uji Ulang" class="panjang">"#,
                                             with: #"<td data-label="Perintah Uji Ulang">"#)
        before = before.replacingOccurrences(of: #"</?(code class="perintah"|code|span)>"#, with: "", options: .regularExpression)
        XCTAssertNotEqual(before, html)
        XCTAssertTrue(before.contains("<p><strong>Lakukan uji konsekuensi ulang"), "the old markup rebuilt")

        for width in widths {
            let now = try boxReading(html, width: width)
            XCTAssertGreaterThan(now.commands, 0, "the fixture has commands: \(now)")
            XCTAssertLessThanOrEqual(now.leadLines, 6, "at \(width) px the box opens with \(now.leadLines) lines before its table")
            XCTAssertEqual(now.boldCharacters, 0, "at \(width) px the box's opening text is bold")
            XCTAssertEqual(now.badBreaks, "-", "at \(width) px a command breaks inside a word: \(now.badBreaks)")
            if width >= 1000 {
                XCTAssertEqual(now.wrappedCommands, 0, "at \(width) px commands wrap although the card is wide")
            } else {
                XCTAssertGreaterThan(now.wrappedCommands, 0, "at \(width) px no command wraps: the break check would check nothing")
            }
            // Each fault where session 26 saw it: the long bold opening on the phone, the command
            // broken after "--" in a card's 15 em column on the laptop.
            let old = try boxReading(before, width: width)
            XCTAssertGreaterThan(old.boldCharacters, 0, "the old markup at \(width) px: \(old)")
            if width >= 1000 {
                XCTAssertNotEqual(old.badBreaks, "-", "the old markup at \(width) px: \(old)")
            } else {
                XCTAssertGreaterThan(old.leadLines, 6, "the old markup at \(width) px: \(old)")
            }
        }
        try assertFits("pemeriksaan-perhatian", html)
        // The fold and the commands' markup are valid HTML (Nu Html Checker).
        let r = try Checkers.run("check-html", [try Checkers.temporaryFile("index.html", Array(html.utf8)).path])
        XCTAssertEqual(r.status, 0, r.output)
    }

    struct BoxReading: CustomStringConvertible {
        var leadLines: Int, boldCharacters: Int, commands: Int, wrappedCommands: Int, badBreaks: String
        var description: String {
            "lines \(leadLines), bold \(boldCharacters), commands \(commands) (\(wrappedCommands) wrapped), breaks \(badBreaks)"
        }
    }

    /// Reads the exemption periods' box of `html` laid out `width` px wide (in an iframe that
    /// wide, as scripts/check-width.sh does: headless Chromium's window is at least 500 px).
    func boxReading(_ html: String, width: Int) throws -> BoxReading {
        let probe = """
            <script>(function(){var s=document.getElementById("jangka-waktu-pengecualian");var tops={},bold=0;
            function visible(e){return e.getClientRects().length>0;}
            function lines(node){var r=document.createRange();r.selectNodeContents(node);
            Array.prototype.forEach.call(r.getClientRects(),function(q){if(q.height>0)tops[Math.round(q.top)]=1;});}
            Array.prototype.forEach.call(s.children,function(c){if(c.tagName=="H2"||c.tagName=="TABLE"||!visible(c))return;
            var w=document.createTreeWalker(c,NodeFilter.SHOW_TEXT);var n;while((n=w.nextNode())){
            if(!n.textContent.trim()||!visible(n.parentElement)||n.parentElement.closest("details:not([open]) > :not(summary)"))continue;lines(n);
            if(parseInt(getComputedStyle(n.parentElement).fontWeight,10)>=600)bold+=n.textContent.trim().length;}});
            var cmds=0,wrapped=0,bad=[];
            s.querySelectorAll("td").forEach(function(td){if(td.textContent.trim().indexOf("dip ")!=0)return;cmds++;
            var w=document.createTreeWalker(td,NodeFilter.SHOW_TEXT),n,prev="",top=null,breaks=0;
            while((n=w.nextNode())){for(var i=0;i<n.length;i++){var ch=n.data[i];var r=document.createRange();
            r.setStart(n,i);r.setEnd(n,i+1);var q=r.getClientRects();if(!q.length||/\\s/.test(ch)){prev=ch;continue;}
            var t=Math.round(q[0].top);if(top!==null&&t>top+2){breaks++;if(!/\\s/.test(prev))bad.push(td.textContent.trim().slice(0,60).replace(/[|:"]/g," "));}
            top=t;prev=ch;}}if(breaks)wrapped++;});
            var m=document.createElement("meta");m.name="dip-kotak";
            m.content=Object.keys(tops).length+":"+bold+":"+cmds+":"+wrapped+":"+(bad.length?bad.join("|"):"-");
            document.head.appendChild(m);})();</script>
            """
        let found = try framedProbeResult(html, probe: probe, meta: "dip-kotak", dirName: "kotak-\(width)", width: width)
        let parts = found.split(separator: ":", maxSplits: 4).map(String.init)
        guard parts.count == 5, let lines = Int(parts[0]), let bold = Int(parts[1]), let commands = Int(parts[2]),
              let wrapped = Int(parts[3]) else {
            XCTFail("unreadable probe result: \(found)")
            throw ProbeMissing()
        }
        return BoxReading(leadLines: lines, boldCharacters: bold, commands: commands, wrappedCommands: wrapped, badBreaks: parts[4])
    }

    /// `probeResult` for a page laid out `width` px wide however narrow: the page is loaded in an
    /// iframe of that width (scripts/check-width.sh's way) and the wrapper copies the probe's meta.
    func framedProbeResult(_ html: String, probe: String, meta: String, dirName: String, width: Int) throws -> String {
        let wrapper = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style></head>
            <body><iframe id="f" src="page.html" width="\(width)" height="1400"></iframe>
            <script>document.getElementById("f").addEventListener("load",function(){
            var d=document.getElementById("f").contentDocument;var found=d.querySelector('meta[name="\(meta)"]');
            var m=document.createElement("meta");m.name="\(meta)";m.content=found?found.content:"";document.head.appendChild(m);});</script>
            """
        guard let chrome = Shell.which("chromium") ?? Shell.which("chromium-browser") ?? Shell.which("google-chrome") else {
            throw missingTool("chromium not installed (apt-get install -y chromium)")
        }
        let dir = try makeTempDir(dirName)
        try Data(html.replacingOccurrences(of: "</body>", with: probe + "</body>").utf8).write(to: dir.appendingPathComponent("page.html"))
        let page = dir.appendingPathComponent("wrapper.html")
        try Data((wrapper + "</body></html>\n").utf8).write(to: page)
        let r = try Shell.run("/usr/bin/timeout", [
            "120", chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--allow-file-access-from-files", "--user-data-dir=\(dir.appendingPathComponent("profil").path)",
            "--window-size=\(max(width, 500)),1400", "--virtual-time-budget=3000", "--dump-dom", page.absoluteString])
        guard let found = r.output.range(of: "name=\"\(meta)\" content=\"[^\"]*\"", options: .regularExpression) else {
            XCTFail("no \(meta) probe result from Chromium: \(r.output.prefix(2000))")
            throw ProbeMissing()
        }
        return String(r.output[found].split(separator: "\"", omittingEmptySubsequences: false)[3])
    }

    /// Marks the page with `<meta name="dip-pecah">` listing every single-word cell of at most 12
    /// letters laid out on more than one line ("-" for none).
    static let brokenCellProbe = """
        <script>var bad=[];document.querySelectorAll("th,td").forEach(function(c){var t=c.textContent.trim();
        if(!t||/\\s/.test(t)||t.length>12)return;var r=document.createRange();r.selectNodeContents(c);
        if(r.getClientRects().length>1)bad.push(t);});var m=document.createElement("meta");m.name="dip-pecah";
        m.content=bad.length?bad.join("|"):"-";document.head.appendChild(m);</script>
        """

    /// A unit's feedback page at 1366 px: a long refusal beside a file's status starved the
    /// short columns, laid out by content with cells that may break anywhere, so "DITOLAK",
    /// "Status", "Tingkat" broke a few letters a line. Every short single-word cell (at most
    /// 12 letters) must lie on one line, measured by headless Chromium (line boxes of the
    /// cell's text). Also at 1156 px, the width of the page printed on F4 landscape, and with a
    /// unit's category "Dikecualikan", which broke as "Dikecualika/n" at 1366 px and the
    /// header "Nomor" as "Nomo/r" on paper (session 22).
    func testUnitFeedbackShortColumnsKeepTheirWordsWhole() throws {
        let reason = String(repeating: "Tabel DIP tidak ditemukan: baris 1 berisi judul kolom \"Kode\", \"Nama Berkas\". ", count: 6)
        let problem = Problem(file: "Daftar Dokumen Dinkes.xlsx", sheet: "DIP", row: 1, column: nil, severity: .error,
                              code: "no-dip-table", message: reason, hint: reason)
        var f = UnitDocumentsTests(name: "fixtures", testClosure: { _ in }).feedbackInputs()
        f.items[0].kategoriText = "Dikecualikan"
        let html = UnitFeedback.html(
            unit: Fixture.dinkes, items: f.items, problems: f.problems + [problem], returnNotes: f.notes,
            classifications: f.classes,
            files: [FeedbackFile(fileName: "Daftar Dokumen Dinkes.xlsx", status: .refused, detail: reason)],
            clock: ReviewFixtures.clock)
        XCTAssertTrue(html.contains(">Dikecualikan<"), "the category is a cell of its own")
        for width in [1366, 1156] {
            let found = try probeResult(html, probe: Self.brokenCellProbe, meta: "dip-pecah", dirName: "kolom-\(width)",
                                        page: "umpan-balik.html", width: width, height: 1400)
            XCTAssertEqual(found, "-", "at \(width) px short cells broken over lines: \(found)")
        }
    }

    /// Loads `html` with `probe` (a script that leaves its finding in `<meta name=meta>`) in
    /// headless Chromium at `width`×`height` and returns that meta's content; fails the test
    /// (throws) when Chromium is missing or the probe left nothing.
    func probeResult(_ html: String, probe: String, meta: String, dirName: String, page name: String,
                     width: Int, height: Int) throws -> String {
        guard let chrome = Shell.which("chromium") ?? Shell.which("chromium-browser") ?? Shell.which("google-chrome") else {
            throw missingTool("chromium not installed (apt-get install -y chromium)")
        }
        let dir = try makeTempDir(dirName)
        let page = dir.appendingPathComponent(name)
        try Data(html.replacingOccurrences(of: "</body>", with: probe + "</body>").utf8).write(to: page)
        let r = try Shell.run("/usr/bin/timeout", [
            "120", chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(dir.appendingPathComponent("profil").path)", "--window-size=\(width),\(height)",
            "--virtual-time-budget=3000", "--dump-dom", page.absoluteString])
        guard let found = r.output.range(of: "name=\"\(meta)\" content=\"[^\"]*\"", options: .regularExpression) else {
            XCTFail("no \(meta) probe result from Chromium: \(r.output.prefix(2000))")
            throw ProbeMissing()
        }
        return String(r.output[found].split(separator: "\"", omittingEmptySubsequences: false)[3])
    }

    struct ProbeMissing: Error {}
}
