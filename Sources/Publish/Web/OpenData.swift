import DIPCore
import Foundation
import OfficeFormats

/// The open-data export for the Satu Data portal: `dip.csv` (UTF-8, no BOM, RFC 4180, CRLF
/// record ends, fixed columns) and a Frictionless `datapackage.json` describing it; and the
/// same rows as `dip.xlsx` for citizens who open data in Excel (outputs.md: the CSV stays
/// for machines; a spreadsheet program reads the workbook's cells as text, never formulas).
enum OpenData {
    /// (machine name, Indonesian title, Table Schema type, column width in dip.xlsx) in column order.
    static let columns: [(name: String, title: String, type: String, width: Double)] = [
        ("id", "Kode informasi", "string", 18),
        ("revisi", "Revisi", "integer", 8),
        ("kategori", "Kategori informasi", "string", 14),
        ("subkelompok", "Sub-kelompok informasi berkala (A–K)", "string", 10),
        ("unit_kode", "Kode unit kerja", "string", 14),
        ("unit", "Unit kerja", "string", 28),
        ("nomor", "Nomor pada daftar unit", "string", 8),
        ("ringkasan", "Ringkasan isi informasi", "string", 60),
        ("pejabat_penguasa", "Pejabat atau unit/satuan kerja yang menguasai informasi", "string", 30),
        ("penanggung_jawab", "Penanggung jawab pembuatan atau penerbitan informasi", "string", 30),
        ("waktu_pembuatan", "Waktu pembuatan informasi", "string", 14),
        ("tempat_pembuatan", "Tempat pembuatan informasi", "string", 14),
        ("bentuk_informasi", "Bentuk informasi yang tersedia", "string", 18),
        ("retensi", "Jangka waktu penyimpanan atau retensi arsip", "string", 22),
        ("tautan", "Tautan informasi daring (http/https)", "string", 30),
        // Last, so the earlier columns keep their places for readers of earlier files.
        ("keterangan", "Keterangan (bagian yang dikecualikan)", "string", 40),
    ]

    static func row(_ item: VersionItem) -> [String] {
        let it = item.item
        return [
            item.id, String(item.revision), item.category.rawValue,
            item.category == .berkala ? (item.subgroup?.rawValue ?? "") : "",
            item.unit.code, item.unit.name, it.nomor, it.ringkasan, it.pejabatPenguasa,
            it.penanggungJawab, it.madeApart.waktu, it.madeApart.tempat, item.bentukText, it.retensi,
            it.tautan.flatMap(WebLink.checked) ?? "",
            // The open part of an item exempted in part: which part is withheld, as the page,
            // the feed and the decree say (its title alone would read as wholly public).
            PublishedList.isPartial(item) ? PublishedList.partialNote(naming: item) : "",
        ]
    }

    /// RFC 4180 field: quoted when it holds a comma, quote, CR or LF (or edge spaces). A text
    /// a spreadsheet program would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
    /// CR, and not a plain number) gets a leading apostrophe (OWASP "CSV injection"), in every
    /// CSV dip writes (this one and the archive package's register export).
    static func field(_ raw: String) -> String {
        let s = neutralised(WebText.xmlSafe(raw))
        let needs = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        if Double(s) != nil, s.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) { return s }
        return "'" + s
    }

    static func csv(_ list: PublishedList) -> String {
        var out = columns.map(\.name).joined(separator: ",") + "\r\n"
        for item in list.items {
            out += row(item).map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The CSV's rows as a workbook: Indonesian titles in a frozen header row with a filter,
    /// every value a text cell (a summary that starts with "=" stays text), the revision a
    /// number.
    static func xlsx(_ list: PublishedList, settings: WebsiteSettings, clock: Clock) throws -> [UInt8] {
        let items = list.items
        let sheet = XLSXSheet(
            name: "DIP", rowCount: items.count + 1,
            row: { r in
                if r == 0 { return columns.map { XLSXCell($0.title, style: .header) } }
                // People read the workbook: the category as its name ("Serta Merta"), the
                // CSV keeps the machine value ("serta_merta").
                var values = row(items[r - 1])
                if let k = columns.firstIndex(where: { $0.name == "kategori" }) { values[k] = items[r - 1].category.shortLabel }
                return values.enumerated().map { c, text in
                    columns[c].type == "integer" ? XLSXCell(.number(Double(text) ?? 0), style: .body) : XLSXCell(text, style: .body)
                }
            },
            columns: columns.map { XLSXColumn(width: $0.width) }, frozenRows: 1, autoFilter: true, print: .f4Landscape)
        return try XLSXWriter.write(XLSXDocument(
            sheets: [sheet], title: settings.siteTitle, creator: "dip", created: clock.now,
            timeZone: Clock.wib, longText: .truncate))
    }

    // MARK: datapackage.json

    struct Package: Encodable {
        var profile = "tabular-data-package"
        var name: String
        var title: String
        var description: String
        var version: String
        var created: String
        var keywords: [String]
        var licenses: [License]
        var contributors: [Contributor]
        var resources: [Resource]
    }

    struct License: Encodable { var name: String; var path: String; var title: String }
    struct Contributor: Encodable { var title: String; var role: String }

    struct Resource: Encodable {
        var name = "dip"
        var path = IndexPage.csvName
        var profile = "tabular-data-resource"
        var title: String
        var description: String
        var format = "csv"
        var mediatype = "text/csv"
        var encoding = "utf-8"
        var dialect = Dialect()
        var schema: Schema
    }

    struct Dialect: Encodable {
        var delimiter = ","
        var doubleQuote = true
        var header = true
        var lineTerminator = "\r\n"
        var quoteChar = "\""
    }

    struct Schema: Encodable {
        var fields: [Field]
        var primaryKey = ["id"]
        var missingValues = [""]
    }

    struct Field: Encodable {
        var name: String
        var title: String
        var type: String
        var constraints: Constraints?
    }

    struct Constraints: Encodable {
        var required: Bool?
        var unique: Bool?
        var minimum: Int?
        var `enum`: [String]?
    }

    static func constraints(for name: String) -> Constraints? {
        switch name {
        case "id": return Constraints(required: true, unique: true)
        case "revisi": return Constraints(required: true, minimum: 1)
        case "kategori":
            return Constraints(required: true,
                               enum: Category.allCases.filter(\.isOpen).map(\.rawValue))
        case "subkelompok": return Constraints(enum: BerkalaSubgroup.allCases.map(\.rawValue))
        case "unit_kode", "unit", "ringkasan": return Constraints(required: true)
        default: return nil
        }
    }

    static func dataPackage(_ list: PublishedList, settings: WebsiteSettings, clock: Clock) throws -> Data {
        let version = list.version
        let slugSource = settings.tagDomain.lowercased()
        let slug = "dip-" + String(slugSource.map { c -> Character in
            (c.isASCII && (c.isLetter || c.isNumber)) || c == "-" || c == "." ? c : "-"
        })
        let pkg = Package(
            name: slug,
            title: settings.siteTitle,
            description: "Daftar Informasi Publik \(settings.bodyName), versi \(version.number). "
                + IndexPage.decreeSentence(version, clock: clock)
                + " Satu baris per informasi publik yang diterbitkan (berkala, serta merta, setiap saat); informasi yang dikecualikan tidak dimuat.",
            version: "\(version.number).0.0",
            created: clock.rfc3339(PublishedList.publicationDate(of: version)),
            keywords: ["daftar informasi publik", "DIP", "PPID", "keterbukaan informasi publik"],
            licenses: [License(name: settings.licenseID, path: settings.licenseURL,
                               title: settings.licenseTitle)],
            contributors: [Contributor(title: settings.bodyName, role: "publisher")],
            resources: [Resource(
                title: "Daftar Informasi Publik versi \(version.number)",
                description: "Informasi publik yang diterbitkan, diurutkan menurut kategori, sub-kelompok, unit kerja dan nomor. "
                    + "Teks yang diawali =, +, -, @, tab atau CR diberi tanda petik tunggal (') di depannya agar tidak "
                    + "dijalankan sebagai rumus oleh program lembar kerja.",
                schema: Schema(fields: columns.map {
                    Field(name: $0.name, title: $0.title, type: $0.type,
                          constraints: constraints(for: $0.name))
                }))])
        return try WebJSON.encode(pkg)
    }
}
