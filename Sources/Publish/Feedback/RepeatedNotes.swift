import OfficeFormats

/// The explanations a long list repeats, written once: a 20,000-row list made a 11 MB text
/// and an 18 MB page of unit feedback (session 19), nearly all of it the same few dozen
/// sentences ("Kolom … kosong" with its two-line hint, "Preseden: mirip dengan …") on row
/// after row. A text on at least `minimumRows` rows of one file gets a code ("C1", in the
/// order the rows first carry it); the rows cite the code and the text is given once with
/// the number of rows it applies to. Every row still names every note it has.
public struct RepeatedNotes: Sendable {
    /// Fewer rows than this keep the text on each row: a short list reads best as it is.
    public static let minimumRows = 10
    /// A text shorter than this ("Akan ditinjau oleh PPID.") is shorter than its citation.
    public static let minimumLength = 40

    /// The texts that got a code, in code order, each with how many rows carry it.
    public private(set) var entries: [(text: String, rows: Int)] = []
    // Keyed by the text's bytes: the notes are dip's own sentences, and String's own hashing
    // normalises every non-ASCII text ("—", "’") to NFC first, which was most of this type's
    // cost on a 20,000-row list (session 19).
    private var codes: [ExactText: Int] = [:]

    /// - Parameter rows: per row, the texts it carries (a text counted once per row).
    public init(rows: [[String]]) {
        add(rows: rows)
    }

    /// Gives a code to each text repeated on `rows` (as `init(rows:)` counts them) that has none
    /// yet, numbered after the codes already given; a text that has a code keeps it. The
    /// unit's text feedback starts from the codes of its page (`UnitFeedback.FeedbackDocuments`)
    /// and adds those of its other files, so one code names one text in both (session 19 gave
    /// "C7" to a missing-column problem on the page and to a precedent in the text).
    public mutating func add(rows: [[String]]) {
        var count: [ExactText: Int] = [:]
        for texts in rows {
            for text in Set(texts.map(ExactText.init)) { count[text, default: 0] += 1 }
        }
        // Codes in the order the rows first carry the texts (deterministic).
        for texts in rows {
            for text in texts where text.count >= Self.minimumLength {
                let key = ExactText(text)
                guard codes[key] == nil, let rows = count[key], rows >= Self.minimumRows else { continue }
                codes[key] = entries.count
                entries.append((text, rows))
            }
        }
    }

    /// "C3" for a text that has a code, nil for a text kept on its row.
    public func code(_ text: String) -> String? {
        codes[ExactText(text)].map { Self.label($0) }
    }

    static func label(_ index: Int) -> String { "C\(index + 1)" }

    /// The entries as "C1" and the text, for a list.
    public var labelled: [(code: String, text: String, rows: Int)] {
        entries.enumerated().map { (Self.label($0.offset), $0.element.text, $0.element.rows) }
    }

    public var isEmpty: Bool { entries.isEmpty }
}
