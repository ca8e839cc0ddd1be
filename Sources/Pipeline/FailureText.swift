import DIPCore
import Foundation
import Register

/// Any error that stops a run or a file, said for the IT officer: the register's storage in
/// words (`RegisterError.storageText`), dip's own errors as they describe themselves (their
/// system causes already explained by `SystemErrorText`), and anything else (a writer's
/// libzip/libxml2/POSIX text, an SQLite error) with the Indonesian explanation of its system
/// cause first and the raw text in parentheses.
public enum FailureText {
    public static func describe(_ error: Error) -> String {
        if let storage = RegisterError.storageText(error) { return storage }
        if let own = error as? WorkspaceError { return own.description }
        let raw: String
        if let localized = error as? LocalizedError, let text = localized.errorDescription {
            // The Publish errors say their system cause in Indonesian already.
            if text.contains("(pesan sistem:") || SystemErrorText.explanation(of: text).map(text.contains) == true {
                return text
            }
            raw = text
        } else {
            raw = "\(error)"
        }
        if let explanation = SystemErrorText.explanation(of: raw) { return "\(explanation) (\(raw))" }
        return raw
    }
}
