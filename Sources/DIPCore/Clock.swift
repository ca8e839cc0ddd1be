import Foundation

/// The one source of "now" for a run. Fixed by `SOURCE_DATE_EPOCH` when it is set, so the
/// same inputs give byte-identical outputs (reproducible-builds.org convention).
public struct Clock: Sendable {
    public let now: Date

    public init(now: Date) { self.now = now }

    /// The run's clock from the environment: `SOURCE_DATE_EPOCH` (seconds) or the system time.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Clock {
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) {
            return Clock(now: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        return Clock(now: Date())
    }

    /// Western Indonesia Time (UTC+7), the zone of Kabupaten Serang; all printed dates use it.
    public static let wib = TimeZone(secondsFromGMT: 7 * 3600)!

    /// RFC 3339 in +07:00, e.g. "2026-11-26T22:09:50+07:00".
    public func rfc3339(_ date: Date? = nil) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = Clock.wib
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date ?? now)
    }

    /// ISO date "2026-11-26" in WIB.
    public func isoDate(_ date: Date? = nil) -> String {
        String(rfc3339(date).prefix(10))
    }

    /// The Gregorian calendar in WIB: every WIB day, date and period dip counts goes through it.
    public static let wibCalendar: Calendar = {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Clock.wib
        return cal
    }()

    /// Indonesian long date, "26 November 2026".
    public func indonesianDate(_ date: Date? = nil) -> String {
        let c = Clock.wibCalendar.dateComponents([.day, .month, .year], from: date ?? now)
        return "\(c.day!) \(Clock.indonesianMonths[c.month! - 1]) \(c.year!)"
    }

    /// Indonesian day names, Sunday first (as `Calendar`'s weekday 1 is Sunday).
    public static let indonesianWeekdays = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]

    /// The WIB day of `date` (default: now): weekday (1 = Sunday), day, month, year.
    public func day(_ date: Date? = nil) -> (weekday: Int, day: Int, month: Int, year: Int) {
        let c = Clock.wibCalendar.dateComponents([.weekday, .day, .month, .year], from: date ?? now)
        return (c.weekday!, c.day!, c.month!, c.year!)
    }

    public static let indonesianMonths = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
        "September", "Oktober", "November", "Desember",
    ]
}
