import Foundation
import OfficeFormats

/// The logo of the kop surat (keputusan.json `contact.logo`): a PNG or JPEG file in `rules/`,
/// printed centred above the letterhead lines of both decrees.
public enum DecreeLogo {
    /// Largest logo file accepted.
    public static let maxBytes = 2 * 1024 * 1024
    /// Printed width; the height keeps the image's proportions.
    public static let widthCm = 2.5

    /// The logo named by `settings.contact.logo`, read from `rulesDirectory`, or why it cannot
    /// be printed (Indonesian, for `dip rules check`). No logo configured: neither.
    public static func load(_ settings: DecreeSettings, rulesDirectory: URL) -> (image: DOCXImage?, problem: String?) {
        guard let name = settings.contact?.logo?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            return (nil, nil)
        }
        let label = "contact.logo \"\(name)\""
        if name.hasPrefix("/") || name.split(separator: "/").contains("..") {
            return (nil, "\(label): tulis nama berkas di dalam folder rules/ (tanpa \"/\" di depan atau \"..\").")
        }
        let url = rulesDirectory.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return (nil, "\(label): berkas tidak ditemukan di rules/; keputusan dicetak tanpa logo.")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        if size > maxBytes {
            return (nil, "\(label): berkas \(size) bait, lebih dari batas \(maxBytes / 1024 / 1024) MB; keputusan dicetak tanpa logo.")
        }
        guard let data = try? Data(contentsOf: url) else {
            return (nil, "\(label): berkas tidak dapat dibaca; keputusan dicetak tanpa logo.")
        }
        do {
            return (try DOCXImage(data: [UInt8](data)), nil)
        } catch DOCXImageError.unsupportedFormat {
            return (nil, "\(label): bukan gambar PNG atau JPEG; keputusan dicetak tanpa logo.")
        } catch {
            return (nil, "\(label): gambar rusak atau tidak dapat dibaca (\(error)); keputusan dicetak tanpa logo.")
        }
    }
}
