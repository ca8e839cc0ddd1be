import DIPCore
import Foundation

/// The work units of the body (unit.yaml): inbox folder code, name, head's title, PPID pelaksana.
public struct UnitDirectory: Sendable {
    /// Units in file order.
    public private(set) var units: [WorkUnit]

    public init(units: [WorkUnit]) { self.units = units }

    /// The unit whose inbox folder is `code`.
    public func unit(_ code: String) -> WorkUnit? { units.first { $0.code == code } }

    /// Reads `unit.yaml` from a rules folder.
    ///
    /// - Throws: `RuleSetError.invalid` with the file's errors.
    public static func load(directory: URL) throws -> UnitDirectory {
        let url = directory.appendingPathComponent("unit.yaml")
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            throw RuleSetError.unreadable(path: url.path, reason: "berkas tidak ada atau bukan UTF-8")
        }
        return try parse(text)
    }

    /// Reads unit.yaml text.
    ///
    /// - Throws: `RuleSetError.invalid` with the file's errors.
    public static func parse(_ text: String) throws -> UnitDirectory {
        var reader = YAMLReader(file: "unit.yaml")
        let directory = read(text, reader: &reader)
        if reader.issues.contains(where: { $0.severity == .error }) { throw RuleSetError.invalid(reader.issues) }
        return directory
    }

    /// Whether `code` is a safe inbox folder name: ASCII lower-case letters, digits, `-`, `_`
    /// and `.`, not starting with `.` or `-` (no shell quoting needed, no hidden folder, no option).
    public static func isSafeCode(_ code: String) -> Bool {
        guard let first = code.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return code.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    static func read(_ text: String, reader r: inout YAMLReader) -> UnitDirectory {
        guard let root = r.root(of: text),
              let top = r.fields(root, allowed: ["unit"], what: "unit.yaml") else { return UnitDirectory(units: []) }
        var units: [WorkUnit] = []
        for node in r.list(top["unit"], field: "unit") {
            guard let f = r.fields(node, allowed: ["kode", "nama", "kepala", "ppid_pelaksana"], what: "unit") else { continue }
            guard let code = r.string(f["kode"], field: "kode", required: true, what: "unit") else { continue }
            if !isSafeCode(code) {
                // dip prints shell commands with the code (`dip release <unit> …` in
                // kiriman-ditahan.txt): only characters a shell reads as they are.
                r.error(f["kode"], "bad_unit_code", "Kode unit `\(code)` harus sama dengan nama folder kotak masuk: hanya huruf kecil a-z, angka, tanda -, _ dan . (tidak di awal), tanpa spasi, tanda kutip atau tanda lain.")
            }
            if units.contains(where: { $0.code == code }) {
                r.error(f["kode"], "duplicate_id", "Kode unit `\(code)` ditulis dua kali.")
                continue
            }
            units.append(WorkUnit(
                code: code,
                name: r.string(f["nama"], field: "nama", required: true, what: "unit \(code)") ?? code,
                headTitle: r.string(f["kepala"], field: "kepala", what: "unit \(code)"),
                ppidPelaksana: r.string(f["ppid_pelaksana"], field: "ppid_pelaksana", what: "unit \(code)")))
        }
        return UnitDirectory(units: units)
    }
}
