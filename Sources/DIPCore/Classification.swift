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

    public init(
        declared: Category?, suggested: Category?, subgroup: BerkalaSubgroup?,
        needsConsequenceTest: Bool, exemptionGrounds: [String], needsReview: Bool,
        missingLegalBasis: Bool, hits: [RuleHit], notes: [String]
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
    }
}
