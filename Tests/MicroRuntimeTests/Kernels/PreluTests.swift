import MicroRuntime
import MoteTestSupport
import XCTest

final class PreluTests: XCTestCase {
  func testPrepareRejectsAlphaThatDoesNotBroadcast() {
    ElementwiseModels.assertRejected("prelu_alpha_not_broadcastable", .broadcastIncompatible)   // [2,3] vs alpha [2]
  }
}
