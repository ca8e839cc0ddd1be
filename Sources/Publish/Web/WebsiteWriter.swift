import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// Why the website output could not be written.
public enum WebsiteError: Error, Equatable, Sendable {
    /// A draft version is not published; only approved or published versions go online.
    case versionNotApproved(number: Int)
    /// A file could not be written (path, system message).
    case writeFailed(path: String, reason: String)
}

extension WebsiteError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .versionNotApproved(let n):
            return "DIP versi \(n) masih draf; hanya versi yang sudah disetujui yang dapat dipublikasikan."
        case .writeFailed(let path, let reason):
            return "Gagal menulis \(path). \(SystemErrorText.explained(reason))."
        }
    }
}

/// The website output of one published version: the file names written, in a fixed order.
public struct WebsiteOutput: Sendable, Equatable {
    /// The folder holding the files.
    public var directory: URL
    /// File names relative to `directory`.
    public var files: [String]
    /// Ids of the items published (page, feeds and CSV list exactly these).
    public var itemIDs: [String]
}

/// Writes the public website folder for a published DIP version: `index.html`, `feed.atom`,
/// `feed.json`, `dip.csv`, `dip.xlsx` and `datapackage.json`, ready to copy to the PPID's web
/// server.
public enum WebsiteWriter {
    /// The files in the order they are written.
    public static let fileNames = [
        IndexPage.csvName, IndexPage.xlsxName, IndexPage.dataPackageName, IndexPage.atomName,
        IndexPage.jsonFeedName, "index.html",
    ]

    /// Renders every website file in memory, keyed by file name.
    ///
    /// - Parameters:
    ///   - version: the version to publish (approved or published).
    ///   - history: earlier versions, for the change feeds (entries for revisions they first
    ///     published keep those versions' dates); may be empty.
    ///   - publishedWhole: the item revisions an approval recorded as published whole although
    ///     they hold personal data (`ApprovalEvent.openedPersonalData`, every version's): only their
    ///     values are printed as written; any other open item's are masked (`PublishedWhole`).
    /// - Throws: `WebsiteError.versionNotApproved` for a draft.
    public static func render(
        version: DIPVersion, history: [DIPVersion], settings: WebsiteSettings,
        citations: LegalCitations = .builtIn, clock: Clock, exemptionTerms: [ExemptionTerm] = [],
        publishedWhole: Set<ItemRevisionRef> = []
    ) throws -> [String: Data] {
        guard version.status != .draft else {
            throw WebsiteError.versionNotApproved(number: version.number)
        }
        let version = PublishedWhole.masked(version, recorded: publishedWhole)
        let history = history.map { PublishedWhole.masked($0, recorded: publishedWhole) }
        let list = PublishedList(version: version)
        let entries = Feeds.entries(list, history: history)
        return [
            "index.html": Data(IndexPage.render(list, settings: settings, citations: citations, clock: clock,
                                                 terms: exemptionTerms, history: history).utf8),
            IndexPage.atomName: Data(Feeds.atom(list, entries: entries, history: history, settings: settings,
                                                clock: clock).utf8),
            IndexPage.jsonFeedName: try Feeds.jsonFeed(list, entries: entries, history: history, settings: settings,
                                                       clock: clock),
            IndexPage.csvName: Data(OpenData.csv(list).utf8),
            IndexPage.xlsxName: Data(try OpenData.xlsx(list, settings: settings, clock: clock)),
            IndexPage.dataPackageName: try OpenData.dataPackage(list, settings: settings, clock: clock),
        ]
    }

    /// Writes the website files into `directory` (created when missing). Each file is written
    /// under a temporary name and renamed, so a served folder never shows half a file.
    ///
    /// - Returns: what was written.
    /// - Throws: `WebsiteError`.
    @discardableResult
    public static func write(
        version: DIPVersion, history: [DIPVersion] = [], settings: WebsiteSettings = .serang,
        clock: Clock, to directory: URL
    ) throws -> WebsiteOutput {
        let files = try render(version: version, history: history, settings: settings, clock: clock)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WebsiteError.writeFailed(path: directory.path, reason: SystemErrorText.reason(of: error))
        }
        for name in fileNames {
            try AtomicFile.write(files[name]!, to: directory.appendingPathComponent(name))
        }
        return WebsiteOutput(directory: directory, files: fileNames,
                             itemIDs: PublishedList(version: version).items.map(\.id))
    }
}

/// Write-to-temporary-then-rename for the website files.
enum AtomicFile {
    /// OfficeFormats' temporary-name-then-rename write, with the website's error type.
    static func write(_ data: Data, to url: URL) throws {
        do {
            try OPCPackage.writeAtomically([UInt8](data), to: url)
        } catch {
            throw WebsiteError.writeFailed(path: url.path, reason: "\(error)")
        }
    }
}
