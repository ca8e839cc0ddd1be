/// A civil (time-zone-free) date and time, as a spreadsheet shows it.
public struct CivilDateTime: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Always a multiple of 1,000: values are rounded to the millisecond.
    public var microsecond: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second; self.microsecond = microsecond
    }

    /// True when the time of day is exactly midnight.
    public var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 && microsecond == 0 }

    /// `YYYY-MM-DD`.
    public var isoDate: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// `HH:MM:SS` or `HH:MM:SS.ffffff` when there is a fraction (Python's isoformat).
    public var isoTime: String {
        let base = "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        return microsecond == 0 ? base : base + "." + pad(microsecond, 6)
    }
    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]`.
    public var isoDateTime: String { isoDate + "T" + isoTime }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(abs(n))
    let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    return n < 0 ? "-" + padded : padded
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian; H. Hinnant's algorithm).
func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

/// The civil date of a day count from 1970-01-01.
func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}

private let msPerDay: Int64 = 86_400_000

/// Converts an Excel serial to a civil date-time, rounded to the nearest millisecond (as
/// openpyxl does) so binary noise like 0.47916666666666663 gives 11:30:00, not 11:29:59.999.
/// 1900 system: serial 1 = 1900-01-01; Excel's fictitious 1900-02-29 (serial 60) comes out as
/// 1900-02-28 like openpyxl and calamine; serials ≥ 61 count from 1899-12-30. 1904 system:
/// serial 0 = 1904-01-01. Nil for non-finite or absurd serials.
public func civilDateTime(fromSerial serial: Double, is1904: Bool) -> CivilDateTime? {
    guard serial.isFinite, abs(serial) < 3_000_000 else { return nil }
    let totalMs = Int64((serial * Double(msPerDay)).rounded())
    var dayNumber = Int(totalMs / msPerDay)
    var msOfDay = totalMs % msPerDay
    if msOfDay < 0 { msOfDay += msPerDay; dayNumber -= 1 }
    let epochDays: Int
    if is1904 {
        epochDays = daysFromCivil(1904, 1, 1) + dayNumber
    } else if dayNumber < 60 {
        epochDays = daysFromCivil(1899, 12, 31) + dayNumber
    } else if dayNumber == 60 {
        epochDays = daysFromCivil(1900, 2, 28)
    } else {
        epochDays = daysFromCivil(1899, 12, 30) + dayNumber
    }
    let (y, m, d) = civilFromDays(epochDays)
    let ms = Int(msOfDay)
    return CivilDateTime(year: y, month: m, day: d, hour: ms / 3_600_000, minute: ms / 60_000 % 60,
                         second: ms / 1000 % 60, microsecond: ms % 1000 * 1000)
}

extension ExcelDateTime {
    /// The civil date-time of this serial in its date system.
    public var civil: CivilDateTime? { civilDateTime(fromSerial: serial, is1904: is1904) }
}

/// Parses the ISO 8601 text of a `t="d"` cell: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.f…]]`
/// or a bare time, with an optional `Z`. Fractions are rounded to the millisecond (Strict files
/// write `10:59:59.9999999999984025`). Returns the value and which parts were present.
public func parseISODateTime(_ text: String) -> (value: CivilDateTime, hasDate: Bool, hasTime: Bool)? {
    var s = Substring(text.trimmingASCIIWhitespace())
    if s.hasSuffix("Z") || s.hasSuffix("z") { s = s.dropLast() }
    var datePart: Substring?
    var timePart: Substring?
    if let t = s.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }) {
        datePart = s[..<t]
        timePart = s[s.index(after: t)...]
    } else if s.contains(":") {
        timePart = s
    } else {
        datePart = s
    }
    var value = CivilDateTime(year: 1899, month: 12, day: 31)
    if let dp = datePart {
        let f = dp.split(separator: "-", omittingEmptySubsequences: false)
        guard f.count == 3, f[0].count == 4, let y = Int(f[0]), let m = Int(f[1]), let d = Int(f[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        value.year = y; value.month = m; value.day = d
    }
    if let tp = timePart {
        let f = tp.split(separator: ":", omittingEmptySubsequences: false)
        guard f.count == 2 || f.count == 3, let h = Int(f[0]), let mi = Int(f[1]), h < 24, mi < 60 else { return nil }
        var seconds = 0.0
        if f.count == 3 { guard let sec = Double(f[2]), sec >= 0, sec < 61 else { return nil }; seconds = sec }
        var totalMs = Int64(((Double(h * 3600 + mi * 60) + seconds) * 1000).rounded())
        var carryDays = 0
        if totalMs >= msPerDay { totalMs -= msPerDay; carryDays = 1 }
        let ms = Int(totalMs)
        value.hour = ms / 3_600_000; value.minute = ms / 60_000 % 60
        value.second = ms / 1000 % 60; value.microsecond = ms % 1000 * 1000
        if carryDays > 0 && datePart != nil {
            let (y, m, d) = civilFromDays(daysFromCivil(value.year, value.month, value.day) + 1)
            value.year = y; value.month = m; value.day = d
        }
    }
    return (value, datePart != nil, timePart != nil)
}
