import DIPCore

// Placeholder namespace; the intake stage is built in Sources/Intake/*.swift.
/// The intake stage: reads unit submissions into `InformationItem`s with `Problem`s.
public enum Intake {}
