import Foundation
import Logging

/// Where log lines go: standard error and, once a workspace is known, a daily file
/// `reports/log/dip-YYYY-MM-DD.log`. Shared by every `Logger` of a process; thread-safe.
///
/// Log lines carry the wall-clock time on purpose (not `Clock`): they tell an operator when
/// something happened, they are not reproducible outputs.
public final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private var folder: URL?
    private var openDay: String?
    private var fd: Int32 = -1
    /// Write lines to standard error too (off in tests that only read the file).
    public var toStandardError: Bool
    /// A progress line currently on the terminal, cleared before the next log line.
    private var progressShown = false

    public init(toStandardError: Bool = true) {
        self.toStandardError = toStandardError
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Starts appending to `<folder>/dip-YYYY-MM-DD.log` (created if missing). A folder that
    /// cannot be written to (read-only reports/, full disk) leaves stderr as the only sink.
    public func attach(folder: URL) {
        lock.lock(); defer { lock.unlock() }
        self.folder = folder
        if fd >= 0 { close(fd); fd = -1 }
        openDay = nil
    }

    /// Replaces the progress line on the terminal (callers check that stderr is a tty).
    public func showProgress(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        writeAll(2, Array("\r\u{1B}[K\(text)".utf8))
        progressShown = true
    }

    /// Writes one complete line (a trailing newline is added) to the file and, when
    /// `standardError` is true, to stderr.
    public func write(line: String, date: Date, standardError: Bool = true) {
        let bytes = Array((line + "\n").utf8)
        lock.lock(); defer { lock.unlock() }
        if toStandardError && standardError {
            if progressShown { writeAll(2, Array("\r\u{1B}[K".utf8)); progressShown = false }
            writeAll(2, bytes)
        }
        guard let folder else { return }
        let day = LogfmtHandler.dayFormatter.string(from: date)
        if day != openDay {
            if fd >= 0 { close(fd) }
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // O_APPEND: concurrent writers (watch and a cron run) interleave whole lines.
            fd = open(folder.appendingPathComponent("dip-\(day).log").path,
                      O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            openDay = day
        }
        if fd >= 0 { writeAll(fd, bytes) }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}

/// A swift-log handler writing logfmt, one line per event:
/// `ts=2026-01-01T02:00:00+07:00 level=info event="berkas diproses" unit=dinkes …`.
///
/// Keys are sorted so lines are easy to grep and diff; values with spaces, quotes or `=`
/// are quoted, and newlines are escaped so one event is always one line.
public struct LogfmtHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public let label: String
    public let sink: LogSink
    /// Decides which events also go to stderr (`--quiet`); nil sends every event.
    public var standardErrorFilter: (@Sendable (Logger.Level, String) -> Bool)?

    public init(label: String, sink: LogSink, level: Logger.Level = .info) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event logged: LogEvent) {
        let now = Date()
        var merged = metadata
        if let explicit = logged.metadata { merged.merge(explicit) { _, new in new } }
        let event = logged.message.description
        sink.write(line: Self.format(date: now, level: logged.level, event: event, metadata: merged), date: now,
                   standardError: standardErrorFilter?(logged.level, event) ?? true)
    }

    /// One logfmt line (no trailing newline).
    public static func format(date: Date, level: Logger.Level, event: String, metadata: Logger.Metadata) -> String {
        var parts = ["ts=\(timestampFormatter.string(from: date))", "level=\(level)", "event=\(quote(event))"]
        for key in metadata.keys.sorted() {
            parts.append("\(key)=\(quote("\(metadata[key]!)"))")
        }
        return parts.joined(separator: " ")
    }

    /// Quotes a value when it is empty or holds a space, quote, `=` or control character.
    public static func quote(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains {
            $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7f
        }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += String(format: "\\x%02x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static let timestampFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX"
        return f
    }()

    static let dayFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()
}
