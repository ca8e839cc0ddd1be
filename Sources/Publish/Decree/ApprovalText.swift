import DIPCore
import Foundation

/// What `dip approve` is given to print in the signed decrees (numbers, the signatory's name and
/// rank, the Atasan PPID's name), read before anything is stored: a published decree prints these
/// exactly as typed, so a fill-in mark or a number of another year would be signed as such
/// (docs/publish.md "Session 25").
public enum ApprovalText {
    /// The fill-in mark `text` still holds ("___", "…", "...", or a pattern's "{tahun}"), or nil.
    /// The drafts print such marks where the number and the signatory are not known yet (under
    /// "DRAF — belum ditetapkan"); copied from a draft or from keputusan.json's `numberPattern`
    /// into `dip approve`, the published decree would read "NOMOR 000.9/___/Diskominfosatik/2026".
    public static func fillInMark(_ text: String) -> String? {
        for mark in ["___", "…", "...", "{"] where text.contains(mark) {
            if mark == "{" {
                guard let open = text.range(of: "{"), let close = text.range(of: "}", range: open.upperBound..<text.endIndex)
                else { continue }
                return String(text[open.lowerBound..<close.upperBound])
            }
            return mark
        }
        return nil
    }

    /// One message per value that still holds a fill-in mark, each naming the option to fix and
    /// what to write there. `values`: (option, value) as given, nil for an option not given.
    /// `example`: a number as the deployment writes them, for the message (the pattern with a
    /// registration number and the decree's year, `exampleNumber`).
    public static func fillInProblems(_ values: [(option: String, value: String?)], example: String? = nil) -> [String] {
        values.compactMap { option, value in
            guard let value, let mark = fillInMark(value) else { return nil }
            let what: String
            switch option {
            case "--decree-number", "--dik-decree-number":
                what = "tulis nomor yang diberikan saat keputusan diregistrasi"
                    + (example.map { " (misalnya \($0))" } ?? "") + ", bukan pola nomor dari draf"
            case "--name", "--atasan-name":
                what = "tulis nama pejabat lengkap dengan gelarnya sebagaimana dicetak di bawah tanda tangan"
            default:
                what = "tulis isinya sebagaimana dicetak pada keputusan"
            }
            return "\(option) \"\(value)\" masih berisi tempat isian (\(mark)): \(what)"
        }
    }

    /// A number in the deployment's pattern for a decree of `year` ("000.9/7/Diskominfosatik/2027"),
    /// nil when the pattern has no blank for the registration number.
    public static func exampleNumber(pattern: String, year: Int) -> String? {
        guard pattern.contains("___") else { return nil }
        return pattern.replacingOccurrences(of: "___", with: "7").replacingOccurrences(of: "{tahun}", with: String(year))
    }

    /// The four-digit years (1900–2099) a decree number holds as its own segments ("000.9/7/
    /// Diskominfosatik/2026" → [2026]); a registration number is never read as one when the
    /// pattern places the year elsewhere.
    static func years(in number: String, pattern: String) -> [Int] {
        let segments = number.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let patternSegments = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func year(_ s: String) -> Int? {
            guard s.count == 4, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber), let y = Int(s), (1900...2099).contains(y)
            else { return nil }
            return y
        }
        // The number written in the deployment's pattern: the year is the segment where the
        // pattern has {tahun}.
        if segments.count == patternSegments.count, let at = patternSegments.firstIndex(where: { $0.contains("{tahun}") }) {
            return year(segments[at]).map { [$0] } ?? []
        }
        return segments.compactMap(year)
    }

    /// Why `number` (given as `option`) cannot be printed on a decree dated `date`: it names a
    /// year and not the decree's. The title ("… Tahun 2027"), the date in words and the number are
    /// read together; a number registered under another year (last year's number copied for a
    /// decree signed in January) contradicts both. Nil when the number names no year or the right one.
    public static func yearProblem(number: String, option: String, pattern: String, date: Date, clock: Clock) -> String? {
        let decreeYear = Clock.wibCalendar.component(.year, from: date)
        let found = years(in: number, pattern: pattern)
        guard !found.isEmpty, !found.contains(decreeYear) else { return nil }
        return "\(option) \"\(number)\" memuat tahun \(found.map(String.init).joined(separator: ", ")), sedangkan keputusan "
            + "bertanggal \(clock.indonesianDate(date)) dan judulnya \"… Tahun \(decreeYear)\": tulis nomor yang diregistrasi "
            + "pada tahun \(decreeYear), atau periksa tanggal keputusan (--decree-date)"
    }
}
