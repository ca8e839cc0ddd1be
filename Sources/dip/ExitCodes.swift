import ArgumentParser

/// dip's documented exit codes (README "Exit codes"); cron and systemd act on them.
enum DIPExit {
    /// Everything was processed; no submission was refused.
    static let success = ExitCode(0)
    /// Unexpected failure (I/O error, bug); nothing half-done is left behind.
    static let failure = ExitCode(1)
    /// The run finished, but at least one submission was refused or has problems to fix.
    static let finishedWithProblems = ExitCode(2)
    /// Configuration error: not a workspace, broken rules. Nothing was done.
    static let configuration = ExitCode(3)
    /// Another dip run holds the workspace lock.
    static let locked = ExitCode(4)
}
