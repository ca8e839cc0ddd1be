import Foundation
import DIPCore
import Yams

/// Walks one YAML rule file as nodes (not Codable) so every problem can name its line, and
/// collects issues instead of stopping at the first.
struct YAMLReader {
    let file: String
    private(set) var issues: [RuleIssue] = []

    init(file: String) { self.file = file }

    /// The document's root node, or nil after recording a syntax error with its line.
    mutating func root(of text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                error(nil, "empty_file", "Berkas kosong.")
                return nil
            }
            return node
        } catch let yamlError as YamlError {
            var line = 0, column = 0
            var problem = "\(yamlError)"
            switch yamlError {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _),
                 .composer(_, let p, let mark, _):
                line = mark.line
                column = mark.column
                problem = p
            case .reader(let p, _, _, _):
                problem = p
            default:
                break
            }
            issues.append(RuleIssue(
                severity: .error, location: RuleFileLocation(file: file, line: line, column: column),
                code: "yaml_syntax",
                message: "Kesalahan penulisan YAML (kolom \(column)): \(Self.problemInIndonesian(problem)). Periksa indentasi (spasi, bukan tab), tanda titik dua dan tanda kutip."))
            return nil
        } catch {
            self.error(nil, "yaml_syntax", "Berkas tidak dapat dibaca sebagai YAML: \(error)")
            return nil
        }
    }

    /// libyaml's problem sentences a rule editor meets, in Indonesian: the PPID's staff and the IT
    /// officer read `dip rules check`, and "did not find expected ',' or ']'" told them nothing. The
    /// sentences are libyaml's own (scanner.c, parser.c), fixed strings; one not listed here is
    /// kept after an Indonesian lead-in, so nothing the library says is lost.
    static let problemsInIndonesian: [String: String] = [
        "did not find expected ',' or ']'": "daftar dalam kurung siku [ ] tidak ditutup, atau dua isiannya tidak dipisah koma",
        "did not find expected ',' or '}'": "isian dalam kurung kurawal { } tidak ditutup, atau dua isiannya tidak dipisah koma",
        "did not find expected key": "baris ini tidak sejajar dengan isian lain pada tingkat yang sama (indentasi berbeda), atau tanda kutip sebelumnya tidak ditutup",
        "did not find expected '-' indicator": "daftar bertanda '-' terputus oleh baris yang indentasinya berbeda",
        "could not find expected ':'": "tidak ada tanda titik dua ':' sesudah nama isian, atau teks sebelumnya terpotong ke baris baru tanpa tanda kutip",
        "mapping values are not allowed in this context": "tanda titik dua ':' muncul di tengah teks; beri tanda kutip pada teks yang memuat ': '",
        "mapping keys are not allowed in this context": "tanda '?' tidak boleh di sini; beri tanda kutip pada teks tersebut",
        "block sequence entries are not allowed in this context": "tanda '-' daftar tidak boleh di sini (indentasi berbeda dari isian sebelumnya)",
        "found character that cannot start any token": "ada karakter yang tidak boleh mengawali nilai (misalnya tab, '@' atau '`'); beri tanda kutip pada teksnya",
        "found a tab character that violates indentation": "ada karakter tab pada indentasi; gunakan spasi",
        "found a tab character where an indentation space is expected": "ada karakter tab pada indentasi; gunakan spasi",
        "found unexpected end of stream": "berkas berakhir sebelum tanda kutip ditutup",
        "found unexpected ':'": "tanda titik dua ':' tidak pada tempatnya; beri tanda kutip pada teksnya",
        "found unknown escape character": "tanda '\\' di dalam tanda kutip ganda diikuti huruf yang tidak dikenal; gunakan tanda kutip tunggal",
        "found undefined tag handle": "tanda '!' mengawali nilai; beri tanda kutip pada teksnya",
        "did not find expected node content": "nilai isian kosong atau tidak lengkap (misalnya tanda '-' atau ',' tanpa isi)",
        "did not find expected comment or line break": "ada teks sesudah nilai yang ditutup tanda kutip; pindahkan ke dalam tanda kutip",
        "found unexpected document indicator": "baris '---' atau '...' di tengah berkas; hapus baris itu",
    ]

    static func problemInIndonesian(_ problem: String) -> String {
        problemsInIndonesian[problem] ?? "pustaka YAML melaporkan \"\(problem)\""
    }

    func location(_ node: Node?) -> RuleFileLocation {
        RuleFileLocation(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0)
    }

    mutating func error(_ node: Node?, _ code: String, _ message: String) {
        issues.append(RuleIssue(severity: .error, location: location(node), code: code, message: message))
    }

    mutating func warning(_ node: Node?, _ code: String, _ message: String) {
        issues.append(RuleIssue(severity: .warning, location: location(node), code: code, message: message))
    }

    /// The fields of a mapping by key, reporting duplicate keys and keys not in `allowed`.
    mutating func fields(_ node: Node, allowed: [String], what: String) -> [String: Node]? {
        guard let mapping = node.mapping else {
            error(node, "wrong_type", "\(what) harus berupa daftar isian `nama: nilai`.")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                error(key, "wrong_type", "Nama isian pada \(what) harus berupa teks.")
                continue
            }
            if result[name] != nil {
                error(key, "duplicate_field", "Isian `\(name)` ditulis dua kali pada \(what).")
                continue
            }
            if !allowed.contains(name) {
                error(key, "unknown_field",
                      "Isian `\(name)` tidak dikenal pada \(what). Isian yang boleh: \(allowed.joined(separator: ", ")).")
                continue
            }
            result[name] = value
        }
        return result
    }

    /// A scalar as text (never YAML-typed: `no` stays "no").
    mutating func string(_ node: Node?, field: String, required: Bool = false, what: String) -> String? {
        guard let node else {
            if required { error(nil, "missing_field", "Isian `\(field)` wajib ada pada \(what).") }
            return nil
        }
        guard let scalar = node.scalar else {
            error(node, "wrong_type", "Isian `\(field)` pada \(what) harus berupa teks tunggal.")
            return nil
        }
        let text = scalar.string.trimmedWhitespace()
        if text.isEmpty && required {
            error(node, "missing_field", "Isian `\(field)` pada \(what) tidak boleh kosong.")
            return nil
        }
        return text.isEmpty ? nil : text
    }

    /// A list of scalars; a single scalar is accepted as a one-element list.
    mutating func strings(_ node: Node?, field: String, what: String) -> [String] {
        guard let node else { return [] }
        if let scalar = node.scalar {
            let text = scalar.string.trimmedWhitespace()
            return text.isEmpty ? [] : [text]
        }
        guard let sequence = node.sequence else {
            error(node, "wrong_type", "Isian `\(field)` pada \(what) harus berupa daftar.")
            return []
        }
        var result: [String] = []
        for element in sequence {
            guard let scalar = element.scalar else {
                error(element, "wrong_type", "Setiap isi `\(field)` pada \(what) harus berupa teks.")
                continue
            }
            let text = scalar.string.trimmedWhitespace()
            if !text.isEmpty { result.append(text) }
        }
        return result
    }

    /// The elements of a top-level list field.
    mutating func list(_ node: Node?, field: String) -> [Node] {
        guard let node else {
            error(nil, "missing_field", "Bagian `\(field)` wajib ada.")
            return []
        }
        guard let sequence = node.sequence else {
            error(node, "wrong_type", "Bagian `\(field)` harus berupa daftar (setiap butir diawali `- `).")
            return []
        }
        return Array(sequence)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` (or `.whitespaces` when `newlines` is
    /// false), without Foundation's scan when both ends are printable ASCII (nearly every rule
    /// text and precedent cell): loading the rules trimmed some 30,000 texts per run, about a
    /// sixth of the load. Printable ASCII (0x21–0x7E) is neither whitespace nor a newline; with
    /// any other end scalar Foundation trims, as before.
    func trimmedWhitespace(newlines: Bool = true) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        func printable(_ scalar: Unicode.Scalar) -> Bool { scalar.value > 0x20 && scalar.value < 0x7F }
        if printable(first) && printable(last) { return String(self) }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
