import Foundation
import Rules

/// Peak resident set size of this process so far, in bytes (VmHWM from /proc).
func peakRSSBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

/// Wall-clock seconds taken by `body`.
func measureSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// One printed line: "name: value unit".
func report(_ name: String, _ value: Double, _ unit: String) {
    print(String(format: "%-48@ %12.2f %@", name as NSString, value, unit as NSString))
}

/// One printed line for a percentage figure: "name: value %", or, when the figure has nothing
/// to measure (`percent` nil: its denominator is 0), that it cannot be measured rather than
/// 0.00 %, which would read as a failure.
func reportPercent(_ name: String, _ percent: Double?) {
    guard let percent else {
        // Laid out as `report` prints here (Foundation on Linux ignores a width on %@).
        print("\(name) \(String(repeating: " ", count: 11))— tidak terukur (0/0)")
        return
    }
    report(name, percent, "%")
}

/// `reportPercent` for `part` of `whole`.
func reportShare(_ name: String, _ part: Int, _ whole: Int) {
    reportPercent(name, EvaluationReport.measured(part, whole).map { $0 * 100 })
}
