import ArgumentParser
import DIPCore
import Foundation
import Publish
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
                    // Exemption periods follow the clock (docs/publish.md "Exemption periods"); a
                    // keputusan.json dip cannot read leaves the default window (`dip rules check` says why).
                    let clock = Clock.fromEnvironment()
                    let days = (try? options.decreeSettings())?.exemptionNoticeDays ?? ExemptionPeriods.defaultNoticeDays
                    let notices = try db.newestVersionNumber().map {
                        ExemptionPeriods.notices(try db.exemptionTerms(version: $0), today: clock.now, noticeDays: days)
                    } ?? []
                    print(Self.text(status, partial: partial) + Self.heldText(status.held)
                        + Self.exemptionPeriodsText(notices, noticeDays: days, clock: clock)
                        + Self.ruleChangesText(status.ruleChanges), terminator: "")
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

        /// Items on record the rules in force would classify differently, when there are any.
        static func ruleChangesText(_ changes: [RuleChange]) -> String {
            guard !changes.isEmpty else { return "" }
            return "\nKlasifikasi berubah karena aturan baru: \(changes.count) informasi menunggu keputusan PPID "
                + "(sheet Aturan Baru di reports/review/pemeriksaan-dip.xlsx; sampai diputuskan, klasifikasi tercatat tetap berlaku):\n"
                + RuleChangeText.lines(changes, citations: .builtIn)
        }

        /// Exemptions whose period has ended, ends within `noticeDays`, or cannot be dated, when there are any.
        static func exemptionPeriodsText(_ notices: [ExemptionNotice], noticeDays: Int, clock: Clock) -> String {
            guard !notices.isEmpty else { return "" }
            var out = "\nJangka waktu pengecualian (\(ExemptionPeriods.countsText(notices, noticeDays: noticeDays))); "
                + "uji ulang dengan `dip test` atau sheet Uji Konsekuensi:\n"
            for n in notices {
                let t = n.term
                out += "  \(t.itemID) (revisi \(t.revision)): \"\(t.periodText)\" sejak "
                    + (t.decidedOn.map { clock.indonesianDate($0) } ?? "-") + ", "
                switch n.standing {
                case .ended(let end): out += "telah \(ExemptionPeriods.endsText(end, clock: clock))"
                case .ending(let end): out += ExemptionPeriods.endsText(end, clock: clock)
                case .unreadable: out += "jangka waktu tidak terbaca"
                default: out += "tanggal berakhir tidak dapat dihitung"
                }
                out += "\n"
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
