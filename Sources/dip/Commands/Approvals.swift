import ArgumentParser
import DIPCore
import Foundation
import Register

extension DIP {
    /// `dip approvals`: the register's history of approvals, replacements and withdrawals.
    struct Approvals: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Riwayat persetujuan versi DIP: setiap persetujuan, penggantian dan penarikan, "
                + "dengan nomor keputusan dan penandatangannya.")

        @OptionGroup var options: WorkspaceOptions

        @Option(help: ArgumentHelp("Hanya versi ini.", valueName: "versi"))
        var version: Int?

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func run() throws {
            try RegisterOutput.run {
                let events = try options.openRegister().approvalHistory(version: version)
                switch format {
                case .json: print(try RegisterOutput.json(events))
                case .text: print(Self.text(events), terminator: "")
                }
            }
        }

        static func text(_ events: [ApprovalEvent]) -> String {
            guard !events.isEmpty else { return "Belum ada persetujuan yang tercatat.\n" }
            var out = "RIWAYAT PERSETUJUAN\n"
            for e in events {
                let what: String
                switch e.action {
                case .approve: what = "disetujui"
                case .replace: what = "persetujuan diganti"
                case .withdraw: what = "persetujuan ditarik"
                }
                out += "Versi \(e.version) \(what) — \(RegisterOutput.dateTime(e.at)) oleh \(e.by.name)"
                if let nip = e.by.nip { out += " (NIP. \(nip))" }
                out += "\n"
                if let n = e.decreeNumber {
                    out += "  Keputusan DIP Nomor \(n)"
                    if let d = e.decreeDate { out += " tanggal \(RegisterOutput.date(d))" }
                    out += "\n"
                }
                if let n = e.dikDecreeNumber { out += "  Keputusan DIK Nomor \(n)\n" }
                if let t = e.by.title { out += "  Jabatan: \(t)\n" }
                if let a = e.atasan { out += "  Atasan PPID: \(a.name)\(a.nip.map { " (NIP. \($0))" } ?? "")\n" }
                // Each override in its own words (session 24): an event stored before then with
                // `forced` was given --force, which then also covered ended exemptions (named in its note).
                if e.forced {
                    out += "  Disetujui walaupun belum lengkap diperiksa (--force-unreviewed): \(e.unreviewed) informasi belum "
                        + "diperiksa, \(e.pendingTests) uji konsekuensi belum dicatat\n"
                }
                if !e.endedExemptionsReissued.isEmpty {
                    out += "  Pengecualian yang jangka waktunya telah berakhir ditetapkan kembali tanpa uji konsekuensi baru "
                        + "(--force-ended-exemptions): "
                        + e.endedExemptionsReissued.map { "\($0.item) revisi \($0.revision)" }.joined(separator: ", ") + "\n"
                }
                if let opened = e.openedPersonalData, !opened.isEmpty {
                    out += "  Diumumkan utuh walaupun informasinya memuat data pribadi (peringatan `dip approve` diabaikan): "
                        + opened.map { "\($0.item) revisi \($0.revision)" }.joined(separator: ", ") + "\n"
                }
                if !e.note.isEmpty { out += "  Catatan: \(e.note)\n" }
            }
            return out
        }
    }
}
