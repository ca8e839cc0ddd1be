import Foundation

/// Reads a calendar date as an Indonesian officer types it, as a WIB day.
///
/// Accepted: "2026-12-08" (ISO), "08-12-2026", "8/12/2026", "8.12.2026" (day, month, year, as
/// Indonesian letters and forms write it), "8 Desember 2026", "8 Des 2026". Refused, with a
/// message saying why: two-digit years, a day or month that does not exist, month names that
/// are not Indonesian or English, and anything else.
public enum IndonesianDate {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case twoDigitYear(String)
        case noSuchDay(String)

        public var description: String {
            switch self {
            case .unreadable(let t):
                return "Tanggal \"\(t)\" tidak dapat dibaca. Tulis misalnya 2026-12-08, 08-12-2026, 8/12/2026 atau \"8 Desember 2026\"."
            case .twoDigitYear(let t):
                return "Tanggal \"\(t)\" memakai tahun dua angka; tulis tahun empat angka, misalnya 08-12-2026."
            case .noSuchDay(let t):
                return "Tanggal \"\(t)\" tidak ada di kalender (periksa hari dan bulannya)."
            }
        }
    }

    static let monthNames: [String: Int] = {
        var m: [String: Int] = [:]
        let full = Clock.indonesianMonths.map { $0.lowercased() }
        for (i, name) in full.enumerated() { m[name] = i + 1; m[String(name.prefix(3))] = i + 1 }
        let extra: [(String, Int)] = [
            ("peb", 2), ("pebruari", 2), ("agt", 8), ("ags", 8), ("sept", 9), ("nop", 11), ("nopember", 11),
            ("january", 1), ("february", 2), ("march", 3), ("may", 5), ("june", 6), ("july", 7),
            ("august", 8), ("aug", 8), ("october", 10), ("oct", 10), ("december", 12), ("dec", 12),
        ]
        for (k, v) in extra { m[k] = v }
        return m
    }()

    /// The WIB midnight of the day `text` names.
    public static func parse(_ text: String) throws -> Date {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = t.lowercased()
        var day: Int?, month: Int?, year: Int?
        let numeric = lower.split(whereSeparator: { "-/.".contains($0) }).map(String.init)
        if numeric.count == 3, numeric.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            let n = numeric.map { Int($0)! }
            if numeric[0].count == 4 {
                (year, month, day) = (n[0], n[1], n[2])
            } else if numeric[2].count == 4 {
                (day, month, year) = (n[0], n[1], n[2])
            } else if numeric[2].count <= 2 {
                throw ParseError.twoDigitYear(t)
            }
        } else {
            let words = lower.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
            if words.count == 3, let d = Int(words[0]), let m = monthNames[words[1].trimmingCharacters(in: .punctuationCharacters)] {
                guard words[2].count == 4, let y = Int(words[2]) else {
                    if Int(words[2]) != nil { throw ParseError.twoDigitYear(t) }
                    throw ParseError.unreadable(t)
                }
                (day, month, year) = (d, m, y)
            }
        }
        guard let day, let month, let year else { throw ParseError.unreadable(t) }
        let cal = Clock.wibCalendar
        guard (1...12).contains(month), (1...31).contains(day),
              let date = cal.date(from: DateComponents(year: year, month: month, day: day)),
              cal.component(.day, from: date) == day, cal.component(.month, from: date) == month
        else { throw ParseError.noSuchDay(t) }
        return date
    }

    /// The first WIB day a *waktu pembuatan* text can mean, or nil when it names no calendar time:
    /// a date ("2026-03-01", "1 Maret 2026") is that day, "Maret 2026" the 1st of March, "2026"
    /// the 1st of January. Information made no earlier than that day did not exist before it.
    public static func earliestDay(of text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let date = try? parse(t) { return date }
        let words = t.lowercased().replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        var month = 1, yearText: String
        switch words.count {
        case 1: yearText = words[0]
        case 2:
            guard let m = monthNames[words[0].trimmingCharacters(in: .punctuationCharacters)] else { return nil }
            (month, yearText) = (m, words[1])
        default: return nil
        }
        guard yearText.count == 4, yearText.allSatisfy(\.isNumber), let year = Int(yearText) else { return nil }
        let cal = Clock.wibCalendar
        return cal.date(from: DateComponents(year: year, month: month, day: 1))
    }

    /// The WIB midnight of the day `date` falls on.
    public static func startOfDay(_ date: Date) -> Date {
        let cal = Clock.wibCalendar
        return cal.startOfDay(for: date)
    }

    /// Whether `date` falls on a later WIB day than `now`: a decree dated so is not yet in force
    /// ("Keputusan ini mulai berlaku pada tanggal ditetapkan").
    public static func isLaterDay(_ date: Date, than now: Date) -> Bool {
        startOfDay(date) > startOfDay(now)
    }

    /// How far ahead a decree may be dated (a decree is usually dated the day it is signed).
    public static let maximumDaysAhead = 31

    /// Why `date` cannot be a decree's date for a draft made at `draftMade`, judged `now`;
    /// nil when it can. A decree is not dated before its draft existed, nor more than
    /// `maximumDaysAhead` days after today.
    public static func implausibleDecreeDate(_ date: Date, draftMade: Date, now: Date) -> String? {
        let clock = Clock(now: now)
        if date < startOfDay(draftMade) {
            return "Tanggal keputusan \(clock.indonesianDate(date)) lebih awal daripada draf yang disetujui "
                + "(dibuat \(clock.indonesianDate(draftMade))); keputusan tidak dapat ditetapkan sebelum drafnya ada."
        }
        let limit = startOfDay(now).addingTimeInterval(Double(maximumDaysAhead + 1) * 86_400)
        if date >= limit {
            return "Tanggal keputusan \(clock.indonesianDate(date)) lebih dari \(maximumDaysAhead) hari setelah hari ini "
                + "(\(clock.indonesianDate(now))); periksa tahunnya."
        }
        return nil
    }
}
