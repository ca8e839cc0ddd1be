/// Web addresses taken from units' files (hyperlinks, link columns) are untrusted: only a
/// plain absolute `http`/`https` URL is ever stored or written out. The intake checks it when
/// reading; the writers check it again before making a link, so nothing else in the register
/// (an old database, a hand edit) can become a `javascript:` link on the website.
public enum WebLink {
    /// The address if it is fit to publish, else nil: an absolute `http`/`https` URL (scheme
    /// lower-cased; "www.…" gets "https://") whose host is letters, digits, `-` and `.`, at
    /// most 2,000 bytes, printable ASCII only, none of `" < > \ ^ ` { } |`, and no user info
    /// (`user@host`). Leading and trailing spaces are dropped.
    public static func checked(_ raw: String) -> String? {
        var s = Substring(raw)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        if s.isEmpty || s.utf8.count > 2_000 { return nil }
        var text = String(s)
        if text.lowercased().hasPrefix("www.") { text = "https://" + text }
        let lower = text.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") {
            scheme = "https://"
        } else if lower.hasPrefix("http://") {
            scheme = "http://"
        } else {
            return nil
        }
        let rest = text.utf8.dropFirst(scheme.utf8.count)
        for b in rest {
            if b <= 0x20 || b >= 0x7F { return nil }
            switch b {
            case 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7D, 0x7C: return nil
            default: continue
            }
        }
        let authority = rest.prefix { $0 != 0x2F && $0 != 0x3F && $0 != 0x23 }  // / ? #
        if authority.isEmpty || authority.contains(0x40) { return nil }  // @
        let host = authority.prefix { $0 != 0x3A }  // :
        let plainHost = host.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
        }
        guard !host.isEmpty, plainHost, host.contains(where: { $0 != 0x2E }) else { return nil }
        return scheme + String(decoding: rest, as: UTF8.self)
    }
}
