import XCTest
@testable import TrainCore

/// The one gradient-check harness: compares autograd gradients of `sum(f(inputs) * r)` (with a fixed
/// random `r`) against central finite differences accumulated in Double.
enum GradCheck {
  /// Number of successful gradient checks in this process (reported by the test log).
  nonisolated(unsafe) static var passed = 0

  static func check(_ name: String, _ inputs: [Tensor], eps: Float = 1e-2, atol: Float = 2e-3, rtol: Float = 2e-2,
                    file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) -> Tensor) {
    for t in inputs { t.requiresGrad = true; t.grad = nil }
    var rng = Xoshiro256(seed: 99)
    let probe = f(inputs)
    let r = Tensor.uniform(probe.shape, low: -1, high: 1, rng: &rng)
    func loss() -> Double {
      let y = withNoGrad { f(inputs) }
      var s = 0.0
      for i in 0..<y.count { s += Double(y.data[i]) * Double(r.data[i]) }
      return s
    }
    let y = f(inputs)
    (y * r).sum().backward()
    var ok = true
    for (k, t) in inputs.enumerated() {
      guard let g = t.grad else { XCTFail("\(name): input \(k) got no gradient", file: file, line: line); return }
      XCTAssertEqual(g.shape, t.shape, "\(name): gradient shape", file: file, line: line)
      for i in 0..<t.count {
        let saved = t.data[i]
        t.data[i] = saved + eps
        let up = loss()
        t.data[i] = saved - eps
        let down = loss()
        t.data[i] = saved
        let numeric = Float((up - down) / (2 * Double(eps)))
        let analytic = g.data[i]
        if abs(numeric - analytic) > atol + rtol * abs(numeric) {
          XCTFail("\(name): input \(k)[\(i)] analytic \(analytic) vs numeric \(numeric)", file: file, line: line)
          ok = false
          break
        }
      }
    }
    if ok { passed += 1 }
  }

  /// A tensor of uniform values in `[low, high)` from a fixed seed.
  static func rand(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
    var rng = Xoshiro256(seed: seed)
    return Tensor.uniform(shape, low: low, high: high, rng: &rng)
  }

  /// Values that stay at least `gap` away from each other and from zero (for kinks such as relu and max).
  static func separated(_ shape: [Int], seed: UInt64, gap: Float = 0.05) -> Tensor {
    let n = shape.reduce(1, *)
    var rng = Xoshiro256(seed: seed)
    let perm = rng.permutation(n)
    let data = perm.map { (Float($0) - Float(n) / 2 + 0.5) * gap * 2 + (rng.nextFloat() - 0.5) * gap * 0.2 }
    return Tensor(shape: shape, data: data)
  }
}
