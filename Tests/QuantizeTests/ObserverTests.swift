import Quantize
import XCTest

/// Observers against hand-computed statistics.
final class ObserverTests: XCTestCase {
  func testMinMax() {
    var o = MinMaxObserver()
    XCTAssertNil(o.range)
    o.observe([1, -2, 3])
    o.observe([0.5, 7, .nan])
    XCTAssertEqual(o.range?.min, -2)
    XCTAssertEqual(o.range?.max, 7)
  }

  func testMovingAverage() {
    var o = MovingAverageMinMaxObserver(averagingConstant: 0.5)
    o.observe([0, 4])          // (0, 4)
    o.observe([-2, 2])         // (0 + 0.5·(-2 - 0), 4 + 0.5·(2 - 4)) = (-1, 3)
    XCTAssertEqual(o.range?.min, -1)
    XCTAssertEqual(o.range?.max, 3)
  }

  func testHistogramPercentile() {
    // 0..<100 evenly: the 50th percentile is 49.5 give or take one bin width (99/100).
    var o = HistogramObserver(bins: 100, method: .percentile(lower: 0, upper: 50))
    o.observe((0..<100).map(Float.init))
    XCTAssertEqual(o.percentile(50), 49.5, accuracy: 1.0)
    XCTAssertEqual(o.range!.min, 0, accuracy: 1e-5)
  }

  func testHistogramWidensWhenValuesLeaveTheRange() {
    var o = HistogramObserver(bins: 10, method: .minMax)
    o.observe([0, 1])
    o.observe([-3, 5])
    XCTAssertEqual(o.range?.min, -3)
    XCTAssertEqual(o.range?.max, 5)
    XCTAssertEqual(o.counts.reduce(0, +), 4)
  }

  func testMSEClipsALoneOutlier() {
    // 10000 values in [0, 1] and one at 100. With range [0, hi] the error is about
    // (100 - hi)^2 (clipping the outlier) + 10000 * (hi / 255)^2 / 12 (rounding the rest), smallest at
    // hi = 100 / (1 + 10000 / (255^2 * 12)) = 98.74; the search grid (steps of 100/128) has 98.44 and
    // 99.22 around it, with errors 126.6 and 126.8: 98.44 wins.
    var values = (0..<10_000).map { Float($0) / 10_000 }
    values.append(100)
    var o = HistogramObserver(bins: 2048, method: .mse)
    o.observe(values)
    let r = o.range!
    XCTAssertEqual(r.max, 98.4375, accuracy: 0.01)
    XCTAssertEqual(r.min, 0, accuracy: 1e-6)
    // And without an outlier the full range is kept.
    var plain = HistogramObserver(bins: 2048, method: .mse)
    plain.observe((0..<1000).map { Float($0) / 1000 })
    XCTAssertEqual(plain.range!.max, 0.999, accuracy: 0.02)
  }

  func testHistogramOfConstantAndExtremeData() {
    // Constant data (the range would be empty, or 1e10 + 1e-6 == 1e10) and data spanning ±3.4e38
    // (the span overflows Float) give finite ranges by every method instead of trapping.
    let methods: [HistogramObserver.Method] = [.minMax, .percentile(lower: 1, upper: 99), .mse]
    for values: [Float] in [[1e10, 1e10], [0, 0], [.greatestFiniteMagnitude], [-.greatestFiniteMagnitude, .greatestFiniteMagnitude],
                            [-.greatestFiniteMagnitude, 0, 1, .greatestFiniteMagnitude]] {
      for method in methods {
        var o = HistogramObserver(bins: 64, method: method)
        o.observe(values)
        o.observe(values.map { $0 / 2 })
        let r = o.range
        XCTAssertNotNil(r)
        if let r { XCTAssertTrue(r.min.isFinite && r.max.isFinite && r.min <= r.max, "\(values) \(method): \(r)") }
      }
    }
  }
}
