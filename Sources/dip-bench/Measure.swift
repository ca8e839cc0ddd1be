import Foundation

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
