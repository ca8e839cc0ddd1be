import DIPCore
import Foundation
import Rules

/// A notice for a unit that put something in its inbox folder that dip never reads (a
/// sub-folder, a link, a device file): `reports/unit/<unit>/tidak-dibaca-<unit>.txt` (`Workspace.unreadNoticeFile`).
///
/// Unit staff never see the run log, and files in a sub-folder would otherwise wait forever
/// with no word. A separate file, so the unit's last feedback stays as it was; it is made
/// again on every run from what the inbox holds, and removed once the folder is tidy.
public enum UnreadNotice {
    /// The notice file of a unit.
    public static func url(unit: String, in workspace: Workspace) -> URL {
        workspace.unreadNoticeFile(unit: unit)
    }

    /// Writes a notice for every unit with unread entries in `skipped` and removes the
    /// notices of units that have none now. Returns the units noticed.
    @discardableResult
    public static func update(_ skipped: [SkippedFile], units: UnitDirectory, workspace: Workspace,
                              clock: Clock) throws -> [String] {
        var byUnit: [String: [SkippedFile]] = [:]
        for file in skipped {
            if let unread = file.unread { byUnit[unread.unit, default: []].append(file) }
        }
        for (code, files) in byUnit {
            let unit = units.unit(code) ?? WorkUnit(code: code, name: code)
            try writeIfChanged(text(unit: unit, files: files, clock: clock), to: url(unit: code, in: workspace))
        }
        let outboxes = (try? FileManager.default.contentsOfDirectory(atPath: workspace.outboxes.path)) ?? []
        for code in outboxes where byUnit[code] == nil {
            try? FileManager.default.removeItem(at: url(unit: code, in: workspace))
        }
        return byUnit.keys.sorted()
    }

    /// `dip watch` makes the notices again on every poll: an unchanged one is not rewritten
    /// (no fsync, no new modification time for a file server to sync).
    static func writeIfChanged(_ text: String, to url: URL) throws {
        if (try? String(contentsOf: url, encoding: .utf8)) == text { return }
        try DurableFiles.write(text, to: url)
    }

    /// The notice, in Indonesian.
    static func text(unit: WorkUnit, files: [SkippedFile], clock: Clock) -> String {
        var out = [
            "PERHATIAN: ADA ISI FOLDER UNIT YANG TIDAK DIBACA",
            "Unit kerja : \(unit.name) (\(unit.code))",
            "Diperiksa  : \(clock.indonesianDate())",
            "",
            "Isi folder unit Anda berikut ini tidak dibaca oleh sistem DIP:",
        ]
        for file in files.sorted(by: { $0.path < $1.path }) {
            let name = URL(fileURLWithPath: file.path).lastPathComponent
            out.append("  - \(name): \(description(file))")
        }
        out.append("")
        if files.contains(where: { [.subfolder, .link, .special].contains($0.unread?.kind) }) {
            out += [
                "Yang perlu dilakukan: letakkan berkas DIP (.xlsx, .ods atau .csv) langsung di folder unit",
                "\"\(unit.code)\", bukan di dalam subfolder atau sebagai pintasan. Isi subfolder sengaja",
                "tidak dibaca, supaya daftar lama yang disimpan di sana tidak menimpa daftar yang baru.",
            ]
        }
        out.append("Pemberitahuan ini hilang dengan sendirinya setelah folder unit Anda rapi.")
        return out.joined(separator: "\n") + "\n"
    }

    static func description(_ file: SkippedFile) -> String {
        switch file.unread?.kind {
        case .subfolder?: return "subfolder; berkas di dalamnya tidak dibaca."
        case .link?: return "pintasan (tautan) ke berkas atau folder lain; tidak diikuti."
        case .unreadableName?:
            return "nama berkas memuat huruf yang tidak dapat dibaca sistem; ganti namanya (cukup huruf, angka dan spasi), lalu salin ulang."
        case .futureTime?:
            return "waktu simpan berkas lebih maju dari jam server (jam komputer pengirim salah), sehingga sistem tidak dapat "
                + "memastikan berkas sudah selesai disalin; berkas menunggu. Betulkan tanggal dan jam komputer, lalu simpan dan salin ulang."
        case .linkedFolder?:
            return "folder unit ini berupa pintasan (tautan) ke folder lain; tidak diikuti. Minta petugas TI menjadikannya folder biasa."
        case .special?, nil: return "bukan berkas biasa; tidak dibaca."
        }
    }
}

/// The PPID's notice of inbox folders that `rules/unit.yaml` does not know:
/// `reports/folder-unit-belum-terdaftar.txt`. Their files wait, untouched, until the unit is
/// registered; the notice says so where the PPID looks (the run log only reaches the IT
/// officer), is made again on every run, and is removed once no such folder holds files.
public enum UnregisteredUnitsNotice {
    public static func url(in workspace: Workspace) -> URL {
        workspace.reports.appendingPathComponent("folder-unit-belum-terdaftar.txt")
    }

    /// Writes or removes the notice from this run's skipped files. Returns the folders named.
    @discardableResult
    public static func update(_ skipped: [SkippedFile], workspace: Workspace, clock: Clock,
                              units: UnitDirectory? = nil) throws -> [String] {
        var waiting: [String: Int] = [:]
        var unopenable: Set<String> = []
        for file in skipped {
            guard let folder = file.unregisteredFolder else { continue }
            // The skipped path is a file in the folder, or the folder itself when its name
            // cannot be opened.
            if file.path == workspace.inbox.appendingPathComponent(folder).path {
                unopenable.insert(folder)
                waiting[folder] = waiting[folder] ?? 0
            } else {
                waiting[folder, default: 0] += 1
            }
        }
        let notice = url(in: workspace)
        guard !waiting.isEmpty else {
            try? FileManager.default.removeItem(at: notice)
            return []
        }
        var out = [
            "PERHATIAN PPID: FOLDER UNIT YANG BELUM TERDAFTAR",
            "Diperiksa: \(clock.indonesianDate())",
            "",
            "Folder berikut di inbox/ tidak terdaftar di rules/unit.yaml, sehingga berkas di dalamnya",
            "belum diproses (berkas dibiarkan utuh):",
        ]
        var renamed = false
        for folder in waiting.keys.sorted() {
            out.append(unopenable.contains(folder)
                ? "  - \(folder) (nama folder memuat huruf yang tidak dapat dibaca sistem; ganti namanya)"
                : "  - \(folder) (\(waiting[folder]!) berkas menunggu)")
            // A registered unit's folder renamed ("dinsos" → "Dinas Sosial", "DINSOS"): said
            // as such, or the PPID would register a second code and split the unit's history.
            if let unit = units.flatMap({ registeredUnit(like: folder, in: $0) }) {
                renamed = true
                out.append("    Tampaknya folder unit \(unit.code) (\(unit.name)) yang berganti nama: pindahkan berkasnya ke "
                    + "inbox/\(unit.code)/ (atau kembalikan nama folder itu menjadi \(unit.code)).")
            }
        }
        out += [
            "",
            "Yang perlu dilakukan: bila folder itu milik sebuah unit kerja, tambahkan unit tersebut ke",
            "rules/unit.yaml dengan kode sama dengan nama folder, periksa dengan `dip rules check`;",
            "run berikutnya memproses berkasnya. Bila bukan, pindahkan folder itu keluar dari inbox/.",
            "Pemberitahuan ini hilang dengan sendirinya setelah tidak ada lagi folder seperti itu.",
        ]
        if renamed {
            out.insert(contentsOf: [
                "Jangan mendaftarkan kode baru untuk folder unit yang berganti nama: riwayat DIP setiap unit",
                "tersimpan menurut kodenya, dan kode baru memulai riwayat baru.",
            ], at: out.count - 1)
        }
        try UnreadNotice.writeIfChanged(out.joined(separator: "\n") + "\n", to: notice)
        return waiting.keys.sorted()
    }

    /// The registered unit a folder name stands for when letters, digits and case are all
    /// that count: its code ("DINSOS", "din-sos") or its name ("Dinas Sosial").
    static func registeredUnit(like folder: String, in units: UnitDirectory) -> WorkUnit? {
        func squeezed(_ s: String) -> String {
            String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        }
        let key = squeezed(folder)
        guard !key.isEmpty else { return nil }
        return units.units.first { squeezed($0.code) == key || squeezed($0.name) == key }
    }
}
