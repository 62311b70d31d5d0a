import XCTest
@testable import TrainCore

final class TapeTests: XCTestCase {
  func testChainAndReuse() {
    // y = x*x + x  => dy/dx = 2x + 1, with x used on several paths
    let x = Tensor(shape: [2], data: [3, -1], requiresGrad: true)
    let y = (x * x + x).sum()
    y.backward()
    XCTAssertEqual(x.grad?.data, [7, -1])
  }

  func testAccumulationAcrossBackwardCalls() {
    let x = Tensor(shape: [1], data: [2], requiresGrad: true)
    (x * 3).sum().backward()
    (x * x).sum().backward()
    XCTAssertEqual(x.grad?.data, [3 + 4])
    x.zeroGrad()
    XCTAssertNil(x.grad)
  }

  func testNoGradAndDetach() {
    let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
    let y = withNoGrad { x * 2 }
    XCTAssertFalse(y.requiresGrad)
    XCTAssertTrue(GradMode.isEnabled)
    let d = x.detach()
    XCTAssertFalse(d.requiresGrad)
    let z = (x * d).sum()   // gradient flows only through the first factor
    z.backward()
    XCTAssertEqual(x.grad?.data, [1, 2])
  }

  func testBroadcastGradientReducedToInputShape() {
    let a = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6], requiresGrad: true)
    let b = Tensor(shape: [1, 3], data: [1, 1, 1], requiresGrad: true)
    let s = Tensor(2)
    s.requiresGrad = true
    ((a + b) * s).sum().backward()
    XCTAssertEqual(b.grad?.shape, [1, 3])
    XCTAssertEqual(b.grad?.data, [4, 4, 4])
    XCTAssertEqual(s.grad?.shape, [])
    XCTAssertEqual(s.grad?.data, [27])
  }

  func testGraphReleasedAfterBackward() {
    let x = Tensor(shape: [1], data: [1], requiresGrad: true)
    let h = x * 2
    let y = (h * h).sum()
    y.backward()
    XCTAssertTrue(h.isLeaf, "intermediate tensors drop their node after backward")
    XCTAssertEqual(x.grad?.data, [8])
  }

  func testNonScalarSeed() {
    let x = Tensor(shape: [3], data: [1, 2, 3], requiresGrad: true)
    (x * x).backward(gradient: Tensor(shape: [3], data: [1, 0, 2]))
    XCTAssertEqual(x.grad?.data, [2, 0, 12])
  }
}
