import Foundation

/// How the public website output names and links itself. Stored in the workspace as JSON;
/// every field has a Kabupaten Serang default so a missing key keeps working.
public struct WebsiteSettings: Codable, Hashable, Sendable {
    /// The page and feed title.
    public var siteTitle: String
    /// The public body (*Badan Publik*) that publishes the list; the feeds' author.
    public var bodyName: String
    /// Where the output folder is served, ending in "/" (feeds need absolute links).
    public var baseURL: String
    /// The domain the body owns, used in tag URIs (RFC 4151) for stable entry ids.
    public var tagDomain: String
    /// A date (year) on which the body owned `tagDomain`; part of every tag URI, never changes.
    public var tagDate: String
    /// SPDX-style licence id for the open data and feeds (e.g. "CC-BY-4.0").
    public var licenseID: String
    /// The licence's human title.
    public var licenseTitle: String
    /// The licence text's URL.
    public var licenseURL: String
    /// Whether the page lists the titles of exempted information with basis and period
    /// (DIP.md §8 allows it; their content is never published).
    public var listExemptedTitles: Bool
    /// Where and how a citizen asks the PPID for information (address, e-mail, a request form's
    /// link), as the body writes it; the page says information is requested from the PPID and,
    /// when this is set, adds it. Empty by default: dip knows no body's address.
    public var requestContact: String

    public init(
        siteTitle: String = "Daftar Informasi Publik Pemerintah Kabupaten Serang",
        bodyName: String = "Pemerintah Kabupaten Serang",
        baseURL: String = "https://ppid.serangkab.go.id/dip/",
        tagDomain: String = "serangkab.go.id",
        tagDate: String = "2025",
        licenseID: String = "CC-BY-4.0",
        licenseTitle: String = "Creative Commons Atribusi 4.0 Internasional",
        licenseURL: String = "https://creativecommons.org/licenses/by/4.0/",
        listExemptedTitles: Bool = true,
        requestContact: String = ""
    ) {
        self.siteTitle = siteTitle
        self.bodyName = bodyName
        self.baseURL = baseURL
        self.tagDomain = tagDomain
        self.tagDate = tagDate
        self.licenseID = licenseID
        self.licenseTitle = licenseTitle
        self.licenseURL = licenseURL
        self.listExemptedTitles = listExemptedTitles
        self.requestContact = requestContact
    }

    /// Kabupaten Serang's settings.
    public static let serang = WebsiteSettings()

    private enum CodingKeys: String, CodingKey {
        case siteTitle, bodyName, baseURL, tagDomain, tagDate, licenseID, licenseTitle,
             licenseURL, listExemptedTitles, requestContact
    }

    /// Decodes leniently: a key that is absent takes the Kabupaten Serang default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = WebsiteSettings()
        siteTitle = try c.decodeIfPresent(String.self, forKey: .siteTitle) ?? d.siteTitle
        bodyName = try c.decodeIfPresent(String.self, forKey: .bodyName) ?? d.bodyName
        baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL) ?? d.baseURL
        tagDomain = try c.decodeIfPresent(String.self, forKey: .tagDomain) ?? d.tagDomain
        tagDate = try c.decodeIfPresent(String.self, forKey: .tagDate) ?? d.tagDate
        licenseID = try c.decodeIfPresent(String.self, forKey: .licenseID) ?? d.licenseID
        licenseTitle = try c.decodeIfPresent(String.self, forKey: .licenseTitle) ?? d.licenseTitle
        licenseURL = try c.decodeIfPresent(String.self, forKey: .licenseURL) ?? d.licenseURL
        listExemptedTitles = try c.decodeIfPresent(Bool.self, forKey: .listExemptedTitles)
            ?? d.listExemptedTitles
        requestContact = try c.decodeIfPresent(String.self, forKey: .requestContact) ?? d.requestContact
    }

    /// The base URL with exactly one trailing "/".
    var normalizedBaseURL: String {
        var s = baseURL
        while s.hasSuffix("/") { s.removeLast() }
        return s + "/"
    }
}
