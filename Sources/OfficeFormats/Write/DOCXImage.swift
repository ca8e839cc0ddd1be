import Foundation

/// Why bytes cannot be placed in a document as a picture.
public enum DOCXImageError: Error, Equatable, CustomStringConvertible {
    /// Neither a PNG nor a JPEG signature.
    case unsupportedFormat
    /// A PNG or JPEG whose header cannot be read (truncated, wrong chunk, no frame header).
    case malformed(String)
    /// A width or height of zero, or beyond what a page can hold.
    case badDimensions(width: Int, height: Int)

    public var description: String {
        switch self {
        case .unsupportedFormat: return "not a PNG or JPEG image"
        case .malformed(let why): return "malformed image: \(why)"
        case .badDimensions(let w, let h): return "image dimensions \(w)×\(h) are not usable"
        }
    }
}

/// Formats a picture part can have.
public enum DOCXImageFormat: String, Sendable {
    case png, jpeg

    /// Extension of the media part (`word/media/imageN.<ext>`).
    public var fileExtension: String { rawValue }
    public var contentType: String { "image/" + rawValue }
}

/// A PNG or JPEG image with its pixel dimensions, read from the PNG IHDR chunk or the JPEG
/// start-of-frame header. Nothing else is decoded.
public struct DOCXImage: Sendable, Equatable {
    public let data: [UInt8]
    public let format: DOCXImageFormat
    public let pixelWidth: Int
    public let pixelHeight: Int

    /// Largest width or height accepted, in pixels.
    static let maxDimension = 65_535

    public init(data: [UInt8]) throws {
        let (format, w, h): (DOCXImageFormat, Int, Int)
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            (w, h) = try Self.pngSize(data)
            format = .png
        } else if data.starts(with: [0xFF, 0xD8]) {
            (w, h) = try Self.jpegSize(data)
            format = .jpeg
        } else {
            throw DOCXImageError.unsupportedFormat
        }
        guard w > 0, h > 0, w <= Self.maxDimension, h <= Self.maxDimension else {
            throw DOCXImageError.badDimensions(width: w, height: h)
        }
        self.data = data
        self.format = format
        self.pixelWidth = w
        self.pixelHeight = h
    }

    static func be16(_ d: [UInt8], _ i: Int) -> Int { Int(d[i]) << 8 | Int(d[i + 1]) }
    static func be32(_ d: [UInt8], _ i: Int) -> Int {
        Int(d[i]) << 24 | Int(d[i + 1]) << 16 | Int(d[i + 2]) << 8 | Int(d[i + 3])
    }

    /// The first chunk after the signature must be a 13-byte IHDR.
    static func pngSize(_ d: [UInt8]) throws -> (Int, Int) {
        guard d.count >= 8 + 8 + 13 + 4 else { throw DOCXImageError.malformed("PNG shorter than its header") }
        guard be32(d, 8) == 13, Array(d[12..<16]) == Array("IHDR".utf8) else {
            throw DOCXImageError.malformed("PNG does not start with an IHDR chunk")
        }
        return (be32(d, 16), be32(d, 20))
    }

    /// Walks the marker segments up to the first start-of-frame (SOF0–SOF15 except DHT, JPG
    /// and DAC), never past the end of the data or past the start of scan.
    static func jpegSize(_ d: [UInt8]) throws -> (Int, Int) {
        var i = 2
        while true {
            guard i + 1 < d.count else { throw DOCXImageError.malformed("JPEG ends before a frame header") }
            guard d[i] == 0xFF else { throw DOCXImageError.malformed("JPEG marker expected at byte \(i)") }
            var marker = d[i + 1]
            i += 2
            while marker == 0xFF {  // fill bytes
                guard i < d.count else { throw DOCXImageError.malformed("JPEG ends before a frame header") }
                marker = d[i]
                i += 1
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }  // no length
            if marker == 0xD9 || marker == 0xDA {
                throw DOCXImageError.malformed("JPEG has no frame header before its image data")
            }
            guard i + 1 < d.count else { throw DOCXImageError.malformed("JPEG segment truncated") }
            let length = be16(d, i)
            guard length >= 2, i + length <= d.count else { throw DOCXImageError.malformed("JPEG segment length out of range") }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard length >= 7 else { throw DOCXImageError.malformed("JPEG frame header truncated") }
                return (be16(d, i + 5), be16(d, i + 3))
            }
            i += length
        }
    }
}

/// An image placed inline in a paragraph at a given width; the height keeps the image's
/// aspect ratio.
public struct DOCXPicture: Sendable {
    public var image: DOCXImage
    /// Width on the page in centimetres.
    public var widthCm: Double
    /// Alternative text (`wp:docPr descr`).
    public var description: String

    public init(image: DOCXImage, widthCm: Double, description: String = "") {
        self.image = image
        self.widthCm = widthCm
        self.description = description
    }

    /// English Metric Units per centimetre.
    static let emuPerCm = 360_000.0

    /// Width and height in EMU.
    public var extent: (cx: Int, cy: Int) {
        let cx = max(1, Int((widthCm * Self.emuPerCm).rounded()))
        let cy = max(1, Int((Double(cx) * Double(image.pixelHeight) / Double(image.pixelWidth)).rounded()))
        return (cx, cy)
    }
}
