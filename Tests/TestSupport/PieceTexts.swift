/// Texts joined from a few chosen pieces, drawn by a fixed-seed linear congruential generator
/// (Knuth's MMIX constants) so every run draws the same texts: for tests that compare a fast
/// byte path with its reference on many awkward inputs.
public struct PieceTexts {
    private let pieces: [String]
    private let maxPieces: Int
    private var state: UInt64

    /// Texts of 0 to `maxPieces - 1` pieces from `pieces`, drawn from `seed`.
    public init(_ pieces: [String], maxPieces: Int, seed: UInt64) {
        self.pieces = pieces
        self.maxPieces = maxPieces
        state = seed
    }

    /// The generator's next non-negative number (also for a test's other choices, e.g. a width).
    public mutating func nextInt() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(truncatingIfNeeded: state >> 33)
    }

    /// The next text: a piece count first, then each piece.
    public mutating func nextText() -> String {
        (0..<(nextInt() % maxPieces)).map { _ in pieces[nextInt() % pieces.count] }.joined()
    }
}
