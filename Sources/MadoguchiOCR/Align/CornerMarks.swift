import Foundation
import MadoguchiCore

/// Finds the four corner marks of a scanned paper form: in each corner of the scan, the dark blob nearest the
/// corner whose size is the mark's. The scan is assumed to show the whole A4 page at any resolution, turned by at
/// most a few degrees; what cannot be found is reported, never guessed (the page goes to the manual queue).
public enum CornerMarks {
    /// How far into the page, from each corner, a mark is looked for (mm): its place, plus what a skew of ±5° and
    /// a page laid off-centre on the glass move it.
    static let searchDepth = 45.0

    /// The marks' centres in scan pixels (top-left, top-right, bottom-left, bottom-right), or nil naming the corners
    /// where no mark was found.
    /// `threshold`: ink is darker than this (`GrayImage.inkThreshold`, computed once per page by the caller).
    public static func find(in image: GrayImage, threshold: UInt8) -> Result<[(x: Double, y: Double)], Missing> {
        let scale = min(Double(image.width) / PaperGeometry.pageWidth, Double(image.height) / PaperGeometry.pageHeight)
        let side = PaperGeometry.markSize * scale
        let window = min(Int(searchDepth * scale), image.width / 2, image.height / 2)
        var found: [(x: Double, y: Double)] = []
        var missing: [Int] = []
        for corner in 0..<4 {
            let right = corner % 2 == 1, bottom = corner >= 2
            let x0 = right ? image.width - window : 0, y0 = bottom ? image.height - window : 0
            let cornerPoint = (x: Double(right ? image.width : 0), y: Double(bottom ? image.height : 0))
            let blobs = Blobs.dark(in: image, x: x0, y: y0, width: window, height: window, threshold: threshold)
            let marks = blobs.filter { blob in
                let area = Double(blob.area), expected = side * side
                let (w, h) = (Double(blob.width), Double(blob.height))
                // A square turned by up to 10° stays within these; a line, a letter or a QR module does not.
                return area > expected * 0.45 && area < expected * 1.9 && w > side * 0.6 && w < side * 1.6
                    && h > side * 0.6 && h < side * 1.6 && area / (w * h) > 0.55
            }
            guard let mark = marks.min(by: {
                hypot($0.centre.x - cornerPoint.x, $0.centre.y - cornerPoint.y) < hypot($1.centre.x - cornerPoint.x, $1.centre.y - cornerPoint.y)
            }) else {
                missing.append(corner)
                continue
            }
            found.append(mark.centre)
        }
        return missing.isEmpty ? .success(found) : .failure(Missing(corners: missing))
    }

    public struct Missing: Error, Sendable, Equatable, CustomStringConvertible {
        /// 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.
        public let corners: [Int]

        public var description: String {
            let names = ["左上", "右上", "左下", "右下"]
            return "位置合わせのマークが見つかりません（" + corners.map { names[$0] }.joined(separator: "・") + "）"
        }
    }
}

/// Connected dark regions (4-connected) in a window of an image.
enum Blobs {
    struct Blob {
        var area = 0
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        var sumX = 0.0, sumY = 0.0

        var width: Int { maxX - minX + 1 }
        var height: Int { maxY - minY + 1 }
        var centre: (x: Double, y: Double) { (sumX / Double(area) + 0.5, sumY / Double(area) + 0.5) }
    }

    static func dark(in image: GrayImage, x x0: Int, y y0: Int, width: Int, height: Int, threshold: UInt8) -> [Blob] {
        var seen = [Bool](repeating: false, count: width * height)
        var blobs: [Blob] = []
        var stack: [Int] = []
        for start in 0..<(width * height) where !seen[start] {
            seen[start] = true
            guard image[x0 + start % width, y0 + start / width] < threshold else { continue }
            var blob = Blob()
            stack.append(start)
            while let index = stack.popLast() {
                let x = index % width, y = index / width
                blob.area += 1
                blob.minX = min(blob.minX, x0 + x); blob.maxX = max(blob.maxX, x0 + x)
                blob.minY = min(blob.minY, y0 + y); blob.maxY = max(blob.maxY, y0 + y)
                blob.sumX += Double(x0 + x); blob.sumY += Double(y0 + y)
                for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && ny >= 0 && nx < width && ny < height {
                    let next = ny * width + nx
                    if !seen[next] {
                        seen[next] = true
                        if image[x0 + nx, y0 + ny] < threshold { stack.append(next) }
                    }
                }
            }
            blobs.append(blob)
        }
        return blobs
    }
}
