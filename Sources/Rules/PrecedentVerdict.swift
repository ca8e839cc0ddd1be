import DIPCore
import Foundation

/// How precedents turn into a suggestion. The standard values were tuned on the training
/// bodies of the corpus only (docs/classification.md).
public struct PrecedentPolicy: Hashable, Sendable {
    /// How many nearest precedents vote.
    public var neighbours = 7
    /// A precedent at least this similar (cosine of stemmed titles) may decide.
    public var minimumSimilarity = 0.3
    /// Below `minimumSimilarity` but at least this similar: a weak suggestion, put to review.
    public var weakSimilarity = 0.1
    /// Voters must be at least this share of the best one's similarity.
    public var relativeCut = 0.6
    /// The item is flagged for a consequence test when exempt precedents hold at least this
    /// share of the vote.
    public var flagShare = 0.4
    /// … and the most similar exempt precedent is at least this similar.
    public var flagSimilarity = 0.5
    /// … and holds at least this share of that precedent's words (IDF-weighted): an item
    /// lacking the word that made a title withheld ("nilai" in "Nilai hasil seleksi …") is not
    /// flagged by it.
    public var flagContainment = 0.6
    /// … and a withheld precedent less than `flagNearSimilarity` similar to the item (not a
    /// near-identical title) must hold this share: there the words two titles share are often the
    /// withheld title's modifiers without its head ("Hasil Monitoring dan Evaluasi KIP" against
    /// the withheld "Nilai Monitoring Evaluasi", "Jadwal uji kompetensi guru" against a withheld
    /// test). Since session 23 (0.6 before): on nested validation 8 fewer open items flagged for
    /// 5 withheld (all of them still put to review), on the law probes 16 for 3, leave-one-body-out
    /// 4 for 1 (docs/classification.md §39.3).
    public var flagContainmentDistant = 0.8
    public var flagNearSimilarity = 0.8
    /// … and such a distant withheld precedent must also hold this IDF-weighted share of the
    /// item's own words (similarity² / containment): a short withheld title nearly contained in a
    /// longer item whose other words make it another kind ("Sistem keamanan informasi" in
    /// "Pengadaan sistem keamanan gedung kantor bupati", procurement) is not enough. 0: off.
    /// Only for measuring (docs/classification.md §50.3).
    public var flagCoverageDistant = 0.0
    /// A verdict is strong (it can contradict a declared category or an open rule) when its
    /// best precedent is this similar and its category holds `strongAgreement` of the vote.
    public var strongSimilarity = 0.6
    public var strongAgreement = 0.75
    /// Weight of the PPID's own decisions against the corpus (they also outrank it: when one is
    /// near enough, only the PPID's decisions vote).
    public var ppidWeight = 3.0
    /// The learned layer (LearnedModel) flags an item no rule and no precedent flagged when the
    /// probability that bodies withhold it reaches this (and no open rule, lift, open marker or
    /// strong open precedent speaks against it). Off (infinity) by default: on the training
    /// bodies, leave-one-body-out, its flags added false flags and no withheld item
    /// (docs/classification.md §6), and on nested validation no threshold caught a withheld
    /// item without a twin that the rules missed (§13.2); it asks for review instead
    /// (`modelReviewProbability`).
    public var modelFlagProbability = Double.infinity
    /// … or this, when the nearest precedents lean withheld (their category is dikecualikan)
    /// without holding the item's words closely enough to flag it themselves: two signals that
    /// agree. 0.95 from session 17 (docs/classification.md §13.2) to session 21; **off since
    /// session 22** (§35): on nested validation it added 47 open items without a twin for 8
    /// withheld ones (most of them one body's titles naming the body itself, words other bodies
    /// of the same name withhold under), on leave-one-body-out 15 for 2, on the law probes 5 for
    /// 1, and on fresh set 6 10 for 1 (§32). The items it flagged stay in front of the PPID:
    /// from `modelReviewWithPrecedent` they are perlu ditinjau with the layer's words.
    public var modelFlagWithPrecedent = Double.infinity
    /// … and only when the nearest precedent is at least this similar (0: any precedent even
    /// weakly similar, `weakSimilarity`, that leans withheld). Only for measuring
    /// (docs/classification.md §35).
    public var modelFlagLeaningSimilarity = 0.0
    /// Below the flag, the learned layer puts an item to review (perlu ditinjau, with its
    /// words) from this probability, or this one when the precedents lean withheld.
    public var modelReviewProbability = 0.99
    public var modelReviewWithPrecedent = 0.7
    /// … or from this probability (with `modelMinimumEvidence` words) even when an open rule
    /// decided the category (no open marker, no Pasal 18 lift): the rule's category stands and
    /// nothing is flagged, but a person looks. Since session 24 (§39.2's review-only variant):
    /// on nested validation, items without a twin, 7 more withheld items reached for 9 more
    /// open items reviewed (the review queue held 7 % withheld items; these 44 %),
    /// leave-one-body-out 3 for 5, the law probes 1 for 24 (docs/classification.md §45.3).
    public var modelReviewAgainstOpenRule = 0.9
    /// The learned layer flags only when at least this many of the item's words (alone or in a
    /// pair; an abbreviation's expansion is no extra word) push it towards withheld: one generic
    /// word ("pegawai", "dosen", "NPWP") is not enough. Counted in features until session 17,
    /// when "NPWP" alone counted four (npwp and its expansion pokok, wajib, pajak).
    public var modelMinimumEvidence = 2
    /// Additive smoothing of the learned layer's counts.
    public var modelSmoothing = 0.3
    /// The learned layer chooses the open category where no rule and no unit names one.
    public var modelChoosesOpenCategory = true
    /// … except when the precedents' verdict is strong.
    public var modelYieldsToStrongPrecedent = false
    /// … or only where no precedent is near enough to decide (similarity below
    /// `minimumSimilarity`, or none at all).
    public var modelOnlyWherePrecedentsAreWeak = true
    /// For items flagged by precedents or the learned layer (never by a rule), the learned
    /// layer's Pasal 17 code is used even when the withheld precedents cite one: it weighs
    /// every withheld title with a stated ground, not only the few nearest.
    public var modelGroundFirst = true
    /// The learned layer also learns from the law's own lists (RuleSet.statutoryExamples).
    /// Only for measuring: the layer built when the rules are loaded always does.
    public var modelLearnsFromLaw = true
    /// The learned layer learns from withheld titles of the corpus that dip reads in English
    /// (`Morphology.readsInEnglish`). Off since session 20 (docs/classification.md §24.1): the
    /// word map turns every incidental word of an English sentence into an Indonesian word the
    /// layer counted as withheld evidence; on nested validation the layer's flags cost 3 open
    /// items without a twin for 7 withheld, and 1 for 5 without those titles. They still vote
    /// as precedents. The layer built when the rules are loaded follows the standard.
    public var modelLearnsFromEnglishWithheld = false
    /// Bodies whose precedents the learned layer does not learn from (they still vote as
    /// precedents). Only for measuring (docs/classification.md §24): what one group of bodies
    /// adds to the layer's flags.
    public var modelLeavesOutBodies: Set<String> = []
    /// The learned layer does not learn a corpus body's own name from that body's titles
    /// ("… di LLDikti Wilayah XI" from LLDikti Wilayah XI): it says who holds the item, not what
    /// it is, and taught the layer that every title naming a sibling body ("Peta Jabatan LLDikti
    /// Wilayah IV") leans withheld (docs/classification.md §35). Since session 23 the proper
    /// names only (`BodyNameCut.properNames`): on nested validation the layer's review marks on
    /// open items without a twin fell from 91 to 48 and no flag, withheld review or category
    /// moved (§39.1).
    public var modelLeavesOutBodyNames = BodyNameCut.properNames
    /// The precedent index leaves a corpus body's own name out of its titles' similarity terms
    /// (`BodyNameCut`). Only for measuring: on nested validation it flagged 15 more open items
    /// and no withheld one (a title stripped of its name keeps only its generic words, which
    /// then hold the words of many unrelated titles; docs/classification.md §39.1).
    public var precedentsLeaveOutBodyNames = BodyNameCut.none
    /// The PPID's own decisions are compared with an item without the names of units and bodies
    /// the two hold (`NameWords`: unit.yaml's names and codes, the decisions' units, the corpus's
    /// bodies): a unit's rare name made every title of that unit near each decision on another
    /// of its titles, and a decision that near outranks the corpus (docs/classification.md §53).
    /// The corpus keeps its names (§39.1).
    public var ppidDecisionsLeaveOutNames = true
    /// An item's words that name one of the PPID's units (the rule set's unit.yaml, `NameWords`)
    /// are left out where it is compared with any precedent, the corpus included: a unit's long
    /// name diluted its title against the corpus, and a corpus body of the same name ("Dinas
    /// Komunikasi, Informatika, Statistik dan Persandian Kota Bekasi") made its titles near.
    /// Rules and the learned layer read the whole text. No change on nested validation's flags and
    /// category, leave-one-body-out or the law probes' flags (their titles hardly name the
    /// regency's units); on the simulated regency (`classify-unit-names`) 3 more withheld flags
    /// and 13 more categories agreeing, no open item flagged. Standard since session 28: the
    /// token table reads the names once per distinct word, and it costs classify-distinct (every
    /// title naming a unit) 2.3 % of instructions (docs/classification.md §57).
    public var itemsLeaveOutUnitNames = true
    /// Where no rule and no unit names a category and the precedents' verdict is not strong
    /// (no voter ≥ `strongSimilarity` agreeing ≥ `strongAgreement`, no PPID decision among the
    /// voters), the open category most precedents have (berkala) is suggested, for review:
    /// on the training bodies, leave-one-body-out, weak votes agreed with the body less often
    /// than that one category did (docs/classification.md §8).
    public var commonCategoryWhereWeak = true
    /// A withheld precedent whose title is one word ("NPWP", "IMB") flags only a text at least
    /// this similar to it: a longer title that merely contains the word is about something else
    /// as often as not ("NPWP rumah sakit daerah"). On the training bodies, leave-one-body-out,
    /// such flags caught no withheld item at any threshold (docs/classification.md §8.5).
    public var singleWordFlagSimilarity = 0.8
    /// Where a rule names an open category and allows another (`kategori_alternatif`: the law's
    /// berkala and setiap-saat lists overlap, e.g. a Renstra, a regulation, an inventory), a
    /// strong precedent vote (`strongSimilarity`, `strongAgreement`) for that allowed category
    /// chooses it: both are lawful, and the nearest bodies say which one lists use for this
    /// wording. Never serta merta: UU 14/2008 Pasal 10 makes an item serta merta by the threat it
    /// announces, not by how bodies file its wording. On validation, docs/classification.md §26.
    public var precedentsPickAllowedCategory = true
    /// Where the deciding rule names setiap saat and allows berkala (`kategori_alternatif`: the
    /// kind is in both of Perki 1/2021's lists, e.g. complaint-handling reports) and the title
    /// names the period of its edition ("triwulan II", "tahunan", "bulan Oktober 2021"), the item
    /// is one issue of a periodic series: berkala (UU 14/2008 Pasal 9). A year alone is no
    /// period ("Renstra 2021-2026", "Review Renstra Tahun 2023"), nor a date ("tanggal 14 Maret
    /// 2018"). A strong precedent vote (`precedentsPickAllowedCategory`) and a unit's declared
    /// category come first. On validation, docs/classification.md §31.
    public var periodWordsPickBerkala = true
    /// Where the kind of the item's own body is known (`Classifier.forBodyKind`: a corpus body's
    /// `jenis_badan` when measuring), a voter whose body is of the same kind weighs this many
    /// times its similarity² (1: the kind does not matter). Only for measuring
    /// (docs/classification.md §45.1).
    public var sameKindWeight = 1.0
    /// … and kinds are compared by family: the regional governments (kabupaten, kota, provinsi)
    /// are one kind, since a regency's and a city's units are the same offices.
    public var sameKindFamilies = false
    /// … and only a withheld voter of the item's own kind (family) can make the verdict
    /// exempt-like (flag): a university's withheld exam answers do not flag a Dinas title.
    /// Only for measuring (§45.1).
    public var flagNeedsSameKind = false

    /// Whether the policy reads the kind of the item's body at all.
    public var readsBodyKind: Bool { sameKindWeight != 1 || flagNeedsSameKind }

    /// The kind a `jenis_badan` value is compared as (lower-cased; the regional governments as
    /// one family when `sameKindFamilies`).
    public func kindKey(_ kind: String) -> String {
        let key = kind.trimmingCharacters(in: .whitespaces).lowercased()
        if sameKindFamilies, ["kabupaten", "kota", "provinsi"].contains(key) { return "pemda" }
        return key
    }
    /// A withheld precedent does not flag an item when one of the PPID's withholding rules reads
    /// that precedent's title and, on the item, that same rule's conditions hold but one of its
    /// `kecuali` phrases stops it ("Dokumen soal dan uji kompetensi" is withheld by the rule on
    /// test papers; "Jadwal pelaksanaan soal dan uji kompetensi guru" holds the rule's words and
    /// its exception "jadwal"). The rule says why the precedent is withheld and that this item
    /// is the open variant: the PPID's explicit voice, which the precedents do not overrule
    /// (issue 14: rules win where they fire). The item is put to review (perlu ditinjau) with
    /// both, not flagged (docs/classification.md §61).
    public var precedentsYieldToRuleExceptions = true
    /// … and, more widely, when every withheld precedent that would flag the item is read by a
    /// withholding rule that does not read the item at all (no `kecuali` needed): the rules know
    /// why those precedents are withheld, and the item lacks it. Only for measuring (§61).
    public var precedentsYieldToRuleReading = false

    /// A withheld precedent less than `flagNearSimilarity` similar, of at most
    /// `flagWordOrderMaximumWords` content words, flags only an item that holds the words the two
    /// share in the precedent's order: Indonesian puts the head first, so two words in the other
    /// order are another thing ("Alamat rumah", a person's home address, against "Daftar rumah
    /// singgah … beserta alamat", a shelter's; "Sertifikat tanah", a title deed, against "tanah
    /// wakaf bersertifikat"). Such an item is perlu ditinjau as one whose withheld precedents do
    /// not hold its words. Since session 29 (two words): law probes 3 fewer open items flagged,
    /// no exempt probe, validation and the engine without keyword rules unchanged; for every
    /// length it cost the latter 12 withheld flags for 3 open (docs/classification.md §61.5).
    public var flagNeedsWordOrderDistant = true
    public var flagWordOrderMaximumWords = 2

    /// Where dip's Pasal 17 letter would otherwise come from the precedents or the learned
    /// layer (precedents flag an item no rule reads), or be missing altogether (a unit declares an
    /// item dikecualikan without writing its basis and no rule cites one): the grounds the PPID's
    /// rules give the most similar withheld voter, at least this similar, whose own title a
    /// flagging rule reads. The rules' letters were chosen by the law for each kind; the letter a
    /// body cited, or the one the learned layer learned from bodies, often is not (Pasal 17 h used
    /// as a general "confidential" for a study programme's self-evaluation or a body's own
    /// quality audit). On nested validation a unit's withheld item without a basis was left
    /// without any letter 86 times in 322, 78 with this; the letters it gives were read against
    /// Pasal 17 (docs/classification.md §44). Infinity: off.
    public var precedentRuleLetterSimilarity = 0.5

    public init() {}

    public static let standard = PrecedentPolicy()

    /// The standard policy with the learned layer silent (it neither flags, nor chooses a
    /// category or a ground): rules and precedents as before the layer, for comparison.
    public static var withoutLearnedLayer: PrecedentPolicy {
        var policy = PrecedentPolicy()
        policy.modelFlagProbability = .infinity
        policy.modelFlagWithPrecedent = .infinity
        policy.modelReviewProbability = .infinity
        policy.modelReviewWithPrecedent = .infinity
        policy.modelChoosesOpenCategory = false
        policy.modelGroundFirst = false
        return policy
    }
}

/// What the nearest precedents say about one item.
struct PrecedentVerdict: Equatable {
    var category: Category
    /// The best open category among the voters (nil when every voter withheld).
    var openCategory: Category?
    /// At least one voter reached `minimumSimilarity`.
    var decisive: Bool
    /// The similarity of the nearest precedent (after an open marker set withheld ones aside).
    var bestSimilarity = 0.0
    var strong: Bool
    /// The winning category's share of the vote.
    var agreement = 0.0
    /// A decision of this PPID is among the voters.
    var fromPPID = false
    var exemptLike: Bool
    /// The withheld voters (precedent positions in the index) that hold the item's words closely
    /// enough to flag it (the containment tests of `exemptLike`).
    var flaggingVoters: [Int] = []
    /// For each of `flaggingVoters`, whether it is near-identical (`flagNearSimilarity`).
    var flaggingNear: [Bool] = []
    /// Pasal 17 grounds of the exempt voters, the most cited letter first.
    var grounds: [String]
    var hits: [PrecedentHit]
    /// Each hit's similarity in whole percent, as its explanation line prints it.
    var percents: [Int]
    /// Whether each hit's title is a corpus title in English (`PrecedentIndex.englishTitles`).
    var englishHits: [Bool]
    /// How many precedents voted, and from how many bodies.
    var voterCount: Int
    var voterBodies: Int

    /// Hit `i`'s line for the notes ("Preseden: mirip dengan '…' (kemiripan 84%) — dikecualikan
    /// oleh …"), built when a note needs it, not for every text the classifier reads.
    ///
    /// A corpus title in English (`englishHits`) is quoted as the body published it, and the
    /// note says so, so an Indonesian reader knows the English words are a quotation of that
    /// body's list, not dip's wording.
    func explanationLine(_ i: Int) -> String {
        let english = englishHits[i]
        let hit = hits[i]
        let verb = Classifier.verb(hit.category)
        // "dikecualikan oleh X dengan dasar Pasal 17 huruf h": the basis the body gave (a bare
        // ", Pasal 17 huruf g; Pasal 17 huruf h" after the body's name read as a list of names).
        let basis = hit.grounds.isEmpty ? "" : " dengan dasar " + hit.grounds.map(PrecedentVerdict.describe).joined(separator: " dan ")
        // Appended to a string made once at its full size: an interpolation of a long title and
        // source grew its string several times (5 % of classify-distinct, session 28).
        let percent = String(percents[i])
        // The PPID's own decision names no body; a corpus precedent names who withheld or opened
        // it and, for an English title, says it is quoted.
        let own = hit.origin == Precedent.Origin.ppid.rawValue
        let lead = own ? "Keputusan PPID sendiri: mirip dengan '" : "Preseden: mirip dengan '"
        let by = own ? "" : " oleh " + (hit.bodies == 1 ? hit.body : "\(hit.bodies) badan publik")
        let quoted = !own && english ? "; " + Self.englishTitleLabel : ""
        let sourceOpen = own ? " [" : " [sumber: "
        var line = ""
        line.reserveCapacity(40 + lead.utf8.count + hit.title.utf8.count + verb.utf8.count + by.utf8.count + basis.utf8.count
                             + quoted.utf8.count + hit.source.utf8.count)
        line += lead
        line += hit.title
        line += "' (kemiripan "
        line += percent
        line += "%) — "
        line += verb
        line += by
        line += basis
        line += quoted
        line += sourceOpen
        line += hit.source
        line += "]."
        return line
    }

    /// What a precedent's note adds after a title in English.
    static let englishTitleLabel = "judul berbahasa Inggris itu dikutip apa adanya dari daftar yang diterbitkan badan publik tersebut"

    /// "dikecualikan menurut 80% bobot 5 preseden terdekat dari 3 badan publik" — for notes.
    var summary: String {
        "\(Classifier.verb(category)) menurut \(Int((agreement * 100).rounded()))% bobot \(voterCount) preseden terdekat dari \(voterBodies) badan publik"
    }
    /// How many exempt precedents were set aside because the text is marked open.
    var setAside = 0

    var groundsText: String { grounds.map(PrecedentVerdict.describe).joined(separator: ", ") }

    /// "17h2" → "Pasal 17 huruf h angka 2"; "17j4" → "Pasal 17 huruf j": huruf b, d, g, i and j
    /// have no points in UU 14/2008 (a precedent's "17j4" is the rules' local number), so a note
    /// never names a provision that does not exist (the unit feedback read "Pasal 17 huruf j
    /// angka 4", session 21).
    static func describe(_ code: String) -> String {
        let letter = code.dropFirst(2).prefix(1)
        let number = letter.first.map { LegalCitations.lettersWithoutPoints.contains($0) } == true ? "" : code.dropFirst(3)
        return "Pasal 17 huruf \(letter)" + (number.isEmpty ? "" : " angka \(number)")
    }
}

extension Classifier {
    /// The precedents' verdict on a text, or nil when no precedent is even weakly similar.
    /// With `openOnly`, exempt precedents are set aside (the text carries a word the PPID's
    /// exemption rules list under `kecuali`: an aggregate, a procedure, an office address).
    func precedentVerdict(tokens: [String], openOnly: Bool = false) -> PrecedentVerdict? {
        precedentVerdict(neighbours: precedentIndex.nearest(tokens: tokens, limit: max(policy.neighbours * 3, 20),
                                                            minimum: policy.weakSimilarity),
                         openOnly: openOnly)
    }

    /// The verdict of the nearest precedents found for a text.
    func precedentVerdict(neighbours: [PrecedentIndex.Neighbour], openOnly: Bool) -> PrecedentVerdict? {
        let index = precedentIndex
        var found = neighbours
        var setAside = 0
        if openOnly {
            let count = found.count
            found = found.filter { index.categories[$0.index] != .dikecualikan }
            setAside = count - found.count
        }
        guard let best = found.first else { return nil }
        let decisive = best.similarity >= policy.minimumSimilarity
        // The voters: those near enough the best (and, when it decides, similar enough), at most
        // `policy.neighbours`; the PPID's own decisions outrank other bodies'. One pass over the
        // neighbours, not a list made per filter (classify-distinct).
        let limit = max(policy.neighbours, 0)
        let cut = best.similarity * policy.relativeCut
        var voters: [PrecedentIndex.Neighbour] = []
        voters.reserveCapacity(min(found.count, limit))
        var own: [PrecedentIndex.Neighbour] = []
        for neighbour in found where neighbour.similarity >= cut {
            if decisive {
                guard neighbour.similarity >= policy.minimumSimilarity else { continue }
                if index.origins[neighbour.index] == .ppid && own.count < limit { own.append(neighbour) }
            }
            if voters.count < limit { voters.append(neighbour) }
        }
        if !own.isEmpty { voters = own }

        // Each category's weight in `Category.allCases` order (a category no voter has stays
        // out of the ranking): four slots, not a dictionary hashing each voter's category's
        // name (classify-distinct, session 22). Summed in voter order, as before.
        let categories = Category.allCases
        var score = SIMD4<Double>(repeating: 0)
        var voted = SIMD4<UInt8>(repeating: 0)
        var letterScore: [Character: Double] = [:]
        var codeScore: [String: Double] = [:]
        var total = 0.0
        // The kind of the item's body (empty: unknown, the kind plays no part). The PPID's own
        // decisions are of its own kind.
        let itemKind = policy.readsBodyKind ? bodyKindKey : ""
        func sameKind(_ i: Int) -> Bool {
            index.origins[i] == .ppid || policy.kindKey(index.precedents[i].bodyKind) == itemKind
        }
        for voter in voters {
            let category = index.categories[voter.index]
            var weight = voter.similarity * voter.similarity * (index.origins[voter.index] == .ppid ? policy.ppidWeight : 1)
            if !itemKind.isEmpty, policy.sameKindWeight != 1, sameKind(voter.index) { weight *= policy.sameKindWeight }
            let slot = Self.slot(category)
            score[slot] += weight
            voted[slot] = 1
            total += weight
            if category == .dikecualikan {
                for code in index.groundLists[voter.index] {
                    if let letter = code.dropFirst(2).first { letterScore[letter, default: 0] += weight }
                    codeScore[code, default: 0] += weight
                }
            }
        }
        // The most weight first, ties to the category that sorts first: the first of the
        // ranking, and the first open one.
        func ranksBefore(_ a: Int, _ b: Int) -> Bool { (score[a], categories[b]) > (score[b], categories[a]) }
        var first = -1, firstOpen = -1
        for slot in categories.indices where voted[slot] != 0 {
            if first < 0 || ranksBefore(slot, first) { first = slot }
            if categories[slot] != .dikecualikan && (firstOpen < 0 || ranksBefore(slot, firstOpen)) { firstOpen = slot }
        }
        let openCategory = firstOpen < 0 ? nil : categories[firstOpen]
        let category = categories[first]
        let agreement = total > 0 ? score[first] / total : 0
        let exemptShare = total > 0 ? score[Self.slot(.dikecualikan)] / total : 0
        let strong = decisive && best.similarity >= policy.strongSimilarity && agreement >= policy.strongAgreement
        let exemptVoters = voters.filter { index.categories[$0.index] == .dikecualikan }
        let bestExempt = exemptVoters.first?.similarity ?? 0
        // One shared word is not enough evidence unless the withheld title is that one word.
        // (A closure, applied twice: the voters it keeps are listed only for an item they flag.)
        let flags: (PrecedentIndex.Neighbour) -> Bool = {
            (itemKind.isEmpty || !policy.flagNeedsSameKind || sameKind($0.index))
                && $0.containment >= ($0.similarity >= policy.flagNearSimilarity ? policy.flagContainment : policy.flagContainmentDistant)
                && ($0.similarity >= policy.flagNearSimilarity
                    || $0.similarity * $0.similarity >= policy.flagCoverageDistant * $0.containment)
                && ($0.shared >= 2 || $0.terms == 1)
                && (!$0.oneWord || $0.similarity >= policy.singleWordFlagSimilarity)
        }
        let contained = exemptVoters.contains(where: flags)
        let exemptLike = decisive && contained && (category == .dikecualikan
            || (exemptShare >= policy.flagShare && bestExempt >= policy.flagSimilarity))
        let flagging = exemptLike ? exemptVoters.filter(flags) : []

        // Grounds: the most cited letter, with its most cited code (a sub-point when one is
        // cited as often as the bare letter).
        var grounds: [String] = []
        if let letter = letterScore.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first?.key {
            let codes = codeScore.filter { $0.key.dropFirst(2).first == letter }
                .sorted { ($0.value, $0.key.count, $1.key) > ($1.value, $1.key.count, $0.key) }
            if let code = codes.first?.key { grounds.append(code) }
        }

        // Explanation: voters grouped by the same stemmed title and category.
        // (Few voters: a linear search by group id beats hashing the title strings.)
        struct Group { var id: Int32; var first: Int; var similarity: Double; var bodies: [Int32]; var grounds: [String] }
        var groups: [Group] = []
        for voter in voters.isEmpty ? [best] : voters {
            let id = index.groupIDs[voter.index]
            let g: Int
            if let known = groups.firstIndex(where: { $0.id == id }) {
                g = known
            } else {
                groups.append(Group(id: id, first: voter.index, similarity: voter.similarity, bodies: [], grounds: []))
                g = groups.count - 1
            }
            let body = index.bodyIDs[voter.index]
            if !groups[g].bodies.contains(body) { groups[g].bodies.append(body) }
            for code in index.groundLists[voter.index] where !groups[g].grounds.contains(code) { groups[g].grounds.append(code) }
        }
        var hits: [PrecedentHit] = []
        var percents: [Int] = []
        var englishHits: [Bool] = []
        for group in groups.prefix(3) {
            // Field by field: a whole `Precedent` copied here retained and released each of its
            // strings (classify-distinct, session 22).
            let i = group.first
            hits.append(PrecedentHit(title: index.precedents[i].title, category: index.categories[i], grounds: group.grounds,
                                     body: index.bodies[i], bodies: group.bodies.count, source: index.precedents[i].source,
                                     similarity: (group.similarity * 1000).rounded() / 1000, origin: index.origins[i].rawValue))
            percents.append(Int((group.similarity * 100).rounded()))
            englishHits.append(index.englishTitles[i])
        }
        var bodies: [Int32] = []
        for voter in voters where !bodies.contains(index.bodyIDs[voter.index]) { bodies.append(index.bodyIDs[voter.index]) }
        return PrecedentVerdict(category: category, openCategory: openCategory, decisive: decisive, bestSimilarity: best.similarity,
                                strong: strong, agreement: agreement,
                                fromPPID: voters.contains { index.origins[$0.index] == .ppid }, exemptLike: exemptLike,
                                flaggingVoters: exemptLike ? flagging.map(\.index) : [],
                                flaggingNear: exemptLike ? flagging.map { $0.similarity >= policy.flagNearSimilarity } : [],
                                grounds: grounds, hits: hits, percents: percents, englishHits: englishHits, voterCount: voters.count,
                                voterBodies: bodies.count, setAside: setAside)
    }

    /// A category's position in `Category.allCases`.
    static func slot(_ category: Category) -> Int {
        switch category {
        case .berkala: return 0
        case .sertaMerta: return 1
        case .setiapSaat: return 2
        case .dikecualikan: return 3
        }
    }

    /// "dikecualikan", "diumumkan berkala", …
    static func verb(_ category: Category) -> String {
        switch category {
        case .berkala: return "diumumkan berkala"
        case .sertaMerta: return "diumumkan serta merta"
        case .setiapSaat: return "tersedia setiap saat"
        case .dikecualikan: return "dikecualikan"
        }
    }
}

/// The precedent lines of a classification's notes, read back.
public enum PrecedentNote {
    /// What a note written by `explanationLine` says of its precedent: the similarity in whole
    /// percent as printed and the precedent's category; nil for any other note. The register
    /// keeps a classification's notes, not its hits, so readers of stored notes (the unit
    /// feedback) read them back here, beside the one place that writes them.
    public static func read(_ note: String) -> (percent: Int, category: Category)? {
        guard note.hasPrefix("Preseden: mirip dengan '") || note.hasPrefix("Keputusan PPID sendiri: mirip dengan '"),
              let percentStart = note.lastByteRange(of: "' (kemiripan "),
              let percentEnd = note.firstByteRange(of: "%) — ", in: percentStart.upperBound..<note.endIndex),
              let percent = Int(note[percentStart.upperBound..<percentEnd.lowerBound])
        else { return nil }
        let rest = note[percentEnd.upperBound...]
        guard let category = Category.allCases.first(where: { rest.utf8.starts(with: Classifier.verb($0).utf8) }) else { return nil }
        return (percent, category)
    }
}
