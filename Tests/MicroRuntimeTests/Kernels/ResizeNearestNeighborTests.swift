import MicroRuntime
import MoteTestSupport
import XCTest

final class ResizeNearestNeighborTests: XCTestCase {
  func testSourceIndices() {
    // 3 → 5 with scale 0.6: floor(0, 0.6, 1.2, 1.8, 2.4) = 0 0 1 1 2.
    XCTAssertEqual((0..<5).map { Reference.nearestSource($0, scale: 0.6, alignCorners: false, halfPixelCenters: false, inputSize: 3) },
                   [0, 0, 1, 1, 2])
    // align_corners, scale (3 − 1)/(5 − 1) = 0.5: round(0, 0.5, 1, 1.5, 2) = 0 1 1 2 2.
    XCTAssertEqual((0..<5).map { Reference.nearestSource($0, scale: 0.5, alignCorners: true, halfPixelCenters: false, inputSize: 3) },
                   [0, 1, 1, 2, 2])
    // half-pixel centres, scale 0.6: floor(0.3, 0.9, 1.5, 2.1, 2.7) = 0 0 1 2 2.
    XCTAssertEqual((0..<5).map { Reference.nearestSource($0, scale: 0.6, alignCorners: false, halfPixelCenters: true, inputSize: 3) },
                   [0, 0, 1, 2, 2])
  }
}
