import DIPCore
import Foundation
import XCTest
@testable import Rules

final class ClassifierTests: XCTestCase {
    let classifier = Classifier(ruleSet: defaultRules)

    func testNormalisationAndWholeWords() {
        XCTAssertEqual(TextNormalizer.tokens("KTP-el, HIV/AIDS; No. 5  Tahun"), ["ktp", "el", "hiv", "aids", "no", "5", "tahun"])
        XCTAssertEqual(TextNormalizer.normalise("Rékam  Médis"), "rekam medis")
        // "nik" must not match inside "teknik".
        let c = classifier.classify(item("Petunjuk teknik pengolahan sampah", declared: .berkala))
        XCTAssertFalse(c.needsConsequenceTest)
        XCTAssertFalse(c.hits.contains { $0.ruleID == "kependudukan-perorangan" })
    }

    func testAmpersandJoiningWordsIsReadAsDan() {
        XCTAssertEqual(TextNormalizer.tokens("Nama & alamat"), ["nama", "dan", "alamat"])
        XCTAssertEqual(TextNormalizer.tokens("NAMA & ALAMAT"), ["nama", "dan", "alamat"])
        XCTAssertEqual(TextNormalizer.tokens("nama&alamat; Rékam&médis"), ["nama", "dan", "alamat", "rekam", "dan", "medis"])
        XCTAssertEqual(TextNormalizer.normalise("Nama\u{00A0}&\u{00A0}alamat"), "nama dan alamat")
        // Upper-case abbreviations and an "&" at an edge or leaning on one word stay boundaries.
        XCTAssertEqual(TextNormalizer.tokens("Diagram P&ID, R&D, K3&L"), ["diagram", "p", "id", "r", "d", "k3", "l"])
        XCTAssertEqual(TextNormalizer.tokens("& nama &alamat&"), ["nama", "alamat"])
        XCTAssertEqual(TextNormalizer.tokens("&"), [])
    }

    func testHTMLEscapedEntitiesAreDecodedBeforeTokenising() {
        XCTAssertEqual(TextNormalizer.tokens("Nama &amp; alamat penerima"), TextNormalizer.tokens("Nama & alamat penerima"))
        XCTAssertEqual(TextNormalizer.tokens("Nama &amp; alamat penerima"), ["nama", "dan", "alamat", "penerima"])
        XCTAssertEqual(TextNormalizer.tokens("nama&amp;alamat"), ["nama", "dan", "alamat"])
        XCTAssertEqual(TextNormalizer.tokens("&quot;Rekam medis&quot; pasien&#39;s &lt;b&gt;data&apos;"),
                       ["rekam", "medis", "pasien", "s", "b", "data"])
        // Numeric entities, decimal and hex, including non-ASCII characters (folded as usual).
        XCTAssertEqual(TextNormalizer.tokens("Nama &#38; alamat; Nama &#x26; alamat; caf&#233; &#X41;BC"),
                       ["nama", "dan", "alamat", "nama", "dan", "alamat", "cafe", "abc"])
        // Upper-case abbreviations escaped stay as they were unescaped.
        XCTAssertEqual(TextNormalizer.tokens("Diagram P&amp;ID"), ["diagram", "p", "id"])
        // Anything not a well-formed entity is left alone: no ";", unknown names, bad digits,
        // no scalar, and only one level of escaping is undone.
        XCTAssertEqual(TextNormalizer.decodingEntities("a &amp b &nbsp; c &#; &#x; &#12a; &#xZZ; &#1114112; &AMP; &"),
                       "a &amp b &nbsp; c &#; &#x; &#12a; &#xZZ; &#1114112; &AMP; &")
        XCTAssertEqual(TextNormalizer.decodingEntities("&amp;amp; R&D; &#60;&#x3e;"), "&amp; R&D; <>")
    }

    func testTitleWithAmpersandIsClassifiedAsWithDan() {
        let pairs = [("Nama & alamat penerima bantuan sosial perorangan", "Nama dan alamat penerima bantuan sosial perorangan"),
                     ("Daftar nama&alamat apotek berizin", "Daftar nama dan alamat apotek berizin")]
        for (ampersand, dan) in pairs {
            for declared in [Category.setiapSaat, .dikecualikan] {
                let a = classifier.classify(item(ampersand, declared: declared))
                let b = classifier.classify(item(dan, declared: declared))
                XCTAssertEqual(a.hits.map(\.ruleID), b.hits.map(\.ruleID), ampersand)
                XCTAssertEqual(a.hits.map(\.matchedWords), b.hits.map(\.matchedWords), ampersand)
                XCTAssertEqual(a.exemptionGrounds, b.exemptionGrounds, ampersand)
                XCTAssertEqual(a.suggested, b.suggested, ampersand)
                XCTAssertEqual(a.needsConsequenceTest, b.needsConsequenceTest, ampersand)
            }
        }
        // The personal-data rule fires on the people's list through its phrase "nama dan alamat"…
        let people = classifier.classify(item(pairs[0].0, declared: .setiapSaat))
        XCTAssertTrue(people.needsConsequenceTest)
        XCTAssertTrue(people.hits.contains { $0.matchedWords.contains("nama dan alamat") }, "\(people.hits)")
        // …and its exception "nama dan alamat apotek" keeps the pharmacies' list open.
        XCTAssertFalse(classifier.classify(item(pairs[1].0, declared: .setiapSaat)).needsConsequenceTest)
    }

    func testAgreementIsAccepted() {
        let c = classifier.classify(item("Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025", declared: .berkala))
        XCTAssertEqual(c.declared, .berkala)
        XCTAssertEqual(c.suggested, .berkala)
        XCTAssertEqual(c.subgroup, .C)
        XCTAssertFalse(c.needsReview)
        XCTAssertFalse(c.needsConsequenceTest)
        XCTAssertEqual(c.hits.map(\.ruleID), ["berkala-c-kinerja"])
        XCTAssertEqual(c.hits.first?.matchedWords, ["lkjip", "laporan kinerja"])
    }

    /// The kinds of service a unit offers and their tariffs are no staff procedure (UU 14/2008
    /// Pasal 11 ayat (1) huruf g): berkala A and B, with setiap saat also accepted; a standard of
    /// service stays setiap saat (docs/classification.md §48.2).
    func testServiceKindsAndTariffsAreBerkalaAndAcceptSetiapSaat() {
        for (title, subgroup) in [("Profil dan jenis layanan RSUD dr. Drajat Prawiranegara", BerkalaSubgroup.A),
                                  ("Tarif layanan rawat jalan dan rawat inap", .B)] {
            let berkala = classifier.classify(item(title, declared: .berkala))
            XCTAssertEqual(berkala.suggested, .berkala, title)
            XCTAssertEqual(berkala.subgroup, subgroup, title)
            XCTAssertFalse(berkala.needsReview, "\(title): \(berkala.notes)")
            XCTAssertFalse(classifier.classify(item(title, declared: .setiapSaat)).needsReview, title)
        }
        let standard = classifier.classify(item("Standar pelayanan dan tarif layanan rawat jalan RSUD"))
        XCTAssertEqual(standard.suggested, .setiapSaat)
    }

    func testDisagreementNeedsReviewWithBothAndReason() {
        let c = classifier.classify(item("Rencana Umum Pengadaan (RUP) melalui SiRUP 2026", declared: .setiapSaat))
        XCTAssertEqual(c.declared, .setiapSaat)
        XCTAssertEqual(c.suggested, .berkala)
        XCTAssertEqual(c.subgroup, .I)
        XCTAssertTrue(c.needsReview)
        XCTAssertFalse(c.needsConsequenceTest)
        let note = c.notes.joined(separator: " ")
        XCTAssertTrue(note.contains("Setiap Saat") && note.contains("Berkala") && note.contains("kata kunci: rup"), note)
        // The rule id is for the PPID's tools (hits, `dip rules explain`), not the unit's notes.
        XCTAssertFalse(note.contains("berkala-i-pengadaan"), note)
        XCTAssertTrue(c.hits.contains { $0.ruleID == "berkala-i-pengadaan" })
    }

    func testOpenItemWithPersonalDataIsFlagged() {
        let c = classifier.classify(item("daftar penerima bansos beserta NIK dan nomor rekening", declared: .setiapSaat))
        XCTAssertTrue(c.needsConsequenceTest)
        XCTAssertTrue(c.needsReview)
        XCTAssertEqual(c.suggested, .dikecualikan)
        XCTAssertEqual(c.exemptionGrounds, ["17h3", "17j1"])
        XCTAssertFalse(c.missingLegalBasis)
        XCTAssertTrue(c.notes.contains { $0.contains("uji konsekuensi") && $0.contains("Setiap Saat") })
        let words = c.hits.flatMap(\.matchedWords)
        XCTAssertTrue(words.contains("nik") && words.contains("nomor rekening"), "\(words)")
    }

    /// A staff member examined in a criminal case is law-enforcement material (Pasal 17 huruf a
    /// angka 1), beside the personal ground; a disciplinary examination by the direct superior
    /// stays huruf h angka 4 alone. Session 23 lifted the penyelidikan rule on every
    /// "pemeriksaan pegawai/ASN/PNS", so a suspect's BAP lost its huruf a (w23audit).
    func testStaffExaminedInACriminalCaseKeepsLetterA() {
        for title in ["BAP pemeriksaan PNS tersangka tindak pidana",
                      "Berita acara pemeriksaan pegawai dalam penyidikan tindak pidana korupsi"] {
            let c = classifier.classify(item(title))
            XCTAssertTrue(c.needsConsequenceTest, title)
            XCTAssertTrue(c.exemptionGrounds.contains("17a1"), "\(title): \(c.exemptionGrounds)")
        }
        let discipline = classifier.classify(item("Berita acara pemeriksaan ASN oleh atasan langsung"))
        XCTAssertEqual(discipline.exemptionGrounds, ["17h4"])
    }

    func testDeclaredExemptWithUnitGround() {
        let c = classifier.classify(item("Notulen rapat koordinasi internal", declared: .dikecualikan,
                                         basis: "Pasal 17 huruf i UU 14/2008"))
        XCTAssertTrue(c.needsConsequenceTest)
        XCTAssertEqual(c.exemptionGrounds, ["17i"])
        XCTAssertFalse(c.missingLegalBasis)
    }

    func testDeclaredExemptWithRuleGround() {
        let c = classifier.classify(item("Rekam medis pasien Puskesmas", declared: .dikecualikan))
        XCTAssertTrue(c.needsConsequenceTest)
        XCTAssertFalse(c.needsReview)
        XCTAssertEqual(c.exemptionGrounds, ["17h2", "17j3"])
        XCTAssertFalse(c.missingLegalBasis)
        // The note a unit reads cites the grounds in words from their dasar_hukum, never the
        // local codes ("17j3" would read as a Pasal 17 huruf j angka 3 that does not exist).
        let note = c.notes.joined(separator: " ")
        XCTAssertTrue(note.contains("Pasal 17 huruf h angka 2") && note.contains("huruf j jo."), note)
        XCTAssertFalse(note.contains("17j3") || note.contains("17h2"), note)
    }

    func testDeclaredExemptWithoutAnyGroundIsMissingLegalBasis() {
        // No precedents: with them, the letter the rules give the nearest withheld precedent is
        // suggested (the basis still marked missing; PrecedentTests).
        let c = Classifier(ruleSet: defaultRules, precedents: []).classify(item("Dokumen internal bagian umum", declared: .dikecualikan))
        XCTAssertTrue(c.needsConsequenceTest)
        XCTAssertTrue(c.missingLegalBasis)
        XCTAssertTrue(c.needsReview)
        XCTAssertEqual(c.exemptionGrounds, [])
        XCTAssertTrue(c.notes.contains { $0.contains("tanpa dasar hukum") })
    }

    func testGroundParser() {
        let known = defaultRules.isKnownGround
        XCTAssertEqual(GroundParser.grounds(in: "Pasal 17 huruf h angka 2 UU 14/2008", known: known), ["17h2"])
        XCTAssertEqual(GroundParser.grounds(in: "Pasal 17 huruf a dan huruf j", known: known), ["17a", "17j"])
        XCTAssertEqual(GroundParser.grounds(in: "17h3; 17b", known: known), ["17h3", "17b"])
        XCTAssertEqual(GroundParser.grounds(in: "Pasal 17 ayat 1 huruf c angka 6", known: known), ["17c6"])
        XCTAssertEqual(GroundParser.grounds(in: "UU Nomor 24 Tahun 2013 tentang Adminduk", known: known), ["17j1"])
        XCTAssertEqual(GroundParser.grounds(in: "Pasal 17 huruf h angka 9", known: known), ["17h"])
        XCTAssertEqual(GroundParser.grounds(in: "rahasia", known: known), [])
    }

    func testPasal18PublicOfficeLiftsPersonalFinance() {
        let c = classifier.classify(item("Laporan Harta Kekayaan Penyelenggara Negara (LHKPN) Kepala Dinas", declared: .berkala))
        XCTAssertFalse(c.needsConsequenceTest)
        XCTAssertFalse(c.needsReview)
        XCTAssertEqual(c.suggested, .berkala)
        XCTAssertEqual(c.subgroup, .A)
        XCTAssertTrue(c.notes.contains { $0.hasPrefix("Pasal 18") && $0.contains("17h3") })
        XCTAssertTrue(c.hits.contains { $0.ruleID == "keuangan-pribadi" && $0.description.contains("dicabut") })
        // The same words about an ordinary person stay flagged.
        let private_ = classifier.classify(item("Daftar harta kekayaan dan rekening bank warga", declared: .berkala))
        XCTAssertTrue(private_.needsConsequenceTest)
        XCTAssertEqual(private_.exemptionGrounds, ["17h3"])
    }

    /// The head of a body is a public official whose wealth report is announced (UU 28/1999
    /// Pasal 5 angka 3; Pasal 18 ayat (2) huruf b UU 14/2008), however the title names the post.
    func testWealthReportOfTheBodysHeadIsLiftedByPasal18() {
        let rules = Classifier(ruleSet: defaultRules, precedents: [])
        for text in ["Laporan Harta Kekayaan Pimpinan Universitas", "Laporan harta kekayaan Bupati dan Wakil Bupati"] {
            let c = rules.classify(item(text))
            XCTAssertFalse(c.needsConsequenceTest, text)
            XCTAssertEqual(c.suggested, .berkala, text)
            XCTAssertEqual(c.subgroup, .A, text)
        }
        XCTAssertTrue(rules.classify(item("Daftar harta kekayaan dan rekening bank warga")).needsConsequenceTest)
    }

    /// A BLU/BLUD's business plan and budget (RBA) and strategic business plan are a government
    /// unit's planning documents (PP 23/2005, Permendagri 79/2018), not an enterprise's business
    /// secrets under Pasal 17 huruf b; a regional enterprise's business plan still is.
    func testBusinessPlanOfAPublicServiceAgencyIsNotABusinessSecret() {
        let rules = Classifier(ruleSet: defaultRules, precedents: [])
        for text in ["Rencana Bisnis dan Anggaran (RBA) Tahunan", "Rencana Strategi Bisnis (RSB)",
                     "Rencana Bisnis dan Anggaran BLUD RSUD tahun 2026"] {
            XCTAssertFalse(rules.classify(item(text)).needsConsequenceTest, text)
        }
        let enterprise = rules.classify(item("Rencana bisnis dan anggaran perusahaan daerah"))
        XCTAssertTrue(enterprise.needsConsequenceTest)
        XCTAssertEqual(enterprise.exemptionGrounds, ["17b"])
    }

    /// A person's wage is his financial condition like a salary (Pasal 17 huruf h angka 3), and a
    /// case that has no binding force yet is a case still in process (Pasal 17 huruf a angka 1),
    /// in the other words lists use for both; wage standards and final judgments stay open.
    func testWagesAndCasesWithoutBindingForceInOtherWords() {
        let rules = Classifier(ruleSet: defaultRules, precedents: [])
        let wages = rules.classify(item("Informasi upah pegawai perusahaan daerah"))
        XCTAssertTrue(wages.needsConsequenceTest)
        XCTAssertEqual(wages.exemptionGrounds, ["17h3"])
        let cases = rules.classify(item("Data perkara/kasus hukum yang belum mempunyai kekuatan hukum mengikat (inkracht)"))
        XCTAssertTrue(cases.needsConsequenceTest)
        XCTAssertEqual(cases.exemptionGrounds, ["17a1"])
        for open in ["Upah minimum kabupaten tahun 2025", "Standar upah per pekerja konstruksi",
                     "Putusan perkara perdata yang telah berkekuatan hukum tetap"] {
            XCTAssertFalse(rules.classify(item(open)).needsConsequenceTest, open)
        }
    }

    func testRightsOfPartiesAndJoinedTatacaraAreNotInvestigationMaterial() {
        let rules = Classifier(ruleSet: defaultRules, precedents: [])
        // Rights of the parties (KUHAP Pasal 50–68; complaints handling) and procedures are
        // general information a court publishes, not case material; "tatacara" is "tata cara".
        for open in ["Hak-hak tersangka dan terdakwa selama pemeriksaan di pengadilan",
                     "Hak pelapor dan hak terlapor dalam penanganan pengaduan di pengadilan",
                     "Tatacara pelaporan dugaan pelanggaran oleh pegawai"] {
            let c = rules.classify(item(open))
            XCTAssertFalse(c.needsConsequenceTest, "\(open): \(c.hits.map(\.ruleID))")
        }
        XCTAssertEqual(defaultRules.morphology.spelledOut(["tatacara", "pengaduan"]), ["tata", "cara", "pengaduan"])
        // The case material itself stays flagged.
        for withheld in ["Berkas pemeriksaan tersangka dan terdakwa yang masih berjalan",
                         "Identitas terlapor dan hasil klarifikasi dugaan pelanggaran"] {
            let c = rules.classify(item(withheld))
            XCTAssertTrue(c.needsConsequenceTest, withheld)
            XCTAssertTrue(c.exemptionGrounds.contains("17a1"), "\(withheld): \(c.exemptionGrounds)")
        }
    }

    func testPasal18PublicOfficeLiftsEvaluation() {
        let official = classifier.classify(item("Hasil asesmen kompetensi pejabat administrator", declared: .berkala))
        XCTAssertFalse(official.needsConsequenceTest)
        let staff = classifier.classify(item("Hasil asesmen kompetensi pegawai pelaksana", declared: .berkala))
        XCTAssertTrue(staff.needsConsequenceTest)
        XCTAssertEqual(staff.exemptionGrounds, ["17h4"])
    }

    func testPasal18WrittenConsentLiftsOnlyPersonalSecrets() {
        let consent = classifier.classify(item("Daftar gaji pegawai yang diumumkan atas persetujuan tertulis yang bersangkutan", declared: .setiapSaat))
        XCTAssertFalse(consent.needsConsequenceTest, "\(consent.notes)")
        XCTAssertTrue(consent.notes.contains { $0.contains("persetujuan tertulis") })
        // Population data (Pasal 17 huruf j) is not lifted by consent under Pasal 18.
        let nik = classifier.classify(item("Daftar NIK warga dengan persetujuan tertulis", declared: .setiapSaat))
        XCTAssertTrue(nik.needsConsequenceTest)
        XCTAssertEqual(nik.exemptionGrounds, ["17j1"])
        // "tanpa persetujuan tertulis" does not lift.
        let without = classifier.classify(item("Rekam medis pasien tanpa persetujuan tertulis", declared: .setiapSaat))
        XCTAssertTrue(without.needsConsequenceTest)
    }

    func testAlternativeCategoryAccepted() {
        let asBerkala = classifier.classify(item("Rencana Strategis (Renstra) Dinas Kesehatan 2021-2026", declared: .berkala))
        XCTAssertEqual(asBerkala.suggested, .berkala)
        XCTAssertEqual(asBerkala.subgroup, .B)
        XCTAssertFalse(asBerkala.needsReview)
        let asSetiapSaat = classifier.classify(item("Rencana Strategis (Renstra) Dinas Kesehatan 2021-2026", declared: .setiapSaat))
        XCTAssertEqual(asSetiapSaat.suggested, .setiapSaat)
        XCTAssertNil(asSetiapSaat.subgroup)
        XCTAssertFalse(asSetiapSaat.needsReview)
        // Undeclared, the rule's own category; a strong precedent vote for the allowed one is
        // PrecedentTests.testNearPrecedentsChooseTheCategoryARuleAllows.
        let undeclared = Classifier(ruleSet: defaultRules, precedents: []).classify(item("Rencana Strategis (Renstra) Dinas Kesehatan 2021-2026"))
        XCTAssertEqual(undeclared.suggested, .setiapSaat)
    }

    /// Where the rule names setiap saat and allows berkala, a title naming the period of its
    /// edition is suggested berkala (docs/classification.md §31); a year alone, a date, a rule
    /// that does not allow berkala, or the policy off leave the rule's own category.
    func testPeriodOfEditionChoosesTheBerkalaTheRuleAllows() {
        let rules = Classifier(ruleSet: defaultRules, precedents: [])
        for title in ["Laporan penanganan pengaduan masyarakat triwulan II tahun 2025", "Rekapitulasi pengaduan bulan Oktober 2025",
                      "Laporan pengaduan masyarakat tahunan", "Rekapitulasi pengaduan Oktober 2025"] {
            let c = rules.classify(item(title))
            XCTAssertTrue(c.hits.contains { $0.ruleID == "laporan-penanganan-pengaduan" }, "\(title): \(c.hits.map(\.ruleID))")
            XCTAssertEqual(c.suggested, .berkala, title)
            XCTAssertTrue(c.notes.contains { $0.contains("judulnya menyebut periode") }, "\(title): \(c.notes)")
        }
        for title in ["Laporan penanganan pengaduan masyarakat", "Laporan penanganan pengaduan masyarakat tahun 2025",
                      "Rekapitulasi pengaduan tanggal 14 Maret 2025"] {
            XCTAssertEqual(rules.classify(item(title)).suggested, .setiapSaat, title)
        }
        // setiap-saat-dip allows no other category: the period changes nothing.
        XCTAssertEqual(rules.classify(item("Daftar Informasi Publik semester I")).suggested, .setiapSaat)
        // The unit's declared category stands.
        XCTAssertEqual(classifier.classify(item("Rekapitulasi pengaduan triwulan III", declared: .setiapSaat)).suggested, .setiapSaat)
        var off = PrecedentPolicy.standard
        off.periodWordsPickBerkala = false
        XCTAssertEqual(Classifier(ruleSet: defaultRules, precedents: [], policy: off)
            .classify(item("Rekapitulasi pengaduan triwulan III")).suggested, .setiapSaat)
    }

    func testNoRuleKeepsDeclaredAndNoDeclarationNeedsReview() {
        let kept = classifier.classify(item("Laporan kejadian bencana dan kerugian tahun 2025", declared: .berkala))
        XCTAssertEqual(kept.suggested, .berkala)
        XCTAssertFalse(kept.needsReview)
        let unknown = classifier.classify(item("Dokumen lain-lain"))
        XCTAssertNil(unknown.suggested)
        XCTAssertTrue(unknown.needsReview)
    }

    func testSubgroupFromHeadingWhenTextIsSilent() {
        let c = classifier.classify(item("Alamat dan nomor telepon kantor", declared: .berkala,
                                         heading: "1. Informasi tentang Profil Badan Publik"))
        XCTAssertEqual(c.subgroup, .A, "the unit's sub-group heading decides when the text is silent")
        let d = classifier.classify(item("Daftar paket pekerjaan 2026", declared: .berkala,
                                         heading: "Pengumuman Pengadaan Barang dan Jasa"))
        XCTAssertEqual(d.subgroup, .I)
    }

    func testSertaMertaAndEvacuation() {
        let klb = classifier.classify(item("Informasi Kejadian Luar Biasa (KLB) Demam Berdarah Dengue", declared: .sertaMerta))
        XCTAssertEqual(klb.suggested, .sertaMerta)
        XCTAssertFalse(klb.needsReview)
        let plan = classifier.classify(item("Rencana Kontinjensi Bencana Banjir Kabupaten Serang", declared: .sertaMerta))
        XCTAssertEqual(plan.suggested, .sertaMerta, "K allows serta merta as alternative")
        let asBerkala = classifier.classify(item("Rencana Kontinjensi Bencana Banjir Kabupaten Serang", declared: .berkala))
        XCTAssertEqual(asBerkala.subgroup, .K)
    }

    /// A title that names its own category ("Informasi yang wajib diumumkan serta merta") is
    /// that category, above the sub-group rule its other words meet; a fire brigade's staff data
    /// is no fire, and a foreigner's duty to report is no complaint procedure (berkala H).
    func testTitleNamingItsCategoryAndTwoWordsReadInContext() {
        for text in ["Informasi yang wajib diumumkan serta merta", "Informasi serta merta",
                     "Prosedur peringatan dini dan evakuasi keadaan darurat (Informasi Publik Serta Merta)"] {
            let c = classifier.classify(item(text))
            XCTAssertEqual(c.suggested, .sertaMerta, "\(text): \(c.hits.map(\.ruleID))")
            XCTAssertTrue(c.hits.contains { $0.ruleID == "judul-menyebut-serta-merta" }, text)
        }
        let setiapSaat = classifier.classify(item("Informasi Yang Wajib Tersedia Setiap Saat"))
        XCTAssertEqual(setiapSaat.suggested, .setiapSaat, "\(setiapSaat.hits.map(\.ruleID))")
        let evacuation = classifier.classify(item("Prosedur peringatan dini dan evakuasi keadaan darurat"))
        XCTAssertEqual(evacuation.suggested, .berkala, "the law's berkala K without the unit's word")
        let staff = classifier.classify(item("Data pegawai Dinas Pemadam Kebakaran"))
        XCTAssertFalse(staff.hits.contains { $0.ruleID == "serta-merta-bencana-alam" }, "\(staff.hits.map(\.ruleID))")
        XCTAssertNotEqual(staff.suggested, .sertaMerta)
        XCTAssertTrue(classifier.classify(item("Informasi kejadian kebakaran permukiman")).hits.contains { $0.ruleID == "serta-merta-bencana-alam" })
        let report = classifier.classify(item("Surat keterangan wajib lapor orang asing"))
        XCTAssertFalse(report.hits.contains { $0.ruleID == "berkala-h-pengaduan" }, "\(report.hits.map(\.ruleID))")
        XCTAssertTrue(classifier.classify(item("Tata cara pengaduan melalui SP4N-LAPOR!")).hits.contains { $0.ruleID == "berkala-h-pengaduan" })
    }

    /// UU 14/2008 Pasal 10's own words, and current disaster information, are serta merta.
    func testPasal10WordsAndCurrentDisasterInformationAreSertaMerta() {
        for text in ["Informasi berkaitan dengan risiko yang dapat mengancam kesehatan dan keselamatan masyarakat",
                     "Informasi yang dapat mengancam hajat hidup orang banyak", "Informasi Bencana Terkini"] {
            XCTAssertEqual(classifier.classify(item(text)).suggested, .sertaMerta, text)
        }
        XCTAssertNotEqual(Classifier(ruleSet: defaultRules, precedents: []).classify(item("Laporan kejadian bencana dan kerugian tahun 2025")).suggested,
                          .sertaMerta)
    }

    /// A body's decision is setiap saat (UU 14/2008 Pasal 11 ayat (1) huruf b) whoever signs it —
    /// a governor, a mayor, a DPRD, a commission's chair — also in office short forms; a list
    /// that only names the decision it was set by is not the decision (docs/classification.md §36).
    func testDecisionsOfAnySignatoryAreSetiapSaat() {
        let rulesOnly = Classifier(ruleSet: defaultRules, precedents: [])
        for text in ["Keputusan Gubernur Banten Nomor 489.1 Tahun 2021 tentang Penetapan Pejabat PPID",
                     "Keputusan Wali Kota tentang Petunjuk Teknis Sistem Informasi",
                     "Keputusan Ketua Komisi Informasi Pusat Nomor 01 Tahun 2018",
                     "KEP.DPRD NO 174.1 KEP.22-SETWAN IX 2019 TENTANG SUSUNAN FRAKSI",
                     "Kepmen tentang pedoman pelayanan"] {
            let c = rulesOnly.classify(item(text))
            XCTAssertTrue(c.hits.contains { $0.ruleID == "keputusan" }, "\(text): \(c.hits.map(\.ruleID))")
            XCTAssertEqual(c.suggested, .setiapSaat, text)
        }
        for text in ["Daftar penerima beasiswa yang ditetapkan dengan keputusan rektor",
                     "List of scholarship recipients as determined by the Rector's decree"] {
            XCTAssertFalse(rulesOnly.classify(item(text)).hits.contains { $0.ruleID == "keputusan" }, text)
        }
    }

    /// An instruction of any official is a policy (UU 14/2008 Pasal 11 ayat (1) huruf c), and a
    /// mayor's or a minister's regulation is Perki 1/2021's berkala F as a regent's is; a mayor's
    /// pay is neither (the short form "perwali" would stem to "wali" and was left out).
    func testInstructionsAndMayorsRegulationsAreReadAsTheLawsKinds() {
        let rulesOnly = Classifier(ruleSet: defaultRules, precedents: [])
        let instruction = rulesOnly.classify(item("Instruksi Wali Kota tentang Optimalisasi Komunikasi dan Informasi Publik"))
        XCTAssertTrue(instruction.hits.contains { $0.ruleID == "kebijakan" }, "\(instruction.hits.map(\.ruleID))")
        XCTAssertEqual(instruction.suggested, .setiapSaat)
        for text in ["Peraturan Wali Kota Nomor 36 Tahun 2019 tentang Pengelolaan Air Limbah Domestik",
                     "Perwal Nomor 36 Tahun 2019 tentang Pengelolaan Air Limbah Domestik",
                     "Peraturan Menteri tentang Organisasi dan Tata Kerja"] {
            let c = rulesOnly.classify(item(text))
            XCTAssertTrue(c.hits.contains { $0.ruleID == "berkala-f-peraturan" }, "\(text): \(c.hits.map(\.ruleID))")
        }
        XCTAssertFalse(rulesOnly.classify(item("Gaji dan tunjangan wali kota")).hits.contains { $0.ruleID == "berkala-f-peraturan" })
    }

    /// An alert on a spreading animal disease is Perki 1/2021's serta merta "penyebaran penyakit
    /// menular" as a human one is; a vaccination report on it is not (the rule's `kecuali`).
    func testAnimalDiseaseAlertsAreSertaMerta() {
        let rulesOnly = Classifier(ruleSet: defaultRules, precedents: [])
        for text in ["Waspada Penyakit Mulut & Kuku", "Waspada Lumpy Skin Disease (LSD)"] {
            XCTAssertEqual(rulesOnly.classify(item(text)).suggested, .sertaMerta, text)
        }
        XCTAssertNotEqual(rulesOnly.classify(item("Laporan vaksinasi penyakit mulut dan kuku tahun 2024")).suggested, .sertaMerta)
    }

    /// Perki 1/2021 lists "pedoman pengelolaan organisasi, administrasi, personil dan keuangan"
    /// among the information available at all times; bodies list each guideline on its own
    /// ("Dokumen pedoman pengelolaan kepegawaian"), which the rule read only as the whole phrase
    /// (docs/classification.md §56). A guideline on managing anything else is not read.
    func testEachManagementGuidelineThePerkiListsIsSetiapSaat() {
        let rulesOnly = Classifier(ruleSet: defaultRules, precedents: [])
        for text in ["Dokumen pedoman pengelolaan kepegawaian", "Informasi tentang pedoman pengelolaan administrasi",
                     "Pedoman Pengelolaan Keuangan", "Pedoman pengelolaan personil satuan polisi pamong praja",
                     "Informasi tentang pedoman kepegawaian"] {
            let c = rulesOnly.classify(item(text))
            XCTAssertTrue(c.hits.contains { $0.ruleID == "setiap-saat-organisasi-administrasi" }, "\(text): \(c.hits.map(\.ruleID))")
            XCTAssertEqual(c.suggested, .setiapSaat, text)
            XCTAssertFalse(c.needsConsequenceTest, text)
        }
        let tax = rulesOnly.classify(item("Pedoman pengelolaan dan pelayanan pajak bumi dan bangunan secara elektronik"))
        XCTAssertFalse(tax.hits.contains { $0.ruleID == "setiap-saat-organisasi-administrasi" }, "\(tax.hits.map(\.ruleID))")
    }

    /// A decision is setiap saat whatever its subject (UU 14/2008 Pasal 11 ayat (1) huruf b): a
    /// decision on the KUA PPAS, an APBD amendment, an LKPJ committee or the IKU is not the
    /// berkala budget, report or indicator it names (docs/classification.md §56). A recap that
    /// only comes with its SK stays the recap; a decision on a disaster emergency stays serta merta.
    func testADecisionIsSetiapSaatWhateverItsSubject() {
        let rulesOnly = Classifier(ruleSet: defaultRules, precedents: [])
        for text in ["Keputusan Bupati tentang penetapan KUA PPAS tahun anggaran 2026",
                     "KEP.DPRD NO 174.1 KEP.18-SETWAN VIII 2026 PERSETUJUAN DPRD PERUBAHAN APBD TA 2026",
                     "Keputusan Pimpinan DPRD tentang pembentukan panitia khusus LKPJ Bupati tahun 2025",
                     "Keputusan Wali Kota tentang penetapan indikator kinerja utama perangkat daerah"] {
            let c = rulesOnly.classify(item(text))
            XCTAssertEqual(c.suggested, .setiapSaat, "\(text): \(c.hits.map(\.ruleID))")
            XCTAssertFalse(c.needsConsequenceTest, text)
        }
        let recap = rulesOnly.classify(item("Rekapitulasi realisasi anggaran triwulan II beserta SK penetapannya"))
        XCTAssertFalse(recap.hits.contains { $0.ruleID == "keputusan" }, "\(recap.hits.map(\.ruleID))")
        XCTAssertEqual(recap.suggested, .berkala)
        XCTAssertEqual(rulesOnly.classify(item("Keputusan Bupati tentang status tanggap darurat bencana banjir")).suggested, .sertaMerta)
    }

    /// Staffing statistics are Perki 1/2021's data on staffing (setiap saat); an epidemic written
    /// "Covid19" (one word, letters and digits) is serta merta as "Covid-19" is (docs/classification.md §56).
    func testStaffingStatisticsAndAnEpidemicWrittenAsOneWord() {
        let rulesOnly = Classifier(ruleSet: defaultRules, precedents: [])
        for text in ["Statistik Kepegawaian", "Statistik ASN menurut golongan dan tingkat pendidikan"] {
            let c = rulesOnly.classify(item(text))
            XCTAssertTrue(c.hits.contains { $0.ruleID == "setiap-saat-data-organisasi" }, "\(text): \(c.hits.map(\.ruleID))")
            XCTAssertEqual(c.suggested, .setiapSaat, text)
        }
        XCTAssertEqual(rulesOnly.classify(item("Informasi Percepatan Penanganan Covid19")).suggested, .sertaMerta)
    }

    func testKlasifikasiJSONContract() throws {
        let c = classifier.classify(item("daftar penerima bansos beserta NIK dan nomor rekening", declared: .setiapSaat))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: encoder.encode(KlasifikasiJSON(c))) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["kategori", "subkelompok", "perlu_uji_konsekuensi", "dasar_pengecualian",
                                        "perlu_ditinjau", "kategori_unit", "tanpa_dasar_hukum", "alasan", "catatan",
                                        "kategori_preseden", "preseden",
                                        "peluang_dikecualikan", "kata_condong_dikecualikan", "kategori_model"])
        XCTAssertEqual(json["kategori"] as? String, "dikecualikan")
        XCTAssertTrue(json["subkelompok"] is NSNull)
        XCTAssertEqual(json["perlu_uji_konsekuensi"] as? Bool, true)
        XCTAssertEqual(json["dasar_pengecualian"] as? [String], ["17h3", "17j1"])
        XCTAssertEqual(json["kategori_unit"] as? String, "setiap_saat")
        let reasons = try XCTUnwrap(json["alasan"] as? [[String: Any]])
        XCTAssertEqual(reasons.first?["aturan"] as? String, "kependudukan-perorangan")
        XCTAssertEqual(reasons.first?["kata"] as? [String], ["nik"])
        XCTAssertNotNil(reasons.first?["keterangan"] as? String)
        let berkala = try encoder.encode(KlasifikasiJSON(classifier.classify(item("DPA 2026", declared: .berkala))))
        XCTAssertTrue(String(decoding: berkala, as: UTF8.self).contains("\"subkelompok\":\"B\""))
        XCTAssertEqual(try JSONDecoder().decode(KlasifikasiJSON.self, from: berkala).subkelompok, "B")
    }

    func testCompletenessPerUnitAndBody() {
        let completeness = Completeness(ruleSet: defaultRules)
        let rows: [(String, String, Category)] = [
            ("dinkes", "Profil Dinas Kesehatan", .berkala),
            ("dinkes", "DPA Dinas Kesehatan 2026", .berkala),
            ("dinkes", "SOP pelayanan perizinan", .setiapSaat),
            ("dinkes", "Rekam medis pasien", .setiapSaat),
            ("bpbd", "Rencana Kontinjensi Bencana Banjir", .berkala),
            ("bpbd", "Perjanjian kerja sama dengan PMI", .setiapSaat),
        ]
        let classified = rows.map { unit, text, declared in
            (unit: unit, item: item(text, declared: declared),
             classification: Classifier(ruleSet: defaultRules).classify(item(text, declared: declared)))
        }
        let report = completeness.report(items: classified)
        XCTAssertEqual(report.units.map(\.unit), ["bpbd", "dinkes"])
        let dinkes = report.units[1]
        XCTAssertEqual(dinkes.itemCount, 4)
        XCTAssertEqual(dinkes.subgroupCounts, ["A": 1, "B": 1])
        XCTAssertEqual(dinkes.missingSubgroups, [.C, .D, .E, .F, .G, .H, .I, .J, .K])
        XCTAssertFalse(dinkes.missingSetiapSaat.contains("prosedur_kerja"))
        XCTAssertFalse(dinkes.missingSetiapSaat.contains("perizinan"))
        XCTAssertTrue(dinkes.missingSetiapSaat.contains("perjanjian"))
        XCTAssertTrue(dinkes.missingSetiapSaat.contains("dip"))
        let body = report.body
        XCTAssertNil(body.unit)
        XCTAssertEqual(body.itemCount, 6)
        XCTAssertEqual(body.missingSubgroups, [.C, .D, .E, .F, .G, .H, .I, .J])
        XCTAssertFalse(body.missingSetiapSaat.contains("perjanjian"))
        XCTAssertEqual(body.missingSetiapSaat.count, defaultRules.setiapSaat.count - 3)
    }

    /// An item declared dikecualikan with its grounds is told the legal basis of exactly those
    /// grounds; the citation is kept per list of grounds (session 22), so a second item with
    /// the same first ground but another list must not get the first one's.
    func testDeclaredWithheldItemsCiteTheirOwnGrounds() {
        let classifier = Classifier(ruleSet: defaultRules)
        let citations = LegalCitations(ruleSet: defaultRules)
        var notes: [String] = []
        for basis in ["Pasal 17 huruf h", "Pasal 17 huruf h dan huruf c", "Pasal 17 huruf h", "Pasal 17 huruf c"] {
            let c = classifier.classify(item("Catatan rapat internal", declared: .dikecualikan, basis: basis))
            XCTAssertFalse(c.exemptionGrounds.isEmpty, basis)
            let expected = "Dinyatakan dikecualikan: wajib uji konsekuensi (Pasal 19 UU 14/2008) dengan dasar \(citations.citation(codes: c.exemptionGrounds))."
            XCTAssertTrue(c.notes.contains(expected), "\(basis): \(c.notes)")
            notes.append(expected)
        }
        XCTAssertEqual(notes[0], notes[2])
        XCTAssertEqual(Set(notes).count, 3)
    }
}
