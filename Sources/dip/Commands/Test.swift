import ArgumentParser
import DIPCore
import Foundation
import Pipeline
import Publish
import Register
import Rules

extension ConsequenceConclusion: ExpressibleByArgument {
    /// Help lists only the conclusions a test can reach.
    public static var allValueStrings: [String] {
        allCases.filter { $0 != .pending }.map(\.rawValue)
    }
}

extension DIP {
    /// `dip test ITEM`: records a consequence test (*uji konsekuensi*) from the command line.
    struct RecordTest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Mencatat hasil uji konsekuensi satu informasi (isian formulir uji konsekuensi; docs/panduan.md §3).")

        @OptionGroup var options: WorkspaceOptions

        @Argument(help: ArgumentHelp("Kode informasi di register, misalnya dinkes-0007.", valueName: "kode-informasi"))
        var item: String

        @Option(help: ArgumentHelp("Revisi yang diuji (tertera pada formulir atau draf).", valueName: "revisi"))
        var revision: Int

        @Option(help: ArgumentHelp("Kesimpulan uji konsekuensi (tanpa --conclusion: melengkapi uji yang sudah dicatat dengan --berita-acara-number, --tested-on atau --place).", valueName: "kesimpulan"))
        var conclusion: ConsequenceConclusion?

        @Option(name: .customLong("ground"),
                help: ArgumentHelp("Dasar pengecualian Pasal 17, misalnya 17h2 (boleh berulang).", valueName: "kode-dasar"))
        var grounds: [String] = []

        @Option(name: .customLong("legal-basis"),
                help: ArgumentHelp("Dasar hukum sebagai teks (Pasal 17 dan undang-undang sektoral).", valueName: "dasar-hukum"))
        var legalBasis: String?

        @Option(help: ArgumentHelp("Bagian informasi yang dikecualikan.", valueName: "bagian"))
        var specific: String?

        @Option(help: ArgumentHelp("Akibat yang timbul bila informasi dibuka.", valueName: "akibat"))
        var consequence: String?

        @Option(name: .customLong("public-interest"), help: ArgumentHelp("Pertimbangan kepentingan publik.", valueName: "pertimbangan"))
        var publicInterest: String?

        @Option(help: ArgumentHelp("Jangka waktu pengecualian, misalnya \"5 tahun\", \"selama berlaku\", \"sampai …\" atau permanen.", valueName: "jangka-waktu"))
        var period: String?

        @Option(help: ArgumentHelp("Syarat informasi dapat dibuka.", valueName: "syarat"))
        var conditions: String = ""

        @Option(help: ArgumentHelp("Nama penguji.", valueName: "nama"))
        var tester: String?

        @Option(name: .customLong("tester-nip"), help: ArgumentHelp("NIP penguji (18 digit).", valueName: "nip"))
        var testerNIP: String?

        @Option(name: .customLong("tested-on"), help: ArgumentHelp("Tanggal uji, misalnya 2026-12-08 atau \"8 Desember 2026\" (kosong: hari ini). Tanpa --conclusion: memberi tanggal uji kepada uji yang tercatat tanpa tanggal (bersama --name).", valueName: "tanggal"))
        var testedOn: String?

        @Option(name: .customLong("berita-acara-number"),
                help: ArgumentHelp("Nomor berita acara uji konsekuensi yang diberikan saat ditandatangani, misalnya \"000.9/3/Diskominfosatik/2026\" (dicetak pada berita acara dan dikutip Keputusan Klasifikasi DIK). Untuk berita acara yang sudah terbit tanpa nomor: nomor yang ditulis pada naskahnya, bersama --name; naskahnya tidak dicetak ulang.", valueName: "nomor"))
        var beritaAcaraNumber: String?

        @Option(help: ArgumentHelp("Nama petugas yang melengkapi uji yang sudah dicatat (wajib untuk nomor berita acara yang sudah terbit dan untuk tanggal uji; dicatat di register bersama waktunya).", valueName: "nama"))
        var name: String?

        @Option(help: ArgumentHelp("Tempat uji (\"bertempat di …\" pada berita acara), misalnya \"Aula Kantor Kecamatan Cikande\" (kosong: kota pada rules/keputusan.json).", valueName: "tempat"))
        var place: String?

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        /// The codes to choose from for a code dip does not know: those of the same letter of Pasal
        /// 17 ("17h" for "17h7"), else every code.
        static func knownGrounds(like code: String, in codes: [String]) -> String {
            let letter = String(code.lowercased().prefix(3))
            let same = codes.filter { $0.lowercased().hasPrefix(letter) }
            return same.isEmpty ? "Kode yang ada: \(codes.joined(separator: ", "))."
                : "Kode untuk Pasal 17 huruf \(letter.dropFirst(2)): \(same.joined(separator: ", "))."
        }

        /// Without --conclusion only the berita acara's number or place is recorded, for the test
        /// of that revision already in the register (the number is given when it is signed).
        var completesRecordedTest: Bool { conclusion == nil }

        func validate() throws {
            if completesRecordedTest {
                guard beritaAcaraNumber != nil || place != nil || testedOn != nil else {
                    throw ValidationError("Isi --conclusion beserta --consequence, --public-interest, --period dan --tester untuk "
                        + "mencatat uji konsekuensi, atau --berita-acara-number, --tested-on atau --place saja untuk melengkapi uji "
                        + "yang sudah dicatat.")
                }
                let testOptions: [(String, Bool)] = [
                    ("--consequence", consequence != nil), ("--public-interest", publicInterest != nil),
                    ("--period", period != nil), ("--tester", tester != nil), ("--tester-nip", testerNIP != nil),
                    ("--ground", !grounds.isEmpty), ("--legal-basis", legalBasis != nil),
                    ("--specific", specific != nil), ("--conditions", !conditions.isEmpty),
                ]
                let given = testOptions.filter(\.1).map(\.0)
                if !given.isEmpty {
                    throw ValidationError("\(given.joined(separator: ", ")) hanya dipakai bersama --conclusion (mencatat uji baru); "
                        + "untuk melengkapi uji yang sudah dicatat cukup --berita-acara-number, --tested-on dan/atau --place.")
                }
                if let testedOn {
                    do { _ = try IndonesianDate.parse(testedOn) } catch { throw ValidationError("\(error)") }
                }
                return
            }
            // A test concluding *terbuka* exempts nothing: it has no exemption period (the review
            // workbook leaves the column empty; the berita acara prints "-"). Asking for one made
            // the PPID type a period for information declared open (session 21).
            let missing = [("--consequence", consequence), ("--public-interest", publicInterest),
                           ("--period", conclusion == .open ? "" : period),
                           ("--tester", tester)].filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty {
                throw ValidationError("Uji konsekuensi belum dicatat: isi juga \(missing.joined(separator: ", ")) "
                    + "(wajib bersama --conclusion).")
            }
            if let testerNIP, Official.nipDigits(testerNIP) == nil {
                throw ValidationError("NIP penguji harus 18 digit angka (dicetak pada berita acara uji konsekuensi).")
            }
            if conclusion == .pending {
                throw ValidationError("Kesimpulan 'menunggu' tidak dapat dicatat sebagai hasil uji.")
            }
            if let testedOn {
                do { _ = try IndonesianDate.parse(testedOn) } catch { throw ValidationError("\(error)") }
            }
        }

        func run() throws {
            try RegisterOutput.run {
                if completesRecordedTest {
                    let lock = try options.lockForWriting()
                    defer { withExtendedLifetime(lock) {} }
                    let db = try options.openRegister()
                    let now = Clock.fromEnvironment().now
                    let done = try db.completeRecordedTest(
                        itemID: item, revision: revision, number: beritaAcaraNumber, place: place,
                        testedOn: try testedOn.map(IndonesianDate.parse), by: name, at: now)
                    let (id, test) = (done.testID, done.test)
                    switch format {
                    case .json:
                        print(try RegisterOutput.json(
                            ["item": item, "revision": String(revision), "test_id": String(id),
                             "conclusion": test.conclusion.rawValue, "berita_acara_number": test.beritaAcaraNumber ?? "",
                             "place": test.place ?? "", "completion_id": done.completionID.map(String.init) ?? "",
                             "published_with": done.publishedWith.map(String.init) ?? ""]))
                    case .text:
                        let clock = Clock(now: now)
                        var parts: [String] = []
                        if let n = test.beritaAcaraNumber {
                            let on = test.testedOn.map { " tanggal " + clock.indonesianDate($0) } ?? ""
                            parts.append("berita acara Nomor " + n + on)
                        } else if testedOn != nil, let on = test.testedOn {
                            let weekday = Clock.indonesianWeekdays[clock.day(on).weekday - 1]
                            parts.append("tanggal uji \(weekday), \(clock.indonesianDate(on))")
                        }
                        if let p = test.place { parts.append("bertempat di " + p) }
                        if let published = done.publishedWith {
                            // A completion of a signed record: nothing is printed again.
                            print("Berita acara uji konsekuensi \(item) revisi \(revision) (terbit bersama DIP versi \(published)) "
                                + "dilengkapi: " + parts.joined(separator: ", ") + "; dicatat oleh \(name ?? "-") pada "
                                + "\(clock.indonesianDate(now)). Berita acaranya tidak dicetak ulang; Keputusan Klasifikasi DIK "
                                + "berikutnya mengutipnya dengan nomor ini.")
                        } else {
                            print("Uji konsekuensi \(item) revisi \(revision) dilengkapi: " + parts.joined(separator: ", ")
                                + ". Jalankan `dip run` agar draf keputusan memuatnya.")
                        }
                        // An approved version still waiting to be published was approved with the
                        // record as it was: it would be published without the number. Said only
                        // when that version holds this revision (a test of an item sent after the
                        // approval is in the next draft, as it should be).
                        if let waiting = try db.status().approved,
                           try db.history(itemID: item).versions.contains(where: { $0.version == waiting.number && $0.revision == revision }) {
                            print("Perhatian: versi \(waiting.number) sudah disetujui dan belum diterbitkan; keputusan dan "
                                + "berita acaranya dicetak tanpa isian ini. Bila harus memuatnya, tarik persetujuannya "
                                + "(`dip approve --withdraw …`), jalankan `dip run`, lalu setujui draf barunya.")
                        }
                    }
                    return
                }
                guard let conclusion, let consequence, let publicInterest, let tester else { return }
                let period = period ?? ""
                // The citation comes from the rules' `dasar_hukum`, never from the local code.
                let citations = LegalCitations(ruleSet: try options.ruleSet())
                let unknown = grounds.filter { !citations.isKnown($0.lowercased()) }
                guard unknown.isEmpty else {
                    throw RegisterError.invalidInput(
                        "Dasar pengecualian \(unknown.joined(separator: ", ")) tidak ada di rules/pengecualian.yaml. "
                            + Self.knownGrounds(like: unknown[0], in: try options.ruleSet().grounds.map(\.code)))
                }
                let codes = citations.codes(grounds, text: legalBasis)
                // Pasal 17 huruf j closes only what another Undang-Undang closes: a decree citing
                // "huruf j" without that law gives the reader no provision to check.
                if conclusion != .open, codes.contains("17j"),
                   !StatuteBook.namesOtherLaw(citations.citation(codes: codes, text: legalBasis)) {
                    throw RegisterError.invalidInput(
                        "Pasal 17 huruf j hanya berlaku untuk informasi yang dirahasiakan undang-undang lain: pilih butir "
                            + "17j1–17j5 di rules/pengecualian.yaml atau sebutkan undang-undangnya di --legal-basis "
                            + "(misalnya \"UU 14/2008 Pasal 17 huruf j jo. UU 27/2022\").")
                }
                // The classification decree states the consequence and the period of each exemption.
                let missing = LegalCitations.missingExemptionParts(ConsequenceTest(
                    specificInformation: specific ?? "", legalBasis: "", grounds: codes, consequence: consequence,
                    publicInterest: publicInterest, conclusion: conclusion, period: PeriodText.parse(period),
                    periodText: period, conditionsForOpening: conditions, tester: nil, testedOn: nil))
                if !missing.isEmpty {
                    throw RegisterError.invalidInput(
                        "Informasi yang dikecualikan wajib dicatat dengan " + missing.joined(separator: " dan ")
                            + ": keduanya dimuat dalam Lampiran Keputusan Klasifikasi DIK. Isi "
                            + missing.map { $0.hasPrefix("konsekuensi") ? "--consequence" : "--period" }.joined(separator: " dan ")
                            + " (bukan kosong atau tanda hubung).")
                }
                // UU 14/2008 Pasal 20 ayat (1): exemptions under huruf a–f are not permanent.
                if let why = LegalCitations.permanenceProblem(codes: codes, period: PeriodText.parse(period),
                                                              conclusion: conclusion) {
                    throw RegisterError.invalidInput(
                        why + ": tulis jangka waktunya (misalnya --period \"5 tahun\" atau "
                            + "--period \"sampai pemenang tender ditetapkan\").")
                }
                // A period "sampai <date>" over by the day of the test: no decree could set it (session 25).
                let runClock = Clock.fromEnvironment()
                if let why = ExemptionPeriods.periodOverProblem(period, conclusion: conclusion,
                                                                testedOn: try testedOn.map(IndonesianDate.parse) ?? runClock.now,
                                                                clock: runClock) {
                    throw RegisterError.invalidInput(why + ": tulis jangka waktu yang benar di --period, atau simpulkan terbuka.")
                }
                let lock = try options.lockForWriting()
                defer { withExtendedLifetime(lock) {} }
                let db = try options.openRegister()
                let now = runClock.now
                let test = ConsequenceTest(
                    specificInformation: specific ?? "",
                    legalBasis: citations.citation(codes: codes, text: legalBasis),
                    grounds: codes, consequence: consequence, publicInterest: publicInterest,
                    conclusion: conclusion, period: PeriodText.parse(period), periodText: period,
                    conditionsForOpening: conditions,
                    tester: Official(name: tester, nip: testerNIP.flatMap(Official.nipDigits)),
                    testedOn: try testedOn.map(IndonesianDate.parse) ?? now,
                    beritaAcaraNumber: ConsequenceTest.recordedText(beritaAcaraNumber), place: ConsequenceTest.recordedText(place))
                // The number of the record this test replaces (another test of the same revision).
                let earlierNumber = (try? db.history(itemID: item))?.tests.last { $0.revision == revision }?.test.beritaAcaraNumber
                let id = try db.recordConsequenceTest(
                    itemID: item, revision: revision, test: test, enteredBy: tester,
                    source: .cli, at: now)
                switch format {
                case .json:
                    print(try RegisterOutput.json(
                        ["item": item, "revision": String(revision), "test_id": String(id),
                         "conclusion": conclusion.rawValue]))
                case .text:
                    print("Uji konsekuensi \(item) revisi \(revision) dicatat: \(conclusion.label).")
                }
                var notes: [String] = []
                // A test with other content is a new record, without the number of the one it replaces
                // (kept when the test is the same: `insertTest`): said, since a corrected typo
                // looks like the same berita acara to the PPID.
                if let earlier = earlierNumber, test.beritaAcaraNumber == nil,
                   let recorded = (try? db.history(itemID: item))?.tests.last(where: { $0.revision == revision })?.test,
                   recorded.beritaAcaraNumber == nil {
                    notes.append("Perhatian: uji sebelumnya untuk revisi ini tercatat dengan berita acara Nomor \(earlier); uji ini "
                        + "dicatat sebagai berita acara baru yang belum bernomor. Bila berita acaranya tetap yang bernomor itu, "
                        + "catat nomornya: `dip test \(item) --revision \(revision) --berita-acara-number \"\(earlier)\"`.")
                }
                // A name or a value typed into the reasons: published masked (session 26).
                if let note = test.reasonsPersonalDataNote { notes.append(note) }
                // Recorded as the PPID decided; the decree's reader will ask which point of the letter.
                if conclusion != .open, let note = LegalCitations.unnumberedPointNote(codes: codes) {
                    notes.append("Perhatian: \(note). Catat ulang uji ini dengan --ground yang menyebut angkanya bila sesuai.")
                }
                // The berita acara opens "Pada hari ini, Sabtu tanggal …": lawful, but a Bagian Hukum
                // asks whether the Tim really met on a day offices are closed (a typed date, or the
                // day of recording taken for the day of the meeting). Holidays: keputusan.json
                // `hariLibur` (a settings file dip cannot read only loses that note).
                if let on = test.testedOn {
                    let clock = Clock(now: now)
                    let settings = (try? options.decreeSettings()) ?? .kabupatenSerang
                    if let off = settings.dayOff(on, clock: clock) {
                        let weekday = Clock.indonesianWeekdays[clock.day(on).weekday - 1]
                        notes.append("Perhatian: tanggal uji \(clock.indonesianDate(on)) jatuh pada \(off); berita acara "
                            + "mencetak \"Pada hari ini, \(weekday) …\". Bila rapatnya tidak pada hari itu, catat ulang "
                            + "uji ini dengan --tested-on tanggal rapat.")
                    }
                }
                for line in notes {
                    if format == .json { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
                }
            }
        }
    }
}
