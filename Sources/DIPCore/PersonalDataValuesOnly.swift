import Foundation

/// Values of personal data only, names left as written: what the website masks in an open item whose
/// values no approval recorded (`Publish.PublishedWhole`, session 26). Through `find`, after the same
/// byte check `find` makes for values, so a text without an "@" or a run of 8 digits (nearly every
/// summary of a regency's 18,000) costs no name search.
extension PersonalDataValues {
    /// `text` with every value `find` reads (not a name) replaced by `mask`.
    public static func maskedValues(_ text: String) -> String {
        guard mayHoldValues(text) else { return text }
        return masked(text, found: find(in: text).filter { $0.kind != .name })
    }
}
