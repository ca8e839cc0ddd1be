import ArgumentParser
import DIPCore
import Foundation
import Register

extension DIP {
    /// `dip status`: the register at a glance.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ringkasan register: kiriman terakhir tiap unit, uji konsekuensi yang "
                + "tertunda, draf yang menunggu persetujuan, dan versi terakhir yang terbit.")

        @OptionGroup var options: WorkspaceOptions

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func run() throws {
            try RegisterOutput.run {
                let db = try options.openRegister()
                let status = try db.status()
                switch format {
                case .json: print(try RegisterOutput.json(status))
                case .text:
                    // Items exempted in part, whose open parts the DIP's Lampiran holds: read from
                    // each version's outline (no texts), so that the counts are the decrees'.
                    var partial: [Int: Int] = [:]
                    for v in [status.draft, status.lastPublished].compactMap({ $0 }) where v.exemptedCount > 0 {
                        partial[v.number] = try db.versionOutline(number: v.number).exempted
                            .filter { $0.conclusion == .exemptPart }.count
                    }
                    print(Self.text(status, partial: partial) + Self.heldText(status.held), terminator: "")
                }
            }
        }

        /// Lists held for the PPID (issue 16 #7), when there are any.
        static func heldText(_ holds: [HeldSubmission]) -> String {
            guard !holds.isEmpty else { return "" }
            var out = "\nKiriman DITAHAN menunggu keputusan PPID (dip release UNIT / --refuse):\n"
            for h in holds {
                out += "  \(h.unit): \(h.fileName), \(RegisterOutput.dateTime(h.receivedAt)); menarik "
                    + "\(h.count.withdrawn) dari \(h.count.current) informasi\n"
            }
            return out
        }

        /// `partial`: by version number, its items exempted in part (absent: none).
        static func text(_ s: RegisterStatus, partial: [Int: Int] = [:], clock: Clock = Clock.fromEnvironment()) -> String {
            func counts(_ v: VersionSummary) -> String {
                let p = partial[v.number] ?? 0
                return RegisterOutput.decreeCounts(inDIP: v.itemCount + p, partial: p, exempted: v.exemptedCount)
            }
            var out = "STATUS REGISTER DIP\n\nUnit kerja:\n"
            if s.units.isEmpty { out += "  (belum ada unit kerja yang mengirim daftar)\n" }
            for u in s.units {
                out += "  \(u.unit.code) — \(u.unit.name)\n"
                if let last = u.lastSubmission {
                    let outcome = last.outcome == "accepted" ? "diterima" : "ditolak"
                    out += "    Kiriman terakhir: \(last.fileName), "
                        + "\(RegisterOutput.dateTime(last.receivedAt)), \(outcome)"
                    if let reason = last.reason { out += " (\(reason))" }
                    out += "\n"
                } else {
                    out += "    Belum ada kiriman.\n"
                }
                out += "    Informasi: \(u.itemCount); masalah: \(u.problemCount); "
                    + "menunggu uji: \(u.pendingTestCount); dikembalikan: \(u.returnedCount)\n"
            }
            out += "\nMenunggu uji konsekuensi: \(s.pendingTests.count)\n"
            for p in s.pendingTests {
                out += "  \(p.itemID) (revisi \(p.revision)): \(p.item.ringkasan)\n"
            }
            out += "\n"
            if let d = s.draft {
                out += "Draf menunggu persetujuan: versi \(d.number), dibuat "
                    + "\(RegisterOutput.dateTime(d.createdAt)); \(counts(d)).\n"
            } else {
                out += "Tidak ada draf yang menunggu persetujuan.\n"
            }
            if let a = s.approved {
                out += "Disetujui, belum diterbitkan: versi \(a.number) "
                    + "(keputusan \(a.decreeNumber ?? "-")"
                out += a.decreeDate.map { date in
                    IndonesianDate.isLaterDay(date, than: clock.now)
                        ? " tanggal \(RegisterOutput.date(date)); diterbitkan pada atau setelah tanggal itu).\n"
                        : ").\n"
                } ?? ").\n"
            }
            if let p = s.lastPublished {
                out += "Versi terakhir yang diterbitkan: versi \(p.number), keputusan "
                    + "\(p.decreeNumber ?? "-") tanggal \(RegisterOutput.date(p.decreeDate)); "
                    + "\(counts(p)).\n"
            } else {
                out += "Belum ada versi yang diterbitkan.\n"
            }
            return out
        }
    }
}
