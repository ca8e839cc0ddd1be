/// A string compared and hashed by its UTF-8 bytes. Swift's `String` hashes and compares by
/// canonical equivalence, which normalises every non-ASCII string (an em dash in a title is
/// enough) on each lookup; byte-equal strings are always canonically equal, so a table keyed
/// by `ExactText` in front of a `String`-keyed one finds what that one finds, only faster.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: ExactText, b: ExactText) -> Bool {
        var left = a.text, right = b.text
        return left.withUTF8 { l in right.withUTF8 { r in l.count == r.count && l.elementsEqual(r) } }
    }
}
