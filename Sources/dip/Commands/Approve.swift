import ArgumentParser
import DIPCore
import Foundation
import Register

extension DIP {
    /// `dip approve`: the PPID approves the draft, with the decree that sets it.
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Menyetujui draf DIP beserta nomor dan tanggal keputusan PPID.")

        @OptionGroup var options: WorkspaceOptions

        @Option(help: "Nomor versi draf (kosong: draf terbaru).")
        var version: Int?

        @Option(help: "Nama PPID yang menyetujui.")
        var name: String

        @Option(help: "NIP PPID (18 digit).")
        var nip: String?

        @Option(help: "Jabatan PPID.")
        var title: String?

        @Option(name: .customLong("decree-number"), help: "Nomor keputusan.")
        var decreeNumber: String

        @Option(name: .customLong("decree-date"), help: "Tanggal keputusan (YYYY-MM-DD).")
        var decreeDate: String

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func validate() throws {
            guard RegisterOutput.parseDay(decreeDate) != nil else {
                throw ValidationError("Tanggal keputusan harus berbentuk YYYY-MM-DD.")
            }
            if let nip, nip.count != 18 || !nip.allSatisfy(\.isNumber) {
                throw ValidationError("NIP harus 18 digit angka.")
            }
        }

        func run() throws {
            try RegisterOutput.run {
                let db = try options.openRegister()
                guard let number = try version ?? db.currentDraft()?.number else {
                    throw RegisterError.invalidInput(
                        "Tidak ada draf yang menunggu persetujuan. Jalankan `dip run` dahulu.")
                }
                let approved = try db.approve(
                    version: number, by: Official(name: name, nip: nip, title: title),
                    decreeNumber: decreeNumber, decreeDate: RegisterOutput.parseDay(decreeDate)!,
                    at: Clock.fromEnvironment().now, source: .cli)
                switch format {
                case .json: print(try RegisterOutput.json(approved))
                case .text:
                    print("Versi \(approved.number) disetujui oleh \(name) dengan keputusan "
                        + "nomor \(decreeNumber) tanggal \(RegisterOutput.date(approved.decreeDate)): "
                        + "\(approved.items.count) informasi terbuka, \(approved.exempted.count) "
                        + "dikecualikan. Versi ini diterbitkan pada `dip run` berikutnya.")
                }
            }
        }
    }
}
