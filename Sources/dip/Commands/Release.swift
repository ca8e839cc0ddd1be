import ArgumentParser
import DIPCore
import Foundation
import Pipeline
import Register

extension DIP {
    /// `dip release UNIT`: the PPID's decision on a unit's list held because it would withdraw
    /// most of the unit's items (issue 16 #7): applied, or with `--refuse` discarded.
    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Melepas (menerapkan) atau menolak kiriman daftar unit kerja yang ditahan.",
            discussion: "Kiriman yang akan menarik sebagian besar daftar unit ditahan dan tidak diterapkan "
                + "(lihat reports/review/kiriman-ditahan.txt). Setelah memastikan dengan unit kerja: "
                + "`dip release UNIT --name NAMA` menerapkan kiriman itu dari arsip; `--refuse` menolaknya "
                + "dan daftar unit tetap. Kiriman baru dari unit menggantikan kiriman yang ditahan.")

        @OptionGroup var options: WorkspaceOptions

        @Argument(help: ArgumentHelp("Kode unit kerja (nama folder inbox), misalnya dinkes.", valueName: "kode-unit"))
        var unit: String

        @Flag(help: "Tolak kiriman yang ditahan; daftar unit yang tercatat tetap berlaku.")
        var refuse = false

        @Option(help: ArgumentHelp("Nama PPID yang memutuskan.", valueName: "nama"))
        var name: String

        @Option(help: ArgumentHelp("NIP PPID (18 digit).", valueName: "nip"))
        var nip: String?

        @Option(help: ArgumentHelp("Catatan untuk unit kerja (muncul pada pemberitahuannya).", valueName: "catatan"))
        var note: String = ""

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func validate() throws {
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--name wajib diisi dengan nama PPID.")
            }
            // kiriman-ditahan.txt and the review pack print the command with "Nama PPID" to be
            // replaced; copied as written it would record "Nama PPID" as the official who decided.
            if name.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(HeldNotices.namePlaceholder) == .orderedSame {
                throw ValidationError("--name masih berisi contoh \"\(HeldNotices.namePlaceholder)\": ganti dengan nama PPID "
                    + "yang memutuskan (dicatat di register).")
            }
        }

        func run() throws {
            let workspace = options.resolved
            do {
                try workspace.requireLayout()
                let logger = OperatorLog.logger(workspace: workspace, options: try LogOptions.parse([]))
                let lock = try options.lockForWriting()
                defer { withExtendedLifetime(lock) {} }
                let config = try Configuration.load(workspace)
                let db = try options.openRegister()
                let clock = Clock.fromEnvironment()
                let by = Official(name: name, nip: nip)
                if refuse {
                    let hold = try HeldSubmissions.refuse(unit: unit, by: by, note: note, workspace: workspace,
                                                          config: config, register: db, clock: clock, logger: logger)
                    switch format {
                    case .json:
                        print(try RegisterOutput.json(["unit": unit, "action": "refuse", "file": hold.fileName,
                                                       "sha256": hold.sha256]))
                    case .text:
                        print("Kiriman \(hold.fileName) dari \(unit) ditolak; daftar unit yang tercatat tetap "
                            + "(\(hold.count.current) informasi). Unit diberi tahu di reports/unit/\(unit)/.")
                    }
                } else {
                    let (hold, update) = try HeldSubmissions.release(
                        unit: unit, by: by, note: note, workspace: workspace, config: config, register: db,
                        clock: clock, logger: logger)
                    switch format {
                    case .json:
                        print(try RegisterOutput.json(["unit": unit, "action": "release", "file": hold.fileName,
                                                       "sha256": hold.sha256, "added": String(update.added.count),
                                                       "changed": String(update.changed.count + update.reclassified.count),
                                                       "withdrawn": String(update.withdrawn.count)]))
                    case .text:
                        print("Kiriman \(hold.fileName) dari \(unit) dilepas dan diterapkan: \(update.added.count) baru, "
                            + "\(update.changed.count + update.reclassified.count) berubah, \(update.withdrawn.count) ditarik. "
                            + "Draf dan templat unit diperbarui pada `dip run` berikutnya.")
                    }
                }
            } catch let error as RegisterError {
                printError("dip: " + (RegisterError.storageText(error) ?? error.message))
                if RegisterError.waitsForAPerson(error) { throw DIPExit.configuration }
                throw DIPExit.failure
            } catch let error as HeldSubmissions.Failure {
                printError("dip: \(error)")
                throw DIPExit.failure
            } catch let error as RunError {
                printError("dip: \(error)")
                throw DIPExit.configuration
            } catch let error as WorkspaceError {
                printError("dip: \(error)")
                if case .notAWorkspace = error { throw DIPExit.configuration }
                throw DIPExit.failure
            }
        }
    }
}
