import ArgumentParser
import DIPCore
import Foundation
import Pipeline
import Publish
import Register
import Rules

extension DIP {
    /// `dip approve`: the PPID approves the draft, with the decrees that set it; approves again
    /// to correct it, or withdraws the approval, until the version is published.
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Menyetujui draf DIP beserta nomor dan tanggal keputusan PPID, atau menarik persetujuan.",
            discussion: """
                Persetujuan dapat diperbaiki sampai versi diterbitkan: jalankan
                `dip approve` lagi (menggantikan persetujuan sebelumnya) atau
                `dip approve --withdraw --name … --reason …`. Setiap persetujuan, penggantian
                dan penarikan tercatat di riwayat (`dip approvals`).
                Tanggal boleh ditulis 2026-12-08, 08-12-2026, 8/12/2026 atau "8 Desember 2026".
                """)

        @OptionGroup var options: WorkspaceOptions

        @Option(help: ArgumentHelp("Nomor versi (kosong: draf terbaru; untuk --withdraw: versi yang disetujui).", valueName: "versi"))
        var version: Int?

        @Option(help: ArgumentHelp("Nama PPID yang menandatangani keputusan (dicetak apa adanya, dengan gelar).", valueName: "nama"))
        var name: String?

        @Option(help: ArgumentHelp("NIP PPID (18 digit).", valueName: "nip"))
        var nip: String?

        @Option(help: ArgumentHelp("Jabatan PPID (bawaan: jabatan di rules/keputusan.json).", valueName: "jabatan"))
        var title: String?

        @Option(help: ArgumentHelp("Pangkat/golongan PPID, misalnya \"Pembina Utama Muda (IV/c)\".", valueName: "pangkat"))
        var rank: String?

        @Option(name: .customLong("decree-number"), help: ArgumentHelp("Nomor Keputusan Penetapan DIP.", valueName: "nomor"))
        var decreeNumber: String?

        @Option(name: .customLong("dik-decree-number"),
                help: ArgumentHelp("Nomor Keputusan Klasifikasi Informasi yang Dikecualikan (wajib bila ada informasi dikecualikan).", valueName: "nomor"))
        var dikDecreeNumber: String?

        @Option(name: .customLong("decree-date"), help: ArgumentHelp("Tanggal keputusan, misalnya 2026-12-08 atau \"8 Desember 2026\".", valueName: "tanggal"))
        var decreeDate: String?

        @Option(name: .customLong("atasan-name"), help: ArgumentHelp("Nama Atasan PPID (bawaan: rules/keputusan.json).", valueName: "nama"))
        var atasanName: String?

        @Option(name: .customLong("atasan-nip"), help: ArgumentHelp("NIP Atasan PPID (bawaan: rules/keputusan.json).", valueName: "nip"))
        var atasanNIP: String?

        // Two overrides, named apart (session 24): the PPID must know which one is given. Approving a
        // draft not fully reviewed is a matter of the review; re-issuing an exemption past its period
        // without a test is a legal act the decree states (docs/publish.md "Session 24").
        @Flag(name: .customLong("force-unreviewed"),
              help: "Setujui walaupun ada informasi yang belum diperiksa atau uji konsekuensi yang belum dicatat (tercatat di riwayat persetujuan).")
        var forceUnreviewed = false

        @Flag(name: .customLong("force-ended-exemptions"),
              help: "Tetapkan kembali, tanpa uji konsekuensi baru, pengecualian yang jangka waktunya telah berakhir sebelum tanggal keputusan (tercatat di riwayat persetujuan).")
        var forceEndedExemptions = false

        @Flag(help: "Usang: sama dengan --force-unreviewed. Tidak berlaku untuk pengecualian yang jangka waktunya telah berakhir (gunakan --force-ended-exemptions).")
        var force = false

        @Flag(help: "Tarik persetujuan versi yang belum diterbitkan.")
        var withdraw = false

        @Option(help: ArgumentHelp("Alasan penarikan atau penggantian persetujuan.", valueName: "alasan"))
        var reason: String?

        @Flag(name: .customLong("preview"), help: "Hanya tampilkan yang akan dicetak; tidak menyimpan apa pun.")
        var preview = false

        @Flag(help: "Simpan tanpa bertanya (di terminal dip menampilkan yang akan dicetak dan meminta konfirmasi).")
        var yes = false

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func validate() throws {
            if let nip, Official.nipDigits(nip) == nil {
                throw ValidationError("--nip \"\(nip)\": NIP harus 18 digit angka, misalnya 197001011995031002.")
            }
            if let atasanNIP, Official.nipDigits(atasanNIP) == nil {
                throw ValidationError("--atasan-nip \"\(atasanNIP)\": NIP Atasan PPID harus 18 digit angka.")
            }
            if withdraw {
                if name == nil { throw ValidationError("Sebutkan nama pejabat yang menarik persetujuan (--name).") }
                if reason == nil { throw ValidationError("Sebutkan alasan penarikan (--reason).") }
                return
            }
            var missing: [String] = []
            if name == nil { missing.append("--name") }
            if nip == nil { missing.append("--nip") }
            if decreeNumber == nil { missing.append("--decree-number") }
            if decreeDate == nil { missing.append("--decree-date") }
            if !missing.isEmpty {
                // "Persetujuan memerlukan --nip: yang dicetak pada keputusan." read as a fragment.
                throw ValidationError("Persetujuan belum lengkap: isi juga \(Self.andList(missing)). Nama dan NIP PPID serta "
                    + "nomor dan tanggal keputusan dicetak pada keputusan; periksa dahulu dengan --preview.")
            }
            do {
                _ = try IndonesianDate.parse(decreeDate!)
            } catch {
                throw ValidationError("\(error)")
            }
        }

        /// "a", "a dan b", "a, b dan c".
        static func andList(_ words: [String]) -> String {
            words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " dan " + words.last!
        }

        /// What `--force` (deprecated) still does, said on stderr whenever it is given.
        static let forceDeprecation = "Peringatan: --force sudah usang dan kini hanya berarti --force-unreviewed (setujui walaupun ada "
            + "informasi yang belum diperiksa atau uji konsekuensi yang belum dicatat). Untuk menetapkan kembali pengecualian yang "
            + "jangka waktunya telah berakhir tanpa uji konsekuensi baru, berikan --force-ended-exemptions. Ganti --force dengan "
            + "opsi yang dimaksud."

        func run() throws {
            if force { FileHandle.standardError.write(Data((Self.forceDeprecation + "\n").utf8)) }
            let forceUnreviewed = self.forceUnreviewed || force
            // As printed: the 18 digits, without the spaces of a NIP's printed form.
            let nip = self.nip.flatMap(Official.nipDigits)
            let atasanNIP = self.atasanNIP.flatMap(Official.nipDigits)
            try RegisterOutput.run {
                let lock = try options.lockForWriting()
                defer { withExtendedLifetime(lock) {} }
                let clock = Clock.fromEnvironment()
                let db = try options.openRegister()
                if withdraw {
                    guard let number = try version ?? db.status().approved?.number else {
                        throw RegisterError.invalidInput("Tidak ada versi disetujui yang menunggu terbit, jadi tidak ada "
                            + "persetujuan yang dapat ditarik (riwayatnya: `dip approvals`). Versi yang sudah diterbitkan "
                            + "diganti dengan keputusan versi berikutnya.")
                    }
                    let v = try db.withdrawApproval(
                        version: number, by: Official(name: name!, nip: nip, title: title, rank: rank),
                        reason: reason!, at: clock.now, source: .cli)
                    switch format {
                    case .json: print(try RegisterOutput.json(try db.approvalHistory(version: v.number)))
                    case .text:
                        print("Persetujuan versi \(v.number) ditarik oleh \(name!): \(reason!). "
                            + "Versi ini kembali menjadi draf; tidak ada yang diterbitkan sampai disetujui lagi.")
                    }
                    return
                }
                let settings = try options.decreeSettings()
                let placeholders = settings.placeholderFields()
                guard placeholders.isEmpty else {
                    throw RegisterError.invalidInput(
                        "rules/keputusan.json masih berisi titik-titik pengisi pada: "
                            + placeholders.joined(separator: ", ")
                            + ". Isi atau hapus isian itu (periksa dengan `dip rules check`); keputusan tidak disetujui.")
                }
                // A decree must not rest on a repealed or mistitled law (StatuteBook): the
                // considerations and bases of keputusan.json are read here, the grounds the
                // version's exemptions cite below.
                let legal = settings.legalTextProblems().filter(\.substantive)
                guard legal.isEmpty else {
                    throw RegisterError.invalidInput(
                        "rules/keputusan.json mengutip peraturan yang tidak dapat menjadi dasar keputusan: "
                            + legal.map(\.message).joined(separator: "; ") + ". Perbaiki (periksa dengan `dip rules check`); keputusan tidak disetujui.")
                }
                // The newest draft, or the approved version being corrected (their numbers only:
                // the version is built once, below).
                let candidate = try version ?? db.currentDraftNumber() ?? db.status().approved?.number
                guard let number = candidate else {
                    throw RegisterError.invalidInput(
                        "Tidak ada draf yang menunggu persetujuan. Jalankan `dip run` dahulu.")
                }
                // An older version approved and still waiting (for its decree date) would never be
                // published once this newer one is (the newest approved version is published), nor
                // revoked by its decrees: its decree, perhaps signed already, would come into force
                // on its date beside this one. Its approval is withdrawn first, deliberately.
                if let waiting = try db.status().approved, waiting.number < number {
                    throw RegisterError.invalidInput(
                        "Versi \(waiting.number) sudah disetujui (Keputusan Nomor \(waiting.decreeNumber ?? "-")"
                            + (waiting.decreeDate.map { " tanggal \(clock.indonesianDate($0))" } ?? "")
                            + ") dan belum diterbitkan: bila versi \(number) disetujui, keputusan versi \(waiting.number) tidak "
                            + "akan diterbitkan dan tidak dicabut oleh keputusan versi \(number). Tarik dahulu persetujuan versi "
                            + "\(waiting.number) (`dip approve --withdraw --name … --reason …`) "
                            + "bila keputusan itu batal, lalu setujui versi \(number); untuk memperbaiki persetujuan versi "
                            + "\(waiting.number): `dip approve --version \(waiting.number) …`. Keputusan tidak disetujui.")
                }
                let draft = try db.version(number: number)
                let date = try IndonesianDate.parse(decreeDate!)
                if let why = IndonesianDate.implausibleDecreeDate(date, draftMade: draft.createdAt, now: clock.now) {
                    throw RegisterError.invalidInput(why)
                }
                // The decrees print these as typed: a fill-in mark copied from a draft or from the
                // number pattern, or a number registered under another year than the decree's date
                // (a January decree numbered with last year's), would be signed as such.
                var typed = ApprovalText.fillInProblems([
                    ("--decree-number", decreeNumber), ("--dik-decree-number", dikDecreeNumber), ("--name", name),
                    ("--rank", rank), ("--title", title), ("--atasan-name", atasanName),
                ], example: ApprovalText.exampleNumber(pattern: settings.numberPattern,
                                                       year: Clock.wibCalendar.component(.year, from: date)))
                for (option, value) in [("--decree-number", decreeNumber), ("--dik-decree-number", dikDecreeNumber)] {
                    if let value, ApprovalText.fillInMark(value) == nil,
                       let why = ApprovalText.yearProblem(number: value, option: option, pattern: settings.numberPattern,
                                                          date: date, clock: clock) {
                        typed.append(why)
                    }
                }
                // Each decree has its own number: one already carried by a published decree (or by the
                // decree made before dip) would be revoked by the very decree numbered with it.
                let taken = try db.publishedDecreeNumbers().map {
                    (number: $0.number, what: "Keputusan \($0.dik ? "Klasifikasi DIK" : "Penetapan DIP") versi \($0.version)"
                        + ($0.date.map { " tanggal \(clock.indonesianDate($0))" } ?? ""))
                } + [settings.keputusanSebelumnya.map { (number: $0.number, what: "keputusan DIP sebelum dip (keputusanSebelumnya)") },
                     settings.keputusanDIKSebelumnya.map { (number: $0.number, what: "keputusan DIK sebelum dip (keputusanDIKSebelumnya)") }]
                    .compactMap { $0 }
                func key(_ s: String) -> String { s.filter { !$0.isWhitespace }.lowercased() }
                for (option, value) in [("--decree-number", decreeNumber), ("--dik-decree-number", dikDecreeNumber)] {
                    if let value, let used = taken.first(where: { key($0.number) == key(value) }) {
                        typed.append("\(option) \"\(value)\" sudah dipakai \(used.what): setiap keputusan bernomor sendiri, "
                            + "dan keputusan ini mencabut keputusan yang berlaku")
                    }
                }
                guard typed.isEmpty else {
                    throw RegisterError.invalidInput(
                        "Yang akan dicetak pada keputusan belum dapat ditandatangani: " + typed.joined(separator: "; ")
                            + ". Keputusan tidak disetujui.")
                }
                // The decrees rest on the consequence tests' records: a decree dated before a test
                // it rests on would cite a berita acara that did not exist yet.
                let later = (draft.exempted + draft.items).compactMap { v -> (String, Date)? in
                    guard let on = v.consequenceTest?.testedOn, IndonesianDate.isLaterDay(on, than: date) else { return nil }
                    return (v.id, on)
                }
                if let (id, on) = later.max(by: { $0.1 < $1.1 }) {
                    throw RegisterError.invalidInput(
                        "Tanggal keputusan \(clock.indonesianDate(date)) lebih awal daripada uji konsekuensi \(id) "
                            + "(\(clock.indonesianDate(on))) yang menjadi dasarnya; tetapkan keputusan pada atau setelah tanggal uji.")
                }
                // The title under the signature is the issuer's (a Plt./Plh. may prefix it), printed
                // in the drafting form "Plt. <ISSUER>" whatever case or dot the officer typed.
                var printedTitle: String?
                if let title {
                    let bare = title.replacingOccurrences(of: #"^(Plt|Plh)\.?\s+"#, with: "", options: [.regularExpression, .caseInsensitive])
                    if bare.uppercased() != settings.issuer.uppercased() {
                        throw RegisterError.invalidInput(
                            "Jabatan --title harus sama dengan pejabat yang menetapkan keputusan (\(settings.issuer)), "
                                + "boleh diawali Plt./Plh.; tanpa --title jabatan itu yang dicetak.")
                    }
                    let prefix = title.range(of: #"^(Plt|Plh)\.?\s+"#, options: [.regularExpression, .caseInsensitive])
                        .map { title[$0].lowercased().hasPrefix("plt") ? "Plt. " : "Plh. " } ?? ""
                    printedTitle = prefix + settings.issuer
                }
                let signatory = Official(name: name!, nip: nip, title: printedTitle, rank: rank)
                var atasan = settings.atasanPPID
                if let atasanName { atasan.name = atasanName }
                if let atasanNIP { atasan.nip = atasanNIP }
                // The Atasan PPID's "Menyetujui" block is printed on the DIK decree and on every page
                // of the berita acara: a version that exempts nothing but rests on consequence tests
                // (an exemption lifted, a test concluding terbuka) publishes a berita acara too, and
                // without a name that block would stand signed by nobody.
                // Only the records this version issues: those issued with an earlier version were
                // approved then (PublishStage prints only the new ones).
                let issued = try db.itemsWithTestsIssuedBefore(version: number)
                let testedCount = Set((draft.exempted + draft.items).filter { $0.consequenceTest != nil && !issued.contains($0.id) }
                    .map(\.id)).count
                let needsAtasan = !draft.exempted.isEmpty || testedCount > 0
                if needsAtasan, atasan.name.trimmingCharacters(in: .whitespaces).isEmpty || atasan.nip == nil {
                    // Only the documents this version prints with the block: no DIK decree without
                    // exemptions, no berita acara when every test was issued with an earlier version.
                    let blocks = [(!draft.exempted.isEmpty, "Keputusan DIK"), (testedCount > 0, "berita acara")]
                        .filter(\.0).map(\.1).joined(separator: " dan ")
                    throw RegisterError.invalidInput(
                        (draft.exempted.isEmpty
                            ? "Versi \(number) memuat \(testedCount) uji konsekuensi yang dicetak dalam berita acara uji "
                                + "konsekuensi dengan blok \"Menyetujui\" Atasan PPID"
                            : "Versi \(number) memuat informasi yang dikecualikan")
                            + ": nama dan NIP Atasan PPID (blok \"Menyetujui\" pada \(blocks)) wajib ada, "
                            + "lewat --atasan-name/--atasan-nip atau `atasanPPID` di rules/keputusan.json.")
                }
                let citations = LegalCitations(ruleSet: try options.ruleSet())
                var cited: [String] = []
                var unprintable: [String] = []  // tests the DIK decree cannot print as they are
                for v in draft.exempted {
                    let text = citations.citation(test: v.consequenceTest, grounds: v.classification?.exemptionGrounds ?? [],
                                                  unitText: v.item.dasarHukumText)
                    for problem in StatuteBook.problems(in: text) where problem.substantive && !cited.contains(problem.message) {
                        cited.append(problem.message)
                    }
                    if let test = v.consequenceTest, !LegalCitations.missingExemptionParts(test).isEmpty {
                        unprintable.append("\(v.id): dikecualikan tanpa "
                            + LegalCitations.missingExemptionParts(test).joined(separator: " dan ") + " yang tercatat")
                    }
                    if let test = v.consequenceTest,
                       let why = LegalCitations.permanenceProblem(codes: citations.codes(test.grounds, text: test.legalBasis),
                                                                  period: test.period, conclusion: test.conclusion) {
                        unprintable.append("\(v.id): \(why)")
                    }
                    if text.contains(LegalCitations.unnamedLawNote) {
                        let message = "\(v.id) dikecualikan berdasarkan Pasal 17 huruf j tanpa undang-undang yang merahasiakannya"
                        if !cited.contains(message) { cited.append(message) }
                    }
                }
                guard unprintable.isEmpty else {
                    throw RegisterError.invalidInput(
                        "Uji konsekuensi pada versi \(number) tidak dapat dicetak dalam Keputusan Klasifikasi DIK: "
                            + unprintable.joined(separator: "; ")
                            + ". Catat ulang uji konsekuensinya (`dip test`, atau lembar kerja pemeriksaan); keputusan tidak disetujui.")
                }
                guard cited.isEmpty else {
                    throw RegisterError.invalidInput(
                        "Dasar hukum informasi yang dikecualikan pada versi \(number) mengutip peraturan yang tidak dapat "
                            + "menjadi dasar keputusan: " + cited.joined(separator: "; ")
                            + ". Perbaiki `dasar_hukum` di rules/pengecualian.yaml atau uji konsekuensinya (`dip test`); keputusan tidak disetujui.")
                }
                let terms = try db.exemptionTerms(version: number)
                // Approved with --force-ended-exemptions over ended exemptions: the register records which
                // (`approval_events.ended_exemptions_reissued`, `dip approvals`, the archive's approval record).
                var reissued: [ItemRevisionRef] = []
                if forceEndedExemptions {
                    for n in Self.endedExemptions(terms, decreeDate: date) {
                        reissued.append(ItemRevisionRef(item: n.term.itemID, revision: n.term.revision))
                    }
                }
                // Items published whole although they name personal data: warned below, not refused
                // (the PPID may lawfully open an aggregate, or with consent); an approval over the
                // warning is recorded with the event and said in its confirmation (session 25).
                var opened: [ItemRevisionRef] = []
                let listedItems = PublishedList(version: draft).items
                for (v, _) in Self.openedPersonalData(listedItems, citations: citations) {
                    opened.append(ItemRevisionRef(item: v.id, revision: v.revision))
                }
                // So are the open items whose summary or title holds a name or a value
                // (`listedPersonalDataNote`): the website prints a value of an open item only for an
                // item so recorded, and masks it otherwise (session 26).
                for (v, _) in Self.listedPersonalData(listedItems) {
                    let ref = ItemRevisionRef(item: v.id, revision: v.revision)
                    if !opened.contains(ref) { opened.append(ref) }
                }
                let request = ApprovalRequest(
                    decreeNumber: decreeNumber!, dikDecreeNumber: dikDecreeNumber, decreeDate: date,
                    signatory: signatory, atasan: needsAtasan ? atasan : nil, force: forceUnreviewed,
                    endedExemptionsReissued: reissued, openedPersonalData: opened, note: reason ?? "")
                var printed = Self.preview(request, version: draft, settings: settings, clock: clock)
                // Advice, not a refusal: the periods of huruf a–f exemptions rest on PP 61/2010.
                if let note = LegalCitations.periodRegulationNote(draft.exempted.map { v in
                    (v.id, v.consequenceTest.map { citations.codes($0.grounds, text: $0.legalBasis) }
                        ?? v.classification?.exemptionGrounds ?? [])
                }) {
                    printed += "\nPerhatian: \(note)."
                }
                // A DIP lists the information the body holds (UU 14/2008 Pasal 11 ayat (1) huruf a):
                // an item whose stated time of making is after the decree date did not exist when
                // the decree lists it. Said, not refused: the unit's text may simply be wrong.
                // An item exempted in part is in both lists (its open part is published): named once.
                var named = Set<String>()
                let future = (PublishedList(version: draft).items + draft.exempted).filter { v in
                    guard let made = IndonesianDate.earliestDay(of: v.item.waktuNormalised ?? v.item.waktuPembuatan) else { return false }
                    return IndonesianDate.isLaterDay(made, than: date) && named.insert(v.id).inserted
                }
                if !future.isEmpty {
                    printed += "\nPerhatian: waktu pembuatan \(future.count) informasi sesudah tanggal keputusan "
                        + "\(clock.indonesianDate(date)): "
                        // As the Lampiran prints it: "14 Februari 2026", not the cell's "2026-02-14".
                        + future.map { "\($0.id) (\(DecreeWriter.madeOn($0.item.waktuPembuatan, clock: clock)))" }.joined(separator: "; ")
                        + ". DIP memuat informasi yang sudah berada di bawah penguasaan Badan Publik (Pasal 11 ayat (1) huruf a "
                        + "UU 14/2008): minta unitnya memperbaiki waktu pembuatan, atau tetapkan keputusan setelah informasinya ada."
                }
                // The DIP Lampiran prints column (7) as the unit wrote it: a text that is no period
                // (a bare year "2026", a text dip cannot read) would be signed as the item's
                // retention. Said, not refused, like the time of making above.
                var unreadable = Set<String>()
                let noPeriod = PublishedList(version: draft).items.filter { v in
                    // A revision stored before `.retentionSchedule` existed holds "Sesuai JRA" as unknown.
                    v.item.retention == .unknown && !RetentionPeriod.refersToRetentionSchedule(v.item.retensi)
                        && unreadable.insert(v.id).inserted
                }
                if !noPeriod.isEmpty {
                    printed += "\nPerhatian: jangka waktu penyimpanan \(noPeriod.count) informasi tidak terbaca sebagai jangka waktu: "
                        + noPeriod.map { "\($0.id) (\($0.item.retensi.isEmpty ? "kosong" : $0.item.retensi))" }.joined(separator: "; ")
                        + ". Lampiran Keputusan Penetapan DIP mencetak kolom Jangka Waktu Penyimpanan atau Retensi Arsip "
                        + "sebagaimana ditulis unit: minta unitnya menuliskan jangka waktunya (misalnya \"5 (lima) tahun\", "
                        + "\"Selama berlaku\" atau \"Permanen\") sebelum keputusan ditandatangani."
                }
                // The same information twice in one unit's part of the Lampiran (a row the unit
                // repeated, reported at intake as duplicate-item) would be decreed twice.
                let listed = PublishedList(version: draft).items
                var firstOf: [String: String] = [:], repeated: [(first: String, again: String, text: String)] = []
                var listedOnce = Set<String>()
                for v in listed where listedOnce.insert(v.id).inserted {
                    let key = v.unit.code + "\u{0}" + v.item.ringkasan.lowercased()
                        .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
                    if let first = firstOf[key] { repeated.append((first, v.id, v.item.ringkasan)) } else { firstOf[key] = v.id }
                }
                if !repeated.isEmpty {
                    printed += "\nPerhatian: ringkasan yang sama tercantum lebih dari sekali dalam Lampiran Keputusan Penetapan DIP: "
                        + repeated.map { "\($0.again) sama dengan \($0.first) (\($0.text))" }.joined(separator: "; ")
                        + ". Bila informasinya sama, kembalikan salah satunya (`dip return`) agar tidak ditetapkan dua kali."
                }
                if let note = Self.emptyColumnsNote(listed) { printed += "\n" + note }
                if let note = Self.openedPersonalDataNote(listed, citations: citations) { printed += "\n" + note }
                if let note = Self.withheldPersonalDataNote(draft.exempted) { printed += "\n" + note }
                if let note = Self.reasonsPersonalDataNote(draft.exempted + draft.items) { printed += "\n" + note }
                if let note = Self.unnumberedPointsNote(draft.exempted, citations: citations) { printed += "\n" + note }
                if let note = Self.consentConditionNote(draft.exempted, citations: citations) { printed += "\n" + note }
                if let note = Self.listedPersonalDataNote(listed) { printed += "\n" + note }
                // Exemptions the DIK decree lifts on a test that left a ground of the decree in force
                // unweighed (session 28): said, with the grounds tested and not.
                if let ids = draft.liftedExemptions, !ids.isEmpty,
                   let before = try db.publishedVersionNumbers().last(where: { $0 < number }) {
                    let was = Dictionary(try db.versionItems(number: before, ids: ids).map { ($0.id, $0) },
                                         uniquingKeysWith: { first, _ in first })
                    let pairs = draft.items.filter { ids.contains($0.id) }.compactMap { v in was[v.id].map { (now: v, before: $0) } }
                    if let note = Self.liftedUnweighedGroundsNote(pairs, decree: draft.previousDIKDecreeNumber, citations: citations) {
                        printed += "\n" + note
                    }
                }
                // Exemptions the DIK decree would set again though their period has run out by its
                // date, on the test that set them, those ending soon and those dip cannot date: named
                // (docs/publish.md "Exemption periods"). UU 14/2008 Pasal 19 wants a consequence test
                // before information is declared exempt, so such a decree extends an exemption without
                // a test; the ended ones are refused below unless the PPID gives --force.
                if let note = Self.exemptionPeriodsNote(terms, decreeDate: date,
                                                        noticeDays: settings.exemptionNoticeDays, clock: clock) {
                    printed += "\n" + note
                }
                // Refused without --force since session 23 (docs/publish.md "Session 23"): such a
                // decree contradicts itself — its Lampiran states the period ended before the
                // decree's date, its diktum KETIGA says the information may be opened once the period
                // ends, and its diktum KESATU sets it exempt again with no test for the time after
                // (Pasal 19 wants the test first). --force is the PPID's recorded decision to sign it.
                let endedRefusal = forceEndedExemptions ? nil : Self.endedExemptionsRefusal(terms, version: number, decreeDate: date)
                // A test whose own period ran out before the decree's date ("sampai 31 Desember 2025"
                // for a decree of 5 January 2026): the decree would set an exemption already over.
                // No override: the test is recorded again with its real period.
                let overRefusal = Self.periodOverBeforeDecreeRefusal(terms, version: number, decreeDate: date, clock: clock)
                if let note = Self.unnumberedRecordsNote(draft, issued: issued, clock: clock) { printed += "\n" + note }
                if let note = Self.unnumberedIssuedRecordsNote(draft, issued: issued, clock: clock) { printed += "\n" + note }
                // Tests recorded without their day (review workbook before session 26): a record this
                // version issues would open "Pada hari ini, …" with the day dip read the workbook, a
                // day nobody stated as the Tim's meeting, signed by the Tim and the Atasan PPID and
                // cited by the DIK decree. Refused, no override: dating it is one command, and the
                // record cannot be corrected once signed. Records issued before bear that day already
                // (said, docs/publish.md "Session 27").
                let undated = try db.undatedTests(version: number)
                let undatedRefusal = Self.undatedTestsRefusal(undated.filter { !issued.contains($0.item) }, draft: draft, clock: clock)
                if let note = Self.undatedIssuedNote(undated.filter { issued.contains($0.item) }, draft: draft, clock: clock) {
                    printed += "\n" + note
                }
                if let note = Self.dayOffNote(draft, issued: issued, settings: settings, clock: clock) { printed += "\n" + note }
                // Items the rules in force would classify differently, not decided yet: refused since
                // session 26 (said only, in session 25). The decrees would print last year's
                // classification of an item the PPID's own rules now classify otherwise (an item
                // they withhold published as open, once and for good), and nobody decided that; the
                // way out is a decision, cheap and recorded: keep or apply, per item.
                let ruleRefusal = Self.ruleChangesRefusal(try db.pendingRuleChanges(), draft: draft)
                if preview {
                    if let endedRefusal { printed += "\nTanpa --force-ended-exemptions persetujuan ini ditolak: " + endedRefusal }
                    if let overRefusal { printed += "\nPersetujuan ini ditolak: " + overRefusal }
                    if let ruleRefusal { printed += "\nPersetujuan ini ditolak: " + ruleRefusal }
                    if let undatedRefusal { printed += "\nPersetujuan ini ditolak: " + undatedRefusal }
                    print(printed)
                    let readiness = try db.approvalReadiness(version: number)
                    if !readiness.isReady {
                        print("Perhatian: \(readiness.unreviewed.count) informasi belum diperiksa, "
                            + "\(readiness.pendingTests.count) uji konsekuensi belum dicatat.")
                    }
                    print("Pratinjau saja: belum ada yang disimpan.")
                    return
                }
                if let refusal = overRefusal ?? endedRefusal ?? ruleRefusal ?? undatedRefusal {
                    if isatty(STDIN_FILENO) != 1 || yes { print(printed) }
                    throw RegisterError.invalidInput(refusal + " Keputusan tidak disetujui.")
                }
                // At a terminal the PPID confirms what will be printed before it is stored.
                if isatty(STDIN_FILENO) == 1 && !yes {
                    print(printed)
                    print("Simpan persetujuan ini? Ketik y lalu Enter untuk menyimpan: ", terminator: "")
                    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                    guard answer == "y" || answer == "ya" else {
                        print("Tidak disimpan.")
                        return
                    }
                }
                let readiness = try db.approvalReadiness(version: number)
                let approved = try db.approve(version: number, request, at: clock.now, source: .cli)
                switch format {
                case .json: print(try RegisterOutput.json(approved))
                case .text:
                    if isatty(STDIN_FILENO) != 1 || yes { print(printed) }
                    // The counts the decrees will state: the DIP's Lampiran holds the open parts of
                    // items exempted in part too (diktum KEDUA), the DIK each exempted item.
                    let inDIP = PublishedList(version: approved).items.count
                    let partial = approved.exempted.filter { $0.consequenceTest?.conclusion == .exemptPart }.count
                    print("Versi \(approved.number) disetujui: "
                        + RegisterOutput.decreeCounts(inDIP: inDIP, partial: partial, exempted: approved.exempted.count)
                        + Self.overridesText(request.force ? readiness : nil, reissued: request.endedExemptionsReissued,
                                             opened: request.openedPersonalData)
                        + (IndonesianDate.isLaterDay(approved.decreeDate ?? clock.now, than: clock.now)
                            ? ". Keputusan mulai berlaku pada tanggal ditetapkan: versi ini diterbitkan oleh `dip run` pertama "
                                + "pada atau setelah \(clock.indonesianDate(approved.decreeDate ?? clock.now))"
                            : ". Versi ini diterbitkan pada `dip run` berikutnya")
                        + "; sampai saat itu persetujuan "
                        + "dapat diganti (jalankan `dip approve` lagi) atau ditarik (`dip approve --withdraw --name … --reason …`).")
                }
            }
        }

        /// The consequence tests of the version whose berita acara has no registered number yet
        /// (records issued with an earlier version, `issued`, were printed then and stay as they are):
        /// the record prints the pattern or a dotted line and the DIK decree cannot cite it by
        /// number. Said, not refused (the secretariat may number the printed record by hand).
        static func unnumberedRecordsNote(_ version: DIPVersion, issued: Set<String>, clock: Clock) -> String? {
            var seen = issued
            let unnumbered = (version.exempted + version.items).filter { v in
                guard let t = v.consequenceTest, ConsequenceTestForm.citation(t, clock: clock) == nil else { return false }
                return seen.insert(v.id).inserted
            }
            guard !unnumbered.isEmpty else { return nil }
            return "Perhatian: berita acara uji konsekuensi \(unnumbered.count) informasi belum bernomor: "
                + unnumbered.map { v in
                    "\(v.id) revisi \(v.revision)" + (v.consequenceTest?.testedOn.map { " (uji \(clock.indonesianDate($0)))" } ?? "")
                }.joined(separator: "; ")
                + ". Naskahnya mencetak baris NOMOR kosong (atau pola nomor)"
                + (version.exempted.isEmpty ? "" : " dan Keputusan Klasifikasi DIK tidak dapat mengutip nomornya")
                + ". Setelah berita acara ditandatangani dan diberi nomor, catat nomornya: "
                + "`dip test <kode> --revision <revisi> --berita-acara-number \"…\"`, lalu `dip run` dan setujui draf barunya. "
                + "Nomor yang baru diberikan sesudah versi ini terbit dicatat dengan perintah yang sama ditambah --name: "
                + "berita acaranya tidak dicetak ulang, dan Keputusan Klasifikasi DIK berikutnya mengutip nomornya."
        }

        /// The records issued with an earlier version still without a number: the secretariat
        /// wrote it on the printed NOMOR line by hand. Said, with the way to add it (a completion:
        /// the record is not printed again, the DIK decree cites it with its number from then on).
        static func unnumberedIssuedRecordsNote(_ version: DIPVersion, issued: Set<String>, clock: Clock) -> String? {
            var seen = Set<String>()
            let unnumbered = version.exempted.filter { v in
                guard issued.contains(v.id), let t = v.consequenceTest, ConsequenceTestForm.citation(t, clock: clock) == nil
                else { return false }
                return seen.insert(v.id).inserted
            }
            guard let first = unnumbered.first else { return nil }
            return "Perhatian: Keputusan Klasifikasi DIK mengutip \(unnumbered.count) berita acara uji konsekuensi yang sudah "
                + "terbit tanpa nomor: " + unnumbered.map { v in
                    "\(v.id) revisi \(v.revision)" + (v.consequenceTest?.testedOn.map { " (uji \(clock.indonesianDate($0)))" } ?? "")
                }.joined(separator: "; ")
                + ". Bila sekretariat sudah menuliskan nomornya pada naskah yang ditandatangani, catat nomor itu (berita acaranya "
                + "tidak dicetak ulang): `dip test \(first.id) --revision \(first.revision) --berita-acara-number \"…\" --name \"…\"`, "
                + "atau " + workbookSheetWay + ", lalu `dip run` dan setujui draf barunya."
        }

        /// Refusal of a version whose new records (not issued before) rest on tests recorded
        /// without their day; nil when none.
        static func undatedTestsRefusal(_ undated: [ItemRevisionRef], draft: DIPVersion, clock: Clock) -> String? {
            guard let first = undated.first else { return nil }
            let recorded = Dictionary((draft.items + draft.exempted).map { ($0.id, $0.consequenceTest?.testedOn) }) { a, _ in a }
            return "Berita acara uji konsekuensi \(undated.count) informasi yang diterbitkan bersama versi \(draft.number) belum "
                + "bertanggal uji: " + undated.map { u in
                    "\(u.item) revisi \(u.revision)" + ((recorded[u.item] ?? nil).map { " (dicatat \(clock.indonesianDate($0)))" } ?? "")
                }.joined(separator: "; ")
                + ". Tanpa tanggal uji, berita acara dibuka \"Pada hari ini, …\" dengan hari pencatatannya, bukan hari rapat Tim, "
                + "dan Keputusan Klasifikasi DIK mengutip tanggal itu. Catat tanggal rapat Tim untuk setiap uji: `dip test "
                + "\(first.item) --revision \(first.revision) --tested-on \"…\" --name \"…\"`, atau " + workbookSheetWay
                + ", lalu `dip run` dan setujui draf barunya."
        }

        /// The same completion without a terminal: the review workbook lists each such record on its
        /// sheet Lengkapi Berita Acara (session 28), which the approval's notes did not say.
        static let workbookSheetWay = "isi sheet Lengkapi Berita Acara pada lembar kerja pemeriksaan "
            + "(reports/review/pemeriksaan-dip.xlsx) dan letakkan berkasnya di inbox/_ppid/"

        /// The records issued before without a day of their own: the signed record bears the day
        /// it was recorded, and the DIK decree cites that day. Said, not refused.
        static func undatedIssuedNote(_ undated: [ItemRevisionRef], draft: DIPVersion, clock: Clock) -> String? {
            guard !undated.isEmpty else { return nil }
            let recorded = Dictionary((draft.items + draft.exempted).map { ($0.id, $0.consequenceTest?.testedOn) }) { a, _ in a }
            return "Perhatian: \(undated.count) berita acara uji konsekuensi yang sudah terbit dicatat tanpa tanggal uji dan "
                + "bertanggal hari pencatatannya: " + undated.map { u in
                    "\(u.item) revisi \(u.revision)" + ((recorded[u.item] ?? nil).map { " (\(clock.indonesianDate($0)))" } ?? "")
                }.joined(separator: "; ")
                + ". Keputusan Klasifikasi DIK mengutip tanggal yang tercetak itu. Bila rapat Tim tidak pada hari itu, uji "
                + "dicatat ulang sebagai uji baru dengan `dip test … --conclusion … --tested-on`."
        }

        /// The items whose row in the DIP Lampiran would print an empty column: intake takes a row
        /// with an empty field (the unit is warned, PERINGATAN), and the decree was signable with a
        /// row that names no information (an empty Ringkasan Isi Informasi) or no one responsible. Said,
        /// not refused, like the retention above (column (7), named there); nil when none.
        static func emptyColumnsNote(_ listed: [VersionItem]) -> String? {
            var named = Set<String>()
            let empty: [(id: String, columns: [String])] = listed.compactMap { v in
                guard named.insert(v.id).inserted else { return nil }
                let columns = v.item.emptyDecreeColumns
                return columns.isEmpty ? nil : (v.id, columns)
            }
            guard !empty.isEmpty else { return nil }
            return "Perhatian: kolom kosong pada \(empty.count) informasi dalam Lampiran Keputusan Penetapan DIP: "
                + empty.map { "\($0.id) (\($0.columns.joined(separator: ", ")))" }.joined(separator: "; ")
                + ". Setiap informasi dalam DIP memuat unsur-unsur itu (Peraturan Komisi Informasi Nomor 1 Tahun 2021): "
                + "minta unitnya melengkapi dan mengirim ulang daftarnya, atau kembalikan informasinya (`dip return`), "
                + "sebelum keputusan ditandatangani."
        }

        /// The items the DIP would publish whole on a consequence test concluding *terbuka* although
        /// a rule (or the test) names a personal-data ground for them ("Daftar penerima bansos beserta
        /// NIK dan nomor rekening"): said, not refused — the opening may be lawful (consent, a public
        /// office: Pasal 18 ayat (2)) — naming each item, the rule and the ground; nil when none.
        /// Since session 25 also when the item's title or summary, or the test's specific information,
        /// names personal data in words ("beserta NIK dan nomor rekening") on whatever ground the test
        /// was recorded (`LegalCitations.openedPersonalData(_:test:item:)`).
        static func openedPersonalDataNote(_ listed: [VersionItem], citations: LegalCitations) -> String? {
            let opened = openedPersonalData(listed, citations: citations)
            guard !opened.isEmpty else { return nil }
            return "Perhatian: uji konsekuensi menyimpulkan terbuka untuk \(opened.count) informasi yang memuat data pribadi: "
                + opened.map { v, o in "\(v.id) revisi \(v.revision) (\(v.item.ringkasan); \(citations.describe(o)))" }.joined(separator: "; ")
                + ". " + LegalCitations.openedPersonalDataAdvice
        }

        /// The grounds (codes) the DIK decree cited for an exempted item: its test's, else its
        /// classification's and the unit's own text (`LegalCitations.citation(test:grounds:unitText:)`).
        static func citedGrounds(_ v: VersionItem, citations: LegalCitations) -> [String] {
            if let t = v.consequenceTest {
                let codes = citations.codes(t.grounds, text: t.legalBasis)
                if !codes.isEmpty { return codes }
            }
            return citations.codes(v.classification?.exemptionGrounds ?? [], text: v.item.dasarHukumText)
        }

        /// The exemptions this version lifts (`DIPVersion.liftedExemptions`: its DIK decree's diktum
        /// declares them "tidak lagi dikecualikan" on a test concluding *terbuka*) whose new test did
        /// not weigh every ground the decree in force exempted them on (session 28): e.g. a list of
        /// recipients exempted under Pasal 17 huruf h angka 3 *and* huruf j jo. UU 23/2006, opened on a
        /// test that weighed huruf h angka 3 only. UU 14/2008 Pasal 19 asks for the test of the
        /// exemption before the information is declared one way or the other; a ground left unweighed
        /// (a law closing the information under huruf j, which no consent lifts: Pasal 18 ayat (2)
        /// names huruf g and h only) is opened by a decree that says nothing of it. Said, not
        /// refused: the PPID may have judged that ground inapplicable. A letter weighs its points and
        /// a point its letter. `lifted`: each item as this version lists it and as the decree in
        /// force exempted it; `decree`: that decree's number. nil when every ground was weighed.
        static func liftedUnweighedGroundsNote(_ lifted: [(now: VersionItem, before: VersionItem)], decree: String?,
                                               citations: LegalCitations) -> String? {
            let found: [String] = lifted.compactMap { now, before in
                let weighed = now.consequenceTest.map { citations.codes($0.grounds, text: $0.legalBasis) } ?? []
                let missing = citedGrounds(before, citations: citations).filter { code in
                    !weighed.contains { $0.hasPrefix(code) || code.hasPrefix($0) }
                }
                guard !missing.isEmpty else { return nil }
                let tested = weighed.isEmpty ? "tidak ada dasar yang tercatat" : citations.citation(codes: weighed)
                return "\(now.id) revisi \(now.revision) (diuji: \(tested); tidak diuji: \(citations.citation(codes: missing)))"
            }
            guard !found.isEmpty else { return nil }
            return "Perhatian: uji konsekuensi yang membuka \(found.count) pengecualian tidak menimbang setiap dasar hukum "
                + "pengecualiannya dalam Keputusan Klasifikasi DIK" + (decree.map { " Nomor \($0)" } ?? "") + ": "
                + found.joined(separator: "; ")
                + ". Keputusan Klasifikasi DIK ini menyatakannya tidak lagi dikecualikan berdasarkan uji itu (Pasal 19 UU 14/2008), "
                + "sedangkan dasar yang tidak diuji tidak dipertimbangkan di dalamnya; persetujuan tertulis pemilik data hanya "
                + "mengesampingkan Pasal 17 huruf g dan huruf h (Pasal 18 ayat (2) UU 14/2008), tidak huruf j. Catat ulang uji "
                + "konsekuensinya dengan menimbang setiap dasar (`dip test <kode> --revision <revisi> --ground …`), lalu `dip run` "
                + "dan setujui draf barunya; abaikan peringatan ini bila dasar itu memang tidak berlaku bagi informasinya."
        }

        /// The exempted items whose DIK Lampiran column (9) makes the owner's consent the condition
        /// for opening ("Persetujuan tertulis orang yang bersangkutan") while the exemption rests on
        /// Pasal 17 huruf j (session 28, the walk's DIK decree: a child's identity under Pasal 19 UU
        /// 11/2012, resident data under UU 23/2006, both "dibuka dengan persetujuan"). Consent lifts
        /// huruf g and h only (UU 14/2008 Pasal 18 ayat (2) huruf a); information another law keeps
        /// secret opens as that law provides, which dip cannot read. Said, not refused: the law may
        /// allow it, and the item may also rest on huruf h. nil when none.
        /// The owner's consent in a condition for opening: "persetujuan (tertulis) (dari) orang yang
        /// bersangkutan / pemilik data / pasien / …", "izin (dari) yang bersangkutan"; not a permission
        /// of an office ("izin Menteri Dalam Negeri", "persetujuan Atasan PPID").
        static let ownerConsent = #"\b(persetujuan|izin|seizin)(\s+tertulis)?(\s+(dari|dr\.?))?\s+(orang|pemilik|pihak|pasien|penduduk|subjek|subyek|keluarga|wali|orang\s*tua|ybs|yang\s+bersangkutan|bersangkutan)"#

        static func consentConditionNote(_ exempted: [VersionItem], citations: LegalCitations) -> String? {
            var named = Set<String>()
            let found: [String] = exempted.compactMap { v in
                guard let t = v.consequenceTest, named.insert(v.id).inserted,
                      t.conditionsForOpening.range(of: ownerConsent, options: [.regularExpression, .caseInsensitive]) != nil
                else { return nil }
                let j = citedGrounds(v, citations: citations).filter { $0.hasPrefix("17j") }
                guard !j.isEmpty else { return nil }
                let condition = t.conditionsForOpening.trimmingCharacters(in: .whitespacesAndNewlines)
                return "\(v.id) revisi \(v.revision) (\"\(condition)\"; \(citations.citation(codes: j)))"
            }
            guard !found.isEmpty else { return nil }
            return "Perhatian: Lampiran Keputusan Klasifikasi DIK menyebut persetujuan sebagai syarat dibukanya \(found.count) "
                + "informasi yang dikecualikan berdasarkan Pasal 17 huruf j: " + found.joined(separator: "; ")
                + ". Persetujuan tertulis pihak yang rahasianya diungkap hanya mengesampingkan Pasal 17 huruf g dan huruf h "
                + "(Pasal 18 ayat (2) huruf a UU 14/2008); informasi yang dirahasiakan undang-undang lain dibuka sebagaimana "
                + "undang-undang itu mengaturnya. Periksa undang-undangnya; bila persetujuan tidak membukanya, catat ulang uji "
                + "konsekuensinya dengan syarat yang sesuai (`dip test <kode> --revision <revisi> --conditions …`) sebelum "
                + "keputusan ditandatangani."
        }

        /// The exempted items (in whole or in part) whose summary, title or withheld part carries a
        /// value of personal data (`PersonalDataValues`: a NIK, a telephone number, …): the DIK
        /// decree's Lampiran, the DIP's open part and the website print them masked, so the decree
        /// does not publish what it withholds; the unit should name the information without the data.
        /// Said, not refused: nothing withheld is printed. nil when none.
        static func withheldPersonalDataNote(_ exempted: [VersionItem]) -> String? {
            var named = Set<String>()
            let found: [(VersionItem, [PersonalDataValues.Kind])] = exempted.compactMap { v in
                let texts = [v.item.ringkasan, v.item.judul ?? "", v.consequenceTest?.specificInformation ?? ""]
                let kinds = PersonalDataValues.kinds(in: texts.joined(separator: "\n"))
                guard !kinds.isEmpty, named.insert(v.id).inserted else { return nil }
                return (v, kinds)
            }
            guard !found.isEmpty else { return nil }
            let names: String = found.contains(where: { $0.1.contains(.name) })
                ? " (nama orang: \"\(PersonalDataValues.nameMask)\")" : ""
            return "Perhatian: \(found.count) informasi yang dikecualikan memuat data pribadi dalam ringkasan, judul atau "
                + "informasi spesifiknya: " + found.map { v, kinds in
                    "\(v.id) revisi \(v.revision) (\(kinds.map(\.label).joined(separator: ", ")))"
                }.joined(separator: "; ")
                + ". Lampiran Keputusan Klasifikasi DIK, Lampiran Keputusan Penetapan DIP dan situs web mencetaknya "
                + "\"\(PersonalDataValues.mask)\"" + names
                + ", agar keputusan tidak membuka data yang dikecualikannya. Ringkasan menyebut "
                + "jenis informasinya, bukan isinya: minta unitnya menulis ulang ringkasannya tanpa data itu dan mengirim ulang "
                + "daftarnya; informasi spesifik diperbaiki dengan mencatat ulang uji konsekuensinya."
        }

        /// The tests of the version whose reasons (consequence, public interest, conditions) hold a
        /// name or a value of personal data (`ConsequenceTest.personalDataInReasons`): the berita
        /// acara and the DIK decree's Lampiran print them masked, so the signed record reads
        /// "[nama disamarkan]" where the Tim wrote a name; said before it is signed, as `dip test` and
        /// the review row said it (session 26). Each item once; nil when none.
        static func reasonsPersonalDataNote(_ tested: [VersionItem]) -> String? {
            var named = Set<String>()
            let found: [String] = tested.compactMap { v in
                guard let t = v.consequenceTest, named.insert(v.id).inserted,
                      let fields = t.personalDataInReasonsLabel else { return nil }
                return "\(v.id) revisi \(v.revision) (\(fields))"
            }
            guard !found.isEmpty else { return nil }
            return "Perhatian: teks uji konsekuensi \(found.count) informasi memuat data pribadi: " + found.joined(separator: "; ")
                + ". Berita acara dan Lampiran Keputusan Klasifikasi DIK mencetaknya \"\(PersonalDataValues.nameMask)\" atau \""
                + PersonalDataValues.mask + "\". Alasan uji tidak perlu menyebut nama atau data seseorang: catat ulang ujinya "
                + "tanpa data itu (`dip test`), lalu `dip run`, sebelum keputusan ditandatangani."
        }

        /// The items the DIP publishes whole whose summary or title carries a value of personal data
        /// (`PersonalDataValues`): printed as the unit wrote them in the DIP Lampiran, the website,
        /// the feeds and the open data. Said, not refused or masked: the list is the unit's published
        /// text and the PPID approved it; but a NIK or a telephone number in a summary is almost
        /// always a slip. The open parts of items exempted in part are masked already. nil when none.
        static func listedPersonalDataNote(_ listed: [VersionItem]) -> String? {
            let found = listedPersonalData(listed)
            guard !found.isEmpty else { return nil }
            return "Perhatian: ringkasan \(found.count) informasi dalam DIP memuat data pribadi: " + found.map { v, kinds in
                "\(v.id) revisi \(v.revision) (\(kinds.map(\.label).joined(separator: ", ")))"
            }.joined(separator: "; ")
                + ". Lampiran Keputusan Penetapan DIP, situs web, umpan dan data terbuka mencetaknya sebagaimana ditulis unit. "
                + "Ringkasan menyebut jenis informasinya, bukan isinya: minta unitnya menulis ulang ringkasannya tanpa data itu, "
                + "atau kembalikan informasinya (`dip return`), sebelum keputusan ditandatangani."
        }

        /// The items of `listed` the DIP publishes whole whose summary or title carries a name or a value
        /// of personal data, each once, with the kinds found (the open parts of items exempted in part
        /// are masked and left out).
        static func listedPersonalData(_ listed: [VersionItem]) -> [(VersionItem, [PersonalDataValues.Kind])] {
            var named = Set<String>()
            return listed.compactMap { v in
                guard !PublishedList.isPartial(v) else { return nil }
                let kinds = PersonalDataValues.kinds(in: v.item.ringkasan + "\n" + (v.item.judul ?? ""))
                guard !kinds.isEmpty, named.insert(v.id).inserted else { return nil }
                return (v, kinds)
            }
        }

        /// The items of `listed` published whole on a test concluding *terbuka* although they name
        /// personal data (a ground, or in words), each once, in list order.
        static func openedPersonalData(_ listed: [VersionItem], citations: LegalCitations) -> [(VersionItem, OpenedPersonalData)] {
            var named = Set<String>()
            return listed.compactMap { v in
                guard let o = citations.openedPersonalData(v.classification, test: v.consequenceTest, item: v.item),
                      named.insert(v.id).inserted else { return nil }
                return (v, o)
            }
        }

        /// What the approval overrode, as its confirmation says it (each override in its own words,
        /// as recorded in the history); empty when it overrode nothing, whatever options were given.
        /// `opened`: items published whole although they name personal data, approved over the
        /// warning (no option: the warning does not refuse, but the approval says it went past it).
        static func overridesText(_ unready: ApprovalReadiness?, reissued: [ItemRevisionRef],
                                  opened: [ItemRevisionRef] = []) -> String {
            var parts: [String] = []
            if let unready, !unready.isReady {
                var what: [String] = []
                if !unready.unreviewed.isEmpty { what.append("\(unready.unreviewed.count) informasi belum diperiksa") }
                if !unready.pendingTests.isEmpty { what.append("\(unready.pendingTests.count) uji konsekuensi belum dicatat") }
                parts.append("dengan --force-unreviewed walaupun " + what.joined(separator: " dan "))
            }
            if !reissued.isEmpty {
                var ids: [String] = []
                for ref in reissued { ids.append("\(ref.item) revisi \(ref.revision)") }
                let count = reissued.count
                parts.append("dengan --force-ended-exemptions menetapkan kembali tanpa uji konsekuensi baru \(count) "
                    + "pengecualian yang jangka waktunya telah berakhir (" + ids.joined(separator: ", ") + ")")
            }
            if !opened.isEmpty {
                var ids: [String] = []
                for ref in opened { ids.append("\(ref.item) revisi \(ref.revision)") }
                parts.append("walaupun \(opened.count) informasi yang diumumkan utuh memuat data pribadi (peringatan di atas "
                    + "diabaikan: " + ids.joined(separator: ", ") + ")")
            }
            if parts.isEmpty { return "" }
            return " (disetujui " + parts.joined(separator: "; ") + "; tercatat di riwayat persetujuan)"
        }

        /// The exemptions of the version whose period has ended by `decreeDate` (`ExemptionPeriods`).
        static func endedExemptions(_ terms: [ExemptionTerm], decreeDate: Date) -> [ExemptionNotice] {
            ExemptionPeriods.notices(terms, today: decreeDate, noticeDays: 0).filter { n in
                if case .ended = n.standing { return true }
                return false
            }
        }

        /// Why `dip approve` refuses, without --force, a DIK decree re-issuing on their old test the
        /// exemptions whose period has ended by its date; nil when none has.
        static func endedExemptionsRefusal(_ terms: [ExemptionTerm], version: Int, decreeDate: Date) -> String? {
            let ended = endedExemptions(terms, decreeDate: decreeDate)
            guard !ended.isEmpty else { return nil }
            return "Keputusan Klasifikasi DIK versi \(version) akan menetapkan kembali \(ended.count) pengecualian yang jangka "
                + "waktunya telah berakhir sebelum tanggal keputusan, tanpa uji konsekuensi baru ("
                + ended.map { "\($0.term.itemID) revisi \($0.term.revision)" }.joined(separator: ", ")
                + "): Lampirannya menyatakan jangka waktu itu telah berakhir dan Diktum KETIGA menyatakan informasinya dapat "
                + "dibuka setelah jangka waktunya berakhir, sedangkan Diktum KESATU menetapkannya kembali sebagai informasi yang "
                + "dikecualikan tanpa uji konsekuensi untuk waktu sesudahnya (Pasal 19 UU 14/2008). Uji ulang dahulu "
                + "(`dip test <kode> --revision <revisi> …`, lalu `dip run`), atau setujui dengan --force-ended-exemptions bila PPID memutuskan "
                + "menetapkannya kembali tanpa uji baru (tercatat di riwayat)."
        }

        /// Why `dip approve` refuses a DIK decree that would set, for the first time, exemptions
        /// whose recorded period ran out before its date (`ExemptionPeriods.endedBeforeSetting`);
        /// nil when none would.
        static func periodOverBeforeDecreeRefusal(_ terms: [ExemptionTerm], version: Int, decreeDate: Date, clock: Clock) -> String? {
            let over = ExemptionPeriods.endedBeforeSetting(terms, decreeDate: decreeDate)
            guard !over.isEmpty else { return nil }
            return "Keputusan Klasifikasi DIK versi \(version) tanggal \(clock.indonesianDate(decreeDate)) akan menetapkan "
                + "\(over.count) pengecualian yang jangka waktunya menurut uji konsekuensinya sudah berakhir sebelum tanggal itu: "
                + over.map { "\($0.term.itemID) revisi \($0.term.revision) (\"\($0.term.periodText)\", "
                    + "\(ExemptionPeriods.endsText($0.end, clock: clock)))" }.joined(separator: "; ")
                + ". Keputusan tidak dapat menetapkan pengecualian yang sudah berakhir: catat ulang uji konsekuensinya dengan "
                + "jangka waktu yang benar, atau dengan kesimpulan Terbuka (`dip test <kode> --revision <revisi> …`, lalu `dip run`)."
        }

        /// The exemptions of the version whose period (counted from the decree that set them on
        /// their test) has ended by `decreeDate`, ends within `noticeDays` after it, or cannot be
        /// counted; nil when none.
        static func exemptionPeriodsNote(_ terms: [ExemptionTerm], decreeDate: Date, noticeDays: Int, clock: Clock) -> String? {
            let notices = ExemptionPeriods.notices(terms, today: decreeDate, noticeDays: noticeDays)
            guard !notices.isEmpty else { return nil }
            func set(_ t: ExemptionTerm) -> String {
                "\(t.periodText) sejak Keputusan" + (t.decreeNumber.map { " Nomor \($0)" } ?? "")
                    + (t.decidedOn.map { " tanggal \(clock.indonesianDate($0))" } ?? "")
            }
            var lines: [String] = []
            let ended = notices.compactMap { n -> String? in
                guard case .ended(let end) = n.standing else { return nil }
                return "\(n.term.itemID) revisi \(n.term.revision) (\(n.term.ringkasan); \(set(n.term)), "
                    + "\(ExemptionPeriods.endsText(end, clock: clock)))"
            }
            if !ended.isEmpty {
                // Pasal 20 ayat (1) is cited only when an ended exemption rests on huruf a–f: for
                // huruf g–j the law allows a permanent exemption, and the period is the PPID's own.
                let temporary = notices.contains { n in
                    if case .ended = n.standing { return n.term.hasTemporaryGround }
                    return false
                }
                lines.append("Perhatian: Keputusan Klasifikasi DIK ini mencantumkan kembali \(ended.count) pengecualian yang jangka "
                    + "waktunya telah berakhir sebelum tanggal keputusan, tanpa uji konsekuensi baru: " + ended.joined(separator: "; ")
                    + ". Pengecualian ditetapkan berdasarkan uji konsekuensi (Pasal 19 UU 14/2008) untuk jangka waktu yang "
                    + "ditetapkan PPID" + (temporary ? "; pengecualian berdasarkan Pasal 17 huruf a–f tidak bersifat permanen "
                    + "(Pasal 20 ayat (1))" : "") + ": uji ulang dahulu (`dip test <kode> --revision "
                    + "<revisi> …`, lalu `dip run` dan setujui draf barunya). Bila disimpulkan terbuka, keputusan berikutnya mencabut "
                    + "pengecualiannya dalam diktumnya; bila tetap dikecualikan, jangka waktunya berlaku lagi sejak keputusan itu.")
            }
            let ending = notices.compactMap { n -> String? in
                guard case .ending(let end) = n.standing else { return nil }
                return "\(n.term.itemID) (\(set(n.term)), \(ExemptionPeriods.endsText(end, clock: clock)))"
            }
            if !ending.isEmpty {
                lines.append("Perhatian: jangka waktu \(ending.count) pengecualian berakhir dalam \(noticeDays) hari setelah tanggal "
                    + "keputusan: " + ending.joined(separator: "; ") + ". Jadwalkan uji konsekuensi ulangnya sebelum tanggal itu.")
            }
            let person = notices.compactMap { n -> String? in
                switch n.standing {
                case .needsPerson, .unreadable: return "\(n.term.itemID) (\"\(n.term.periodText)\")"
                default: return nil
                }
            }
            if !person.isEmpty {
                lines.append("Perhatian: tanggal berakhir jangka waktu \(person.count) pengecualian tidak dapat dihitung dip: "
                    + person.joined(separator: "; ") + ". Periksa apakah keadaan atau peristiwanya sudah terjadi; bila sudah, uji ulang.")
            }
            return lines.joined(separator: "\n")
        }

        /// The exemptions whose DIK Lampiran row cites a letter of Pasal 17 whose points the law
        /// lists (a, c, e, f, h) without its point ("UU 14/2008 Pasal 17 huruf h"), by the ground the
        /// test recorded (else the classification's); nil when none. The review workbook's row says
        /// it and `dip test` notes it when recording; the decree about to be signed did not, so the
        /// walk's DIK Lampiran printed "Pasal 17 huruf h" under a child's psychosocial assessment
        /// unremarked (session 26). Said, not refused: whether a letter without its point carries
        /// an exemption is for a lawyer (`LegalCitations.unnumberedPointNote`).
        static func unnumberedPointsNote(_ exempted: [VersionItem], citations: LegalCitations) -> String? {
            var named: [String] = []
            var codes: [String] = []
            var seen = Set<String>()
            for v in exempted where seen.insert(v.id).inserted {
                let itemCodes = v.consequenceTest.map { citations.codes($0.grounds, text: $0.legalBasis) }
                    ?? v.classification?.exemptionGrounds ?? []
                guard LegalCitations.unnumberedPointNote(codes: itemCodes) != nil else { continue }
                named.append("\(v.id) revisi \(v.revision)")
                codes += itemCodes
            }
            guard !named.isEmpty, let note = LegalCitations.unnumberedPointNote(codes: codes) else { return nil }
            return "Perhatian: dasar hukum \(named.count) informasi dalam Lampiran Keputusan Klasifikasi DIK menyebut huruf Pasal 17 "
                + "tanpa angkanya: " + named.joined(separator: ", ") + ". \(note). Catat ulang uji konsekuensinya dengan dasar "
                + "yang tepat (`dip test <kode> --revision <revisi> --ground …`, atau lembar kerja pemeriksaan) bila sesuai."
        }

        /// How many items a refusal names one by one; the rest are counted (`dip status` lists all).
        static let ruleChangesNamed = 20

        /// Why `dip approve` refuses a draft holding items the rules in force would classify
        /// differently and the PPID has not decided on (`AppDatabase.pendingRuleChanges`), naming
        /// them and the two ways to decide; nil when none. No override: keeping the classification
        /// on record is itself one of the two choices (*Pertahankan klasifikasi lama*).
        static func ruleChangesRefusal(_ changes: [RuleChange], draft: DIPVersion) -> String? {
            let inDraft = Set((draft.items + draft.exempted).map { "\($0.id)#\($0.revision)" })
            let listed = changes.filter { inDraft.contains("\($0.itemID)#\($0.revision)") }
            guard let first = listed.first else { return nil }
            let named = listed.prefix(ruleChangesNamed).map { c in
                "\(c.itemID) revisi \(c.revision) (tercatat \(c.old.category.shortLabel), menurut aturan sekarang "
                    + "\(c.new.category.shortLabel)" + (c.new.needsTest ? ", perlu uji konsekuensi" : "") + ")"
            }
            let more = listed.count > ruleChangesNamed ? " dan \(listed.count - ruleChangesNamed) informasi lainnya (lihat `dip status`)" : ""
            return "\(listed.count) informasi dalam rancangan versi \(draft.number) diklasifikasikan lain oleh aturan yang berlaku "
                + "sekarang dan belum diputuskan PPID: " + named.joined(separator: "; ") + more
                + ". Keputusan akan mencetak klasifikasi yang tercatat, yang tidak lagi sesuai dengan aturan PPID sendiri. "
                + "Putuskan dahulu setiap informasi itu (terapkan aturan baru, atau pertahankan klasifikasi lama): di sheet "
                + "Aturan Baru lembar kerja pemeriksaan (reports/review/pemeriksaan-dip.xlsx, kolom Keputusan atas Aturan "
                + "Baru; taruh lembar kerjanya di inbox/_ppid/ lalu jalankan `dip run`), atau dengan `dip rules decide "
                + "\(first.itemID) --revision \(first.revision) --choice terapkan|pertahankan --name …` untuk setiap "
                + "informasi. Bila ada yang diterapkan, jalankan `dip run` lalu setujui draf barunya."
        }

        /// The tests of the version (not issued with an earlier one) dated on a Saturday, a Sunday or a holiday of keputusan.json
        /// `hariLibur`, whichever way they were recorded (`dip test` says so when recording; the
        /// review workbook cannot): each berita acara opens with that day.
        static func dayOffNote(_ version: DIPVersion, issued: Set<String>, settings: DecreeSettings, clock: Clock) -> String? {
            var seen = issued
            let dated = (version.exempted + version.items).compactMap { v -> String? in
                guard let on = v.consequenceTest?.testedOn, let off = settings.dayOff(on, clock: clock),
                      seen.insert(v.id).inserted else { return nil }
                return "\(v.id) (\(clock.indonesianDate(on)), \(off))"
            }
            guard !dated.isEmpty else { return nil }
            return "Perhatian: uji konsekuensi \(dated.count) informasi bertanggal hari Sabtu, Minggu atau hari libur: " + dated.joined(separator: "; ")
                + ". Berita acaranya dibuka \"Pada hari ini, <hari> …\" dengan hari itu; bila rapat Tim tidak pada hari itu, "
                + "catat ulang ujinya dengan tanggal rapat (`dip test … --tested-on`)."
        }

        /// What the decrees will print, for the PPID to check before it is stored.
        static func preview(_ r: ApprovalRequest, version: DIPVersion, settings: DecreeSettings, clock: Clock) -> String {
            let date = clock.indonesianDate(r.decreeDate)
            var lines = [
                "Yang akan dicetak pada keputusan versi \(version.number):",
                "  Keputusan Penetapan DIP  : Nomor \(r.decreeNumber), tanggal \(date)",
            ]
            if !version.exempted.isEmpty {
                lines.append("  Keputusan Klasifikasi DIK: Nomor \(r.dikDecreeNumber ?? "(belum diisi)"), tanggal \(date)")
            }
            lines.append("  Ditetapkan di \(settings.city) pada tanggal \(date)")
            lines.append("  \(r.signatory.title ?? settings.issuer),")
            lines.append("  \(r.signatory.name)")
            if let rank = r.signatory.rank { lines.append("  \(rank)") }
            lines.append("  NIP. \(r.signatory.nip ?? "-")")
            if let a = r.atasan {
                lines.append("  Menyetujui: \(a.title ?? "Atasan PPID"), \(a.name), NIP. \(a.nip ?? "-")")
            }
            return lines.joined(separator: "\n")
        }
    }
}
