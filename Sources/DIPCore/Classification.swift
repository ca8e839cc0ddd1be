/// One rule that fired on an item, and the words that made it fire.
public struct RuleHit: Codable, Hashable, Sendable {
    public var ruleID: String
    /// The rule's Indonesian description.
    public var description: String
    public var matchedWords: [String]

    public init(ruleID: String, description: String, matchedWords: [String]) {
        self.ruleID = ruleID
        self.description = description
        self.matchedWords = matchedWords
    }

    /// The words the classifier appends to the description of a hit whose ground a Pasal 18
    /// rule lifted.
    public static let liftedByPasal18Suffix = "(dicabut berdasarkan Pasal 18)"

    /// Whether a Pasal 18 rule lifted this hit's ground (said in its description).
    public var isLiftedByPasal18: Bool { description.hasSuffix(Self.liftedByPasal18Suffix) }
}

/// A decision on a similar title that informed the suggestion (a precedent), for explanations.
public struct PrecedentHit: Codable, Hashable, Sendable {
    /// The precedent's title as published (or as the unit wrote it, for the PPID's own).
    public var title: String
    public var category: Category
    /// Its Pasal 17 grounds ("17h2"), empty when none was stated.
    public var grounds: [String]
    /// The body that decided (one of them when several decided the same title).
    public var body: String
    /// How many bodies decided this title in this category.
    public var bodies: Int
    /// Where the decision is written (address, repository path, register entry).
    public var source: String
    /// Cosine similarity of the stemmed titles, 0…1.
    public var similarity: Double
    /// "korpus" (other bodies' published decisions) or "ppid" (this PPID's own decisions).
    public var origin: String

    public init(title: String, category: Category, grounds: [String], body: String, bodies: Int,
                source: String, similarity: Double, origin: String) {
        self.title = title
        self.category = category
        self.grounds = grounds
        self.body = body
        self.bodies = bodies
        self.source = source
        self.similarity = similarity
        self.origin = origin
    }
}

/// What the learned layer (naive Bayes over the stems of titles other bodies decided) says
/// about an item, for explanations.
public struct LearnedHint: Codable, Hashable, Sendable {
    /// Probability (0–1, three decimals) that public bodies would withhold the item.
    public var withheldProbability: Double
    /// The item's words that pushed it towards withheld, strongest first.
    public var withheldWords: [String]
    /// The open category its words suggest (nil when the layer learned none).
    public var openCategory: Category?
    /// The Pasal 17 code its words suggest ("17h"), nil when none was learned.
    public var ground: String?
    /// The learned layer (not a rule, not a precedent) flagged the item for a consequence test.
    public var flagged: Bool
    /// The learned layer found the item likely withheld, not enough to flag it, and put it to
    /// review (perlu ditinjau) with a note.
    public var review: Bool

    public init(withheldProbability: Double, withheldWords: [String], openCategory: Category?, ground: String?,
                flagged: Bool = false, review: Bool = false) {
        self.flagged = flagged
        self.review = review
        self.withheldProbability = withheldProbability
        self.withheldWords = withheldWords
        self.openCategory = openCategory
        self.ground = ground
    }
}

/// The outcome of classifying one item with the PPID's rules.
public struct Classification: Codable, Hashable, Sendable {
    /// What the unit declared.
    public var declared: Category?
    /// What the rules suggest (nil when no rule decided and nothing was declared).
    public var suggested: Category?
    /// The berkala sub-group the rules suggest.
    public var subgroup: BerkalaSubgroup?
    /// Whether the item needs a consequence test (*uji konsekuensi*) before it may be published.
    public var needsConsequenceTest: Bool
    /// Pasal 17 grounds such as "17h2", "17a1".
    public var exemptionGrounds: [String]
    /// Declared and suggested disagree, or something else needs a person (*perlu ditinjau*).
    public var needsReview: Bool
    /// An exempted item with no ground named by the unit or a rule.
    public var missingLegalBasis: Bool
    /// Each rule that fired, in order.
    public var hits: [RuleHit]
    /// Plain-Indonesian notes for the reviewer (why review, why a test).
    public var notes: [String]
    /// The nearest precedents (most similar first) that informed the suggestion.
    public var precedents: [PrecedentHit] = []
    /// The category the precedents alone suggest (nil when none is near enough).
    public var precedentCategory: Category?
    /// What the learned layer (naive Bayes over stems, trained on the precedents) says, nil
    /// when it knows none of the item's words.
    public var learned: LearnedHint?

    public init(
        declared: Category?, suggested: Category?, subgroup: BerkalaSubgroup?,
        needsConsequenceTest: Bool, exemptionGrounds: [String], needsReview: Bool,
        missingLegalBasis: Bool, hits: [RuleHit], notes: [String]
    ) {
        self.init(declared: declared, suggested: suggested, subgroup: subgroup, needsConsequenceTest: needsConsequenceTest,
                  exemptionGrounds: exemptionGrounds, needsReview: needsReview, missingLegalBasis: missingLegalBasis,
                  hits: hits, notes: notes, precedents: [], precedentCategory: nil)
    }

    public init(
        declared: Category?, suggested: Category?, subgroup: BerkalaSubgroup?,
        needsConsequenceTest: Bool, exemptionGrounds: [String], needsReview: Bool,
        missingLegalBasis: Bool, hits: [RuleHit], notes: [String],
        precedents: [PrecedentHit], precedentCategory: Category?, learned: LearnedHint? = nil
    ) {
        self.declared = declared
        self.suggested = suggested
        self.subgroup = subgroup
        self.needsConsequenceTest = needsConsequenceTest
        self.exemptionGrounds = exemptionGrounds
        self.needsReview = needsReview
        self.missingLegalBasis = missingLegalBasis
        self.hits = hits
        self.notes = notes
        self.precedents = precedents
        self.precedentCategory = precedentCategory
        self.learned = learned
    }

    enum CodingKeys: String, CodingKey {
        case declared, suggested, subgroup, needsConsequenceTest, exemptionGrounds, needsReview
        case missingLegalBasis, hits, notes, precedents, precedentCategory
    }

    /// Writes every field but `precedents` and `learned`: the register keeps a classification per revision,
    /// and the precedent reasons are already in `notes` (the review pack and feedback print
    /// them); `dip check` and `dip rules explain` classify afresh and show the full hits.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(declared, forKey: .declared)
        try c.encodeIfPresent(suggested, forKey: .suggested)
        try c.encodeIfPresent(subgroup, forKey: .subgroup)
        try c.encode(needsConsequenceTest, forKey: .needsConsequenceTest)
        try c.encode(exemptionGrounds, forKey: .exemptionGrounds)
        try c.encode(needsReview, forKey: .needsReview)
        try c.encode(missingLegalBasis, forKey: .missingLegalBasis)
        try c.encode(hits, forKey: .hits)
        try c.encode(notes, forKey: .notes)
        try c.encodeIfPresent(precedentCategory, forKey: .precedentCategory)
    }

    /// Reads classifications stored before precedents existed too (the two new keys absent).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        declared = try c.decodeIfPresent(Category.self, forKey: .declared)
        suggested = try c.decodeIfPresent(Category.self, forKey: .suggested)
        subgroup = try c.decodeIfPresent(BerkalaSubgroup.self, forKey: .subgroup)
        needsConsequenceTest = try c.decode(Bool.self, forKey: .needsConsequenceTest)
        exemptionGrounds = try c.decode([String].self, forKey: .exemptionGrounds)
        needsReview = try c.decode(Bool.self, forKey: .needsReview)
        missingLegalBasis = try c.decode(Bool.self, forKey: .missingLegalBasis)
        hits = try c.decode([RuleHit].self, forKey: .hits)
        notes = try c.decode([String].self, forKey: .notes)
        precedents = try c.decodeIfPresent([PrecedentHit].self, forKey: .precedents) ?? []
        precedentCategory = try c.decodeIfPresent(Category.self, forKey: .precedentCategory)
    }
}
