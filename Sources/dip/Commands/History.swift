import ArgumentParser
import DIPCore
import Foundation
import Register

extension DIP {
    /// `dip history ITEM`: everything the register knows about one item.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Riwayat satu informasi: setiap revisi, uji konsekuensi, keputusan PPID, "
                + "dan versi DIP yang memuatnya.")

        @OptionGroup var options: WorkspaceOptions

        @Argument(help: ArgumentHelp("Kode informasi di register, misalnya dinkes-0007.", valueName: "kode-informasi"))
        var item: String

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func run() throws {
            try RegisterOutput.run {
                let history = try options.openRegister().history(itemID: item)
                switch format {
                case .json: print(try RegisterOutput.json(history))
                case .text: print(Self.text(history), terminator: "")
                }
            }
        }

        static func text(_ h: ItemHistory) -> String {
            // An item exempted in part is in the DIK for its withheld part and in the DIP for the
            // rest (the decrees print both); "dikecualikan (masuk DIK)" alone said it left the DIP.
            func inPart(_ revision: Int) -> Bool {
                h.tests.last { $0.revision == revision }?.test.conclusion == .exemptPart
            }
            // A version as it was decreed: by the test it rests on, not the revision's newest
            // (a later test concluding terbuka made v3's "Dikecualikan sebagian" read "Dikecualikan").
            func partInVersion(_ v: ItemHistory.Membership) -> Bool {
                guard let id = v.test, let t = h.tests.first(where: { $0.id == id }) else { return inPart(v.revision) }
                return t.test.conclusion == .exemptPart
            }
            var out = "RIWAYAT \(h.id) — \(h.unit.name)\n"
            let state = h.state == "dikecualikan" && inPart(h.currentRevision)
                ? "dikecualikan sebagian (bagian yang dikecualikan masuk DIK, bagian lainnya tetap di DIP)"
                : RegisterOutput.stateLabel(h.state)
            out += "Keadaan: \(state); revisi terkini \(h.currentRevision)\n"
            out += "Tercatat sejak \(RegisterOutput.dateTime(h.createdAt))"
            if let w = h.withdrawnAt { out += "; ditarik \(RegisterOutput.dateTime(w))" }
            out += "\n\nRevisi:\n"
            for r in h.revisions {
                out += "  Revisi \(r.revision) — \(RegisterOutput.changeLabel(r.change)), "
                    + "\(r.fileName), \(RegisterOutput.dateTime(r.recordedAt))\n"
                if !r.fields.isEmpty {
                    out += "    Kolom berubah: \(RegisterOutput.fieldList(r.fields))\n"
                }
                out += "    Ringkasan: \(r.item.ringkasan)\n"
                let category = r.classification.suggested ?? r.classification.declared
                out += "    Kategori usulan: \(category?.shortLabel ?? "-")"
                if r.classification.needsConsequenceTest { out += "; perlu uji konsekuensi" }
                out += "\n"
            }
            out += "\nKiriman unit kerja:\n"
            for s in h.states {
                out += "  \(s.fileName) (\(RegisterOutput.dateTime(s.receivedAt))): "
                    + "\(RegisterOutput.changeLabel(s.change)), revisi \(s.revision)\n"
            }
            out += "\nUji konsekuensi:\n"
            if h.tests.isEmpty { out += "  (belum ada)\n" }
            for t in h.tests {
                // The date, number and place the berita acara prints: a test completed with its
                // number (`dip test --berita-acara-number`) is a second row, which read as the
                // first one repeated.
                out += "  Revisi \(t.revision): \(t.test.conclusion.label); dasar: "
                    + "\(t.test.legalBasis.isEmpty ? "-" : t.test.legalBasis); penguji: \(t.test.tester?.name ?? "-"); "
                    + (t.test.testedOn.map { "tanggal uji \(RegisterOutput.date($0)); " } ?? "")
                    + "berita acara \(t.test.beritaAcaraNumber.map { "Nomor \($0)" } ?? "belum bernomor")"
                    + (t.test.place.map { ", bertempat di \($0)" } ?? "") + "; "
                    + "dicatat oleh \(t.enteredBy) (\(t.source == .workbook ? "lembar pemeriksaan" : "perintah dip test"))\n"
                for c in t.completions ?? [] {
                    let added = [c.beritaAcaraNumber.map { "nomor berita acara \($0)" },
                                 c.testedOn.map { "tanggal uji \(RegisterOutput.date($0))" }].compactMap { $0 }
                    out += "    dilengkapi dengan \(added.joined(separator: " dan ")) oleh \(c.enteredBy), "
                        + "\(RegisterOutput.dateTime(c.enteredAt))\n"
                }
            }
            out += "\nKeputusan PPID:\n"
            if h.decisions.isEmpty { out += "  (belum ada)\n" }
            for d in h.decisions {
                let action = d.action == .return ? "dikembalikan" : "disetujui"
                out += "  Revisi \(d.revision): \(action) oleh \(d.by.name), "
                    + "\(RegisterOutput.dateTime(d.at))"
                if !d.note.isEmpty { out += " — \(d.note)" }
                out += "\n"
            }
            if !h.ruleChoices.isEmpty {
                out += "\nKlasifikasi menurut aturan baru:\n"
                for c in h.ruleChoices {
                    out += "  Revisi \(c.revision): "
                        + (c.action == .apply ? "diterapkan (menjadi revisi \(c.revision + 1))" : "klasifikasi lama dipertahankan")
                        + " oleh \(c.by.name), \(RegisterOutput.dateTime(c.at))"
                    if !c.note.isEmpty { out += " — \(c.note)" }
                    out += "\n"
                }
            }
            out += "\nVersi DIP:\n"
            if h.versions.isEmpty { out += "  (belum masuk versi mana pun)\n" }
            for v in h.versions {
                out += "  Versi \(v.version) (\(VersionStatusText.label(v.status.rawValue))): "
                    + "revisi \(v.revision), \(v.category.shortLabel)"
                    + (v.category == .dikecualikan && partInVersion(v) ? " sebagian" : "")
                if let g = v.subgroup { out += " \(g.rawValue)" }
                out += "\n"
            }
            return out
        }
    }
}
