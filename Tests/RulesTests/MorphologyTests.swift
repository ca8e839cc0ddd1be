import DIPCore
import Foundation
import XCTest
@testable import Rules

/// The stemmer and abbreviations (rules/kata-dasar.txt, rules/kamus.yaml).
final class MorphologyTests: XCTestCase {
    let morphology = defaultRules.morphology

    func testDerivedFormsMeetTheirRoot() {
        let groups: [[String]] = [
            ["nilai", "penilaian", "dinilai", "menilai", "nilainya"],
            ["audit", "diaudit", "pengauditan", "mengaudit"],
            ["rekam", "perekaman", "direkam", "merekam", "rekaman"],
            ["periksa", "pemeriksaan", "diperiksa", "memeriksa"],
            ["lapor", "melaporkan", "dilaporkan"],
            ["susun", "penyusunan", "menyusun", "disusun"],
            ["kelola", "pengelolaan", "mengelola", "dikelola"],
            ["terbit", "penerbitan", "menerbitkan", "diterbitkan"],
            ["penduduk", "kependudukan"],
            ["izin", "perizinan", "izinnya"],
            ["ajar", "pelajaran", "belajar", "mengajar"],
        ]
        for group in groups {
            let keys = Set(group.map(morphology.key))
            XCTAssertEqual(keys.count, 1, "\(group) → \(group.map(morphology.key))")
        }
    }

    func testWordsWhoseRootMeansSomethingElseKeepTheirForm() {
        XCTAssertEqual(morphology.key("pengadaan"), "pengadaan")
        XCTAssertEqual(morphology.key("pengumuman"), "pengumuman")
        XCTAssertEqual(morphology.key("persalinan"), "persalinan")
        XCTAssertEqual(morphology.key("laporan"), "laporan")
        XCTAssertEqual(morphology.key("terlapor"), "terlapor")
        XCTAssertNotEqual(morphology.key("pemerintahan"), morphology.key("perintah"))
        XCTAssertEqual(morphology.key("kepesertaan"), "peserta")
        // Without "pengawas" as a fixed word, pe(N)- with k-recoding read "pengawasan" as
        // "kawasan" (an area), so "Peta kawasan rawan bencana" met "pengawasan".
        XCTAssertEqual(morphology.key("pengawasan"), "pengawas")
        XCTAssertEqual(morphology.key("pengawas"), "pengawas")
        XCTAssertNotEqual(morphology.key("pengawasan"), morphology.key("kawasan"))
    }

    /// Collisions found by stemming every word of the corpus, the rules and the test lists and
    /// listing the words whose readings reach more than one root: "longest root wins" picked
    /// the wrong one for these (a fox in "perubahan", a tree in "pemohon", a grid in
    /// "pengisian", a cooperative in "pengoperasian").
    func testRootCollisionsMeetTheirRealRoot() {
        let groups: [[String]] = [
            ["ubah", "perubahan", "mengubah", "diubah", "berubah", "perubahannya"],
            ["mohon", "pemohon", "permohonan", "memohon"],
            ["beli", "pembelian", "membeli", "dibeli"],
            ["beri", "diberikan", "memberikan", "pemberian"],
            ["baca", "dibacakan", "membaca"],
            ["aju", "mengajukan", "diajukan", "pengajuan"],
            ["sah", "pengesahan", "disahkan", "mengesahkan"],
            ["isi", "pengisian", "berisi", "terisi", "diisi", "mengisi"],
            ["alat", "peralatan"],
            ["lulus", "kelulusan"],
            ["cari", "pencari", "mencari", "pencarian"],
            ["bank", "perbankan"],
            ["operasi", "pengoperasian", "mengoperasikan"],
            ["undang", "pengundangan", "diundangkan"],
            ["masuk", "pemasukan", "memasukkan"],
            ["adu", "pengaduan", "mengadukan", "diadukan"],
            ["peta", "pemetaan", "memetakan", "dipetakan"],
            ["nikah", "menikah", "pernikahan"],
            ["masalah", "bermasalah"],
            ["laporan", "pelaporan"],
        ]
        for group in groups {
            let keys = Set(group.map(morphology.key))
            XCTAssertEqual(keys.count, 1, "\(group) → \(group.map(morphology.key))")
        }
        for (word, other) in [("perubahan", "rubah"), ("pemohon", "pohon"), ("pengisian", "kisi"), ("pengoperasian", "koperasi"),
                              ("bekasi", "bekas"), ("keberatan", "berat"), ("pelaporan", "pelapor"), ("pemilu", "pilu")] {
            XCTAssertNotEqual(morphology.key(word), morphology.key(other), word)
        }
    }

    /// The disallowed prefix–suffix pairs and the particle rule on a tiny root list, so the
    /// behaviour does not depend on kamus.yaml.
    func testDisallowedAffixPairsAndParticles() {
        let m = Morphology(roots: ["beri", "berik", "ajuk", "aju", "masa", "masalah", "rusa", "rusak", "buku"])
        XCTAssertEqual(m.key("diberikan"), "beri")   // di-…-an is not a pair: not di-+berik+-an
        XCTAssertEqual(m.key("mengajukan"), "aju")   // meN-…-an is not a pair
        XCTAssertEqual(m.key("kerusakan"), "rusak")  // ke-…-kan is not a pair: not ke-+rusa+-kan
        XCTAssertEqual(m.key("bermasalah"), "masalah") // -lah is a particle only when nothing else reads
        XCTAssertEqual(m.key("bukulah"), "buku")
        let overridden = Morphology(roots: ["rubah", "ubah"], rootOverrides: ["perubahan": "ubah"])
        XCTAssertEqual(overridden.key("perubahan"), "ubah")
        XCTAssertEqual(overridden.key("perubahannya"), "ubah")
    }

    func testShortWordsNumbersAndUnknownWordsAreKept() {
        XCTAssertEqual(morphology.key("sp2d"), "sp2d")
        XCTAssertEqual(morphology.key("2026"), "2026")
        XCTAssertEqual(morphology.key("bpkad"), "bpkad")
        XCTAssertEqual(morphology.key("server"), "server")
        XCTAssertEqual(Morphology.identity.key("penilaian"), "penilaian")
    }

    func testAbbreviationsExpand() {
        XCTAssertEqual(morphology.expanded(["lhp", "inspektorat"]), ["laporan", "hasil", "pemeriksaan", "inspektorat"])
        XCTAssertNil(morphology.expanded(["laporan", "keuangan"]))
        for short in ["spj", "lhp", "lkpd", "sp2d", "rka", "dpa", "bap", "skp", "ktp", "nik", "kk", "spt", "lpj", "ded"] {
            XCTAssertNotNil(morphology.abbreviations[short], short)
        }
    }

    /// Stems and abbreviations widen rule phrases; exact phrases still match.
    func testRulePhrasesMatchOnStemsAndAbbreviations() throws {
        let rules = """
        aturan:
          - id: uji-nilai
            keterangan: Hasil penilaian seseorang
            salah_satu: [hasil penilaian, laporan hasil pemeriksaan]
            kategori: dikecualikan
            pengecualian: [17h4]
            contoh_cocok: [Hasil penilaian pegawai]
            contoh_tidak_cocok: [Pedoman kerja]
        """
        let directory = try temporaryRules(replacing: ["aturan.yaml": rules])
        let set = try RuleSet.load(directory: directory)
        let classifier = Classifier(ruleSet: set, precedents: [])
        for text in ["Hasil penilaian pegawai", "hasil dinilainya", "Hasil menilai kinerja", "LHP Inspektorat 2025",
                     "Laporan hasil pemeriksaan BPK"] {
            XCTAssertEqual(classifier.classify(item(text)).hits.map(\.ruleID), ["uji-nilai"], text)
        }
        XCTAssertEqual(classifier.classify(item("Nilai tukar petani")).hits, [])
    }

    func testStemmingEveryWordOnceIsCached() {
        let m = Morphology(roots: ["nilai"])
        XCTAssertEqual(m.key("penilaian"), "nilai")
        XCTAssertEqual(m.key("penilaian"), "nilai")
        XCTAssertEqual(m.key("dinilai"), "nilai")
    }

    /// Short spellings (kamus.yaml `bentuk_singkat`) are written out before anything matches,
    /// so a `kecuali` word written short still excepts, and a rule word written short still fires.
    func testShortSpellingsAreWrittenOutBeforeMatching() {
        XCTAssertEqual(morphology.spelledOut(["jml", "penerima", "blt"]), ["jumlah", "penerima", "blt"])
        XCTAssertEqual(morphology.matchTokens("Dok. pengadaan sblm pengumuman"), ["dokumen", "pengadaan", "sebelum", "pengumuman"])
        let classifier = Classifier(ruleSet: defaultRules, precedents: [])
        XCTAssertTrue(classifier.classify(item("Penerima BLT per desa")).needsConsequenceTest, "recipients of aid: a list of persons")
        XCTAssertFalse(classifier.classify(item("Jml penerima BLT per desa")).needsConsequenceTest,
                       "'Jml' is 'jumlah': an aggregate, excepted like the word written in full")
        let tender = classifier.classify(item("Dok. pengadaan sblm pengumuman"))
        XCTAssertTrue(tender.needsConsequenceTest)
        XCTAssertEqual(tender.exemptionGrounds, ["17b"])
    }

    /// The root list's byte path (ASCII text) reads the same words as splitting on newline
    /// Characters, trimming spaces and tabs and lower-casing: on the built-in list and on random
    /// lists with CR, CRLF, tabs, comments, blank lines, capitals and form feeds.
    func testRootListBytePathReadsWhatTheCharacterPathReads() throws {
        func reference(_ text: String) -> Set<String> {
            var roots = Set<String>()
            for line in text.split(whereSeparator: \.isNewline) {
                let word = line.trimmingCharacters(in: .whitespaces).lowercased()
                if word.isEmpty || word.hasPrefix("#") { continue }
                roots.insert(word)
            }
            return roots
        }
        let builtIn = try XCTUnwrap(DefaultRules.text(Morphology.rootsFileName))
        XCTAssertEqual(Morphology.readRoots(builtIn), reference(builtIn))
        XCTAssertGreaterThan(Morphology.readRoots(builtIn).count, 20_000)
        var random = SplitMix(seed: 19)
        let pieces = ["abc", "Kata", "DASAR", " ", "\t", "\n", "\r\n", "\r", "#", "# catatan", "\u{0C}", "\u{0B}", "x-y", "1a"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            XCTAssertEqual(Morphology.readRoots(text), reference(text), "\(text.debugDescription)")
        }
        // Non-ASCII text keeps the Character path.
        let accented = " Éclair \n\u{2028}Ruang\u{A0}\n"
        XCTAssertEqual(Morphology.readRoots(accented), reference(accented))
        XCTAssertEqual(Morphology.readRoots(accented), ["éclair", "ruang"])
    }

    /// English titles (kamus.yaml `bahasa_inggris`, `bahasa_inggris_sambung`) are read in
    /// Indonesian, in Indonesian word order, before anything matches; an Indonesian title with
    /// a loan word or two is left as written; the kamus refuses an English key that is an
    /// Indonesian root.
    func testEnglishTitlesAreReadInIndonesianWordOrder() {
        XCTAssertEqual(morphology.matchTokens("Staff salary slips"), ["slip", "gaji", "pegawai"])
        XCTAssertEqual(morphology.matchTokens("Minutes of closed board meetings"), ["notulen", "rapat", "dewan", "tertutup"])
        XCTAssertEqual(morphology.matchTokens("Regent's decrees"), ["keputusan", "bupati"])
        XCTAssertEqual(morphology.matchTokens("Number of students per study programme"), ["jumlah", "mahasiswa", "per", "program", "studi"])
        XCTAssertEqual(morphology.matchTokens("Catatan home visit wali kelas"), ["catatan", "home", "visit", "wali", "kelas"],
                       "an Indonesian title with English loan words stays as written")
        XCTAssertEqual(morphology.matchTokens("Daftar gaji pegawai"), ["daftar", "gaji", "pegawai"])

        let classifier = Classifier(ruleSet: defaultRules, precedents: [])
        XCTAssertTrue(classifier.classify(item("Staff salary slips")).needsConsequenceTest)
        XCTAssertTrue(classifier.classify(item("Unaudited financial statements")).needsConsequenceTest)
        XCTAssertFalse(classifier.classify(item("Audited financial statements")).needsConsequenceTest,
                       "'audited' is 'telah diaudit', an open marker")
        XCTAssertTrue(classifier.classify(item("Network topology and server configuration")).needsConsequenceTest)
        XCTAssertEqual(morphology.matchTokens("Server room floor plan"), ["denah", "ruang", "server"])
        XCTAssertTrue(classifier.classify(item("Server room floor plan")).needsConsequenceTest)
        XCTAssertFalse(classifier.classify(item("Number of patients per disease")).needsConsequenceTest,
                       "'number of' is 'jumlah': an aggregate")

        let kamus = "bahasa_inggris:\n  data: data\n  salary: gaji\nbahasa_inggris_sambung:\n  of: \"\"\n"
        let loaded = Morphology.load(dictionary: kamus, roots: "data\ngaji\n")
        XCTAssertTrue(loaded.issues.contains { $0.message.contains("`data`") }, "\(loaded.issues)")
        XCTAssertEqual(loaded.morphology.matchTokens("Salary of data"), ["gaji", "data"])
        XCTAssertEqual(loaded.morphology.matchTokens("Salaries"), ["gaji"], "regular plural")
    }

    /// English DIK titles written as full sentences (session 19): linking words ("of", "the",
    /// "that have been") count as English, so words the map lacks no longer leave the title
    /// unread; a possessive 's does not break a phrase; "draft" stays in front of what it
    /// drafts; words spelled alike in both languages (`bahasa_inggris_serupa`) join a run
    /// without making an Indonesian title English; a title that opens with an Indonesian word
    /// is Indonesian ("by name by address" is an office idiom there).
    func testEnglishSentencesAreReadThoughTheMapLacksSomeWords() {
        let sentence = morphology.matchTokens("Medical records and diagnoses of patients treated at the university clinic.")
        XCTAssertEqual(Array(sentence.prefix(2)), ["rekam", "medis"], "\(sentence)")
        XCTAssertEqual(morphology.matchTokens("Owner's estimate before the tender"), ["harga", "perkiraan", "sendiri", "sebelum", "tender"])
        XCTAssertEqual(morphology.matchTokens("Draft regulations that have not been signed"),
                       ["rancangan", "peraturan", "yang", "belum", "ditandatangani"])
        XCTAssertEqual(morphology.matchTokens("Patient debt data"), ["data", "utang", "pasien"])
        XCTAssertEqual(morphology.matchTokens("Data audit internal"), ["data", "audit", "internal"],
                       "words spelled alike in both languages are no evidence of English")
        XCTAssertEqual(morphology.matchTokens("Daftar balita stunting by name by address"),
                       ["daftar", "balita", "stunting", "by", "name", "by", "address"])
        XCTAssertEqual(morphology.matchTokens("Data difabel by name"), ["data", "difabel", "by", "name"])
        XCTAssertEqual(morphology.matchTokens("Data of victims of domestic violence"), ["data", "korban", "kekerasan", "dalam", "rumah", "tangga"])

        let classifier = Classifier(ruleSet: defaultRules, precedents: [])
        for title in ["Medical records and diagnoses of patients treated at the university clinic.",
                      "Owner's estimate prices prepared by the procurement committee before the tender is announced.",
                      "Internal audit working papers and draft findings that have not yet been finalised."] {
            XCTAssertTrue(classifier.classify(item(title)).needsConsequenceTest, title)
        }
        XCTAssertFalse(classifier.classify(item("Annual financial statements that have been audited by the Supreme Audit Agency.")).needsConsequenceTest)

        let kamus = "bahasa_inggris:\n  salary: gaji\nbahasa_inggris_serupa:\n  data: data\n  wage: upah\n"
        let loaded = Morphology.load(dictionary: kamus, roots: "data\ngaji\n")
        XCTAssertTrue(loaded.issues.contains { $0.message.contains("`wage`") }, "a word that is no Indonesian root belongs in bahasa_inggris: \(loaded.issues)")
        XCTAssertFalse(loaded.issues.contains { $0.message.contains("`data`") }, "\(loaded.issues)")
        XCTAssertEqual(loaded.morphology.matchTokens("Salary data"), ["data", "gaji"])
        XCTAssertEqual(loaded.morphology.matchTokens("Data"), ["data"])
    }

    /// Words of English DIK lists that the map did not read (session 24: a university's own
    /// list, and the law's terms in English) are read in Indonesian; an English phrase a rule
    /// names as written ("bandwidth management", "internet banking", "sister city") is not
    /// rewritten out of that rule's reach (docs/classification.md §45.2).
    func testEnglishWordsOfUniversityListsAndOfTheLawAreRead() {
        XCTAssertEqual(morphology.matchTokens("Engineering drawings of electrical and computer networks"),
                       ["gambar", "teknis", "listrik", "dan", "jaringan", "komputer"])
        XCTAssertEqual(morphology.matchTokens("Health conditions of education staff"), ["kondisi", "kesehatan", "tenaga", "kependidikan"])
        XCTAssertEqual(morphology.matchTokens("Imposition of disciplinary action for ethical violations"),
                       ["penjatuhan", "hukuman", "disiplin", "untuk", "pelanggaran", "etik"])
        XCTAssertEqual(morphology.matchTokens("Confidential cooperation agreements"), ["perjanjian", "kerja", "sama", "rahasia"])
        XCTAssertEqual(morphology.matchTokens("Unfair business competition"), ["persaingan", "usaha", "tidak", "sehat"])
        XCTAssertEqual(morphology.matchTokens("Bandwidth management"), ["bandwidth", "management"])

        let classifier = Classifier(ruleSet: defaultRules, precedents: [])
        XCTAssertTrue(classifier.firings("Bandwidth management").contains { $0.rule.id == "keamanan-sistem" })
    }

    /// A passive prefix written apart from its verb ("belum di publikasikan") is joined to it,
    /// so `kecuali` phrases and rules written "belum dipublikasikan" meet it; "di" before a
    /// place stays a preposition.
    func testSplitPassivePrefixIsJoinedToItsVerb() {
        XCTAssertEqual(morphology.matchTokens("Hasil penelitian yang belum di publikasikan"),
                       ["hasil", "penelitian", "yang", "belum", "dipublikasikan"])
        XCTAssertEqual(morphology.matchTokens("SK yang di tetapkan bupati"), ["sk", "yang", "ditetapkan", "bupati"])
        XCTAssertEqual(morphology.matchTokens("Data pasien di rumah sakit"), ["data", "pasien", "di", "rumah", "sakit"])
        XCTAssertEqual(morphology.matchTokens("Jadwal pelayanan di kecamatan"), ["jadwal", "pelayanan", "di", "kecamatan"])
        let classifier = Classifier(ruleSet: defaultRules, precedents: [])
        XCTAssertTrue(classifier.classify(item("Hasil penelitian yang belum di publikasikan")).needsConsequenceTest)
        XCTAssertFalse(classifier.classify(item("Hasil penelitian yang sudah di publikasikan")).needsConsequenceTest)
    }
}
