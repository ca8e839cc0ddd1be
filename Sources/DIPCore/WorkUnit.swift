/// A work unit (OPD, kecamatan, RSUD) that submits a list. `code` is its inbox folder name.
public struct WorkUnit: Codable, Hashable, Sendable {
    public var code: String
    public var name: String
    /// The head's title ("Kepala Dinas Kesehatan").
    public var headTitle: String?
    /// The unit's PPID Pelaksana.
    public var ppidPelaksana: String?

    public init(code: String, name: String, headTitle: String? = nil, ppidPelaksana: String? = nil) {
        self.code = code
        self.name = name
        self.headTitle = headTitle
        self.ppidPelaksana = ppidPelaksana
    }
}
