import DIPCore
import Foundation
import Intake
import Logging
import Register
import Rules

/// The PPID's decision on a unit's list held because it would withdraw most of the unit's
/// items (issue 16 #7): `dip release UNIT` applies it, `dip release UNIT --refuse` discards it.
///
/// The held file is applied from its archived original (checked against its SHA-256), read
/// and classified exactly as a run would, and recorded in ONE register transaction together
/// with the hold's "released" mark: a kill before it leaves the hold pending, after it the
/// list applied. The notices are derived from the register and made again by every run.
public enum HeldSubmissions {
    public enum Failure: Error, CustomStringConvertible {
        case nothingHeld(unit: String)
        case originalMissing(path: String)
        case originalChanged(path: String)
        case unreadable(file: String, reason: String)

        public var description: String {
            switch self {
            case .nothingHeld(let unit):
                return "Unit \(unit) tidak mempunyai kiriman yang ditahan (lihat reports/review/kiriman-ditahan.txt)."
            case .originalMissing(let path):
                return "Berkas asli kiriman yang ditahan tidak ada di arsip: \(path). Pulihkan dari cadangan; tidak ada yang diubah."
            case .originalChanged(let path):
                return "Berkas asli kiriman yang ditahan di arsip berubah (SHA-256 tidak cocok): \(path). Jalankan `dip verify-archive`; tidak ada yang diubah."
            case .unreadable(let file, let reason):
                return "Berkas \(file) yang ditahan tidak dapat dibaca lagi: \(reason). Tidak ada yang diubah."
            }
        }
    }

    /// Applies the unit's held list. Call under the workspace lock.
    public static func release(
        unit: String, by: Official, note: String, workspace: Workspace, config: Configuration,
        register: AppDatabase, clock: Clock, logger: Logger
    ) throws -> (hold: HeldSubmission, update: SubmissionUpdate) {
        guard let hold = try register.pendingHold(unit: unit) else { throw Failure.nothingHeld(unit: unit) }
        let original = workspace.root.appendingPathComponent(hold.archivedPath)
        guard FileManager.default.fileExists(atPath: original.path) else {
            throw Failure.originalMissing(path: hold.archivedPath)
        }
        guard try DurableFiles.sha256(of: original) == hold.sha256 else {
            throw Failure.originalChanged(path: hold.archivedPath)
        }
        let read = readSubmission(at: original.path, displayName: hold.fileName, receivedAt: hold.receivedAt)
        guard read.status == .accepted else {
            throw Failure.unreadable(file: hold.fileName, reason: read.reason ?? "")
        }
        let classifier = try config.classifier(register: register)
        let update = try register.releaseHeld(
            unit: unit, sha256: hold.sha256, items: read.items.map { ($0, classifier.classify($0)) },
            problems: read.problems, by: by, at: clock.now, note: note)
        logger.notice("kiriman ditahan dilepas oleh PPID", metadata: [
            "unit": "\(unit)", "berkas": "\(hold.fileName)", "oleh": "\(by.name)",
            "ditarik": "\(update.withdrawn.count)", "sha256": "\(hold.sha256)",
        ])
        try HeldNotices.update(register: register, config: config, workspace: workspace, clock: clock)
        return (hold, update)
    }

    /// Discards the unit's held list; its list stays. Call under the workspace lock.
    public static func refuse(
        unit: String, by: Official, note: String, workspace: Workspace, config: Configuration,
        register: AppDatabase, clock: Clock, logger: Logger
    ) throws -> HeldSubmission {
        guard try register.pendingHold(unit: unit) != nil else { throw Failure.nothingHeld(unit: unit) }
        let hold = try register.refuseHeld(unit: unit, by: by, at: clock.now, note: note)
        logger.notice("kiriman ditahan ditolak oleh PPID", metadata: [
            "unit": "\(unit)", "berkas": "\(hold.fileName)", "oleh": "\(by.name)", "sha256": "\(hold.sha256)",
        ])
        try HeldNotices.update(register: register, config: config, workspace: workspace, clock: clock)
        return hold
    }
}

extension Configuration {
    /// The classifier of a run: the rules, with the PPID's own decisions in the register as
    /// precedents that outrank the shipped corpus.
    public func classifier(register: AppDatabase) throws -> Classifier {
        Classifier(ruleSet: ruleSet,
                   ppidDecisions: try register.ppidDecisions().map { PPIDPrecedents.precedent($0, units: units) },
                   units: units, threads: threads)
    }
}

/// The notices about held lists, made from the register by every run and by `dip release`:
/// the unit's `reports/unit/<unit>/ditahan-<unit>.txt` (held, or what the PPID decided, until
/// the unit sends another file) and the PPID's `reports/review/kiriman-ditahan.txt` (every
/// list waiting for a decision). Removed when there is nothing to tell.
public enum HeldNotices {
    public static func update(register: AppDatabase, config: Configuration, workspace: Workspace, clock: Clock) throws {
        let tell = try register.holdsToTell()
        let byUnit = Dictionary(tell.map { ($0.unit, $0) }, uniquingKeysWith: { $1 })
        let outboxes = (try? FileManager.default.contentsOfDirectory(atPath: workspace.outboxes.path)) ?? []
        for code in Set(outboxes).union(byUnit.keys).sorted() {
            let url = workspace.heldNoticeFile(unit: code)
            if let hold = byUnit[code] {
                let unit = config.units.unit(code) ?? WorkUnit(code: code, name: code)
                try UnreadNotice.writeIfChanged(unitText(hold, unit: unit, clock: clock), to: url)
            } else {
                try? FileManager.default.removeItem(at: url)
            }
        }
        let pending = tell.filter { $0.status == .held }
        if pending.isEmpty {
            try? FileManager.default.removeItem(at: workspace.heldListsNotice)
        } else {
            try UnreadNotice.writeIfChanged(
                ppidText(pending, config: config, clock: clock), to: workspace.heldListsNotice)
        }
    }

    static func unitText(_ hold: HeldSubmission, unit: WorkUnit, clock: Clock) -> String {
        var out: [String] = []
        let received = "Berkas     : \(hold.fileName) (diterima \(clock.indonesianDate(hold.receivedAt)))"
        let who = hold.decidedBy.map { "\($0.name)" + ($0.nip.map { " (NIP \($0))" } ?? "") } ?? "PPID"
        let when = hold.decidedAt.map { clock.indonesianDate($0) } ?? ""
        let note = (hold.note ?? "").isEmpty ? [] : ["Catatan PPID: \(hold.note!)"]
        switch hold.status {
        case .held, .superseded:
            out = [
                "PERHATIAN: KIRIMAN DAFTAR DITAHAN",
                "Unit kerja : \(unit.name) (\(unit.code))", received, "",
                "Berkas ini memuat \(grouped(hold.itemCount)) informasi. Bila diterapkan, berkas ini menarik "
                    + "\(grouped(hold.count.withdrawn)) dari \(grouped(hold.count.current)) informasi unit Anda yang tercatat.",
                "Penarikan sebanyak itu biasanya berarti berkas belum selesai disalin, terpotong, atau bukan daftar",
                "lengkap. Karena itu berkas BELUM diterapkan dan menunggu keputusan PPID; daftar Anda yang tercatat",
                "tetap berlaku.", "",
                "Yang perlu dilakukan:",
                "  - Bila penarikan itu memang disengaja, minta PPID melepas kiriman ini.",
                "  - Bila tidak, kirim ulang daftar LENGKAP ke folder unit Anda; kiriman baru menggantikan",
                "    kiriman yang ditahan.",
            ]
        case .released:
            out = [
                "KIRIMAN DAFTAR YANG DITAHAN TELAH DILEPAS PPID",
                "Unit kerja : \(unit.name) (\(unit.code))", received, "",
                "Dilepas oleh \(who) pada \(when): daftar Anda kini sesuai berkas itu "
                    + "(\(grouped(hold.itemCount)) informasi; \(grouped(hold.count.withdrawn)) informasi lama ditarik).",
            ] + note + [
                "Templat pemutakhiran Anda diperbarui pada proses berikutnya.",
            ]
        case .refused:
            out = [
                "KIRIMAN DAFTAR YANG DITAHAN DITOLAK PPID",
                "Unit kerja : \(unit.name) (\(unit.code))", received, "",
                "Ditolak oleh \(who) pada \(when): berkas itu tidak diterapkan; daftar Anda yang tercatat "
                    + "(\(grouped(hold.count.current)) informasi) tetap berlaku.",
            ] + note + [
                "Bila daftar Anda perlu diubah, kirim daftar LENGKAP ke folder unit Anda.",
            ]
        }
        out += ["", "Pemberitahuan ini hilang dengan sendirinya setelah unit Anda mengirim berkas baru."]
        return out.joined(separator: "\n") + "\n"
    }

    /// Counts as the rest of the feedback prints them: "14.666", not "14666".
    private static func grouped(_ n: Int) -> String { IndonesianNumber.grouped(n) }

    /// The name printed in the `dip release` commands for the PPID to replace; `dip release`
    /// refuses it as a name.
    public static let namePlaceholder = "Nama PPID"

    static func ppidText(_ pending: [HeldSubmission], config: Configuration, clock: Clock) -> String {
        let policy = config.intake.holdMassWithdrawal
        var out = [
            "PERHATIAN PPID: KIRIMAN DAFTAR YANG DITAHAN",
            "Diperiksa: \(clock.indonesianDate())",
            "",
            "Kiriman berikut akan menarik sebagian besar daftar unitnya (paling sedikit \(grouped(policy.minimumWithdrawn)) informasi",
            "dan lebih dari \(policy.percent)% daftar; batas di rules/\(IntakeSettings.fileName)), sehingga ditahan dan",
            "BELUM diterapkan. Daftar unit yang tercatat tetap berlaku. Unit kerja sudah diberi tahu.",
        ]
        for hold in pending {
            let name = config.units.unit(hold.unit)?.name ?? hold.unit
            out.append("  - \(hold.unit) (\(name)): berkas \(hold.fileName), diterima \(clock.indonesianDate(hold.receivedAt));"
                + " \(grouped(hold.itemCount)) informasi; menarik \(grouped(hold.count.withdrawn)) dari \(grouped(hold.count.current)) informasi.")
        }
        out += ["", "Yang perlu dilakukan: tanyakan kepada unit kerja apakah penarikan itu disengaja, lalu jalankan",
                "salah satu perintah berikut (ganti \(namePlaceholder) dengan nama Anda: nama itu dicatat di register)."]
        // One pair of commands per held unit, with its real code: a placeholder such as
        // `<unit>` typed as written reaches the shell as a redirection.
        for hold in pending {
            let name = config.units.unit(hold.unit)?.name ?? hold.unit
            out += [
                "  \(name) (folder inbox/\(hold.unit)/):",
                "  - Disengaja:       dip release \(hold.unit) --name \"\(namePlaceholder)\"",
                "  - Tidak disengaja: dip release \(hold.unit) --refuse --name \"\(namePlaceholder)\", atau tunggu unit mengirim",
                "                     daftar lengkap (kiriman baru menggantikan kiriman yang ditahan).",
            ]
        }
        out += ["Pemberitahuan ini hilang dengan sendirinya setelah tidak ada lagi kiriman yang ditahan."]
        return out.joined(separator: "\n") + "\n"
    }
}
