// swift-tools-version:6.0
// dip: a batch processor for the PPID's Daftar Informasi Publik (see README.md).
// Stages are modules: OfficeFormats (readers/writers, no domain) → DIPCore (model) →
// Intake → Rules → Register → Publish, orchestrated by Pipeline and driven by the `dip` CLI.
import PackageDescription

let package = Package(
    name: "dip",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dip", targets: ["dip"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries, wrapped once each (imported only by OfficeFormats).
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CLibZip", pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]),

        // The release number and commit of this build (`dip --version`, archive packages),
        // written by scripts/build-info.sh whenever a commit, checkout or edit changes them.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .target(name: "BuildInfo", plugins: ["BuildInfoPlugin"]),

        // Format readers and writers: XLSX, CSV, DOCX, zip. Knows nothing of DIP.
        .target(name: "OfficeFormats", dependencies: ["CLibXML2", "CLibZip"]),
        // The domain model: items, categories, problems, classification, clock. Foundation only.
        .target(name: "DIPCore"),
        // Reading submissions into DIP items, with problems for the unit.
        .target(name: "Intake", dependencies: ["DIPCore", "OfficeFormats"]),
        // The PPID's editable classification rules.
        .target(name: "Rules", dependencies: ["DIPCore", "Yams"]),
        // The SQLite register of every version.
        .target(name: "Register", dependencies: [
            "DIPCore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Generators: documents, review pack, website feed, archive packages.
        .target(name: "Publish", dependencies: [
            "DIPCore", "OfficeFormats", "Register", "Rules", "BuildInfo",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The workspace and the run: intake → classify → register → publish.
        .target(name: "Pipeline", dependencies: [
            "DIPCore", "Intake", "Rules", "Register", "Publish", "OfficeFormats", "BuildInfo",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "dip", dependencies: [
            "Pipeline", "DIPCore", "Intake", "Rules", "Register", "Publish", "OfficeFormats", "BuildInfo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Benchmarks: `make bench` runs this in release mode and prints figures.
        .executableTarget(name: "dip-bench", dependencies: [
            "Pipeline", "DIPCore", "Intake", "Rules", "Register", "Publish", "OfficeFormats",
        ]),

        // Helpers shared by test targets: running the output checkers and other programs.
        .target(name: "TestSupport", dependencies: ["DIPCore", "OfficeFormats"], path: "Tests/TestSupport"),
        .testTarget(name: "OfficeFormatsTests", dependencies: ["OfficeFormats", "DIPCore", "TestSupport"]),
        .testTarget(name: "DIPCoreTests", dependencies: ["DIPCore"]),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "OfficeFormats", "TestSupport"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "RegisterTests", dependencies: ["Register", "TestSupport"]),
        .testTarget(name: "PublishTests", dependencies: ["Publish", "Register", "Rules", "Intake", "BuildInfo", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", "DIPCore", "Intake", "Rules", "Register", "Publish", "OfficeFormats", "TestSupport",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "dipTests", dependencies: [
            "dip", "Pipeline", "BuildInfo", "TestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "BuildInfoTests", dependencies: ["BuildInfo", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
