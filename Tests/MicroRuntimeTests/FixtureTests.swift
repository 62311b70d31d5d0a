import Foundation
import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

/// Runs every fixture that TensorFlow's converter wrote through MicroRuntime and compares with the
/// outputs LiteRT gave: float within 1e-5 · max(1, |reference|), int8 bit-exact (reference kernels).
final class FixtureTests: XCTestCase {
  func testEveryFixtureMatchesLiteRT() throws {
    let fixtures = Fixture.all()
    let filtered = ProcessInfo.processInfo.environment["MOTE_FIXTURE_FILTER"].map { !$0.isEmpty } ?? false
    XCTAssertGreaterThan(fixtures.count, filtered ? 0 : 100, "fixtures missing under \(Fixture.root.path)")
    var failures: [String] = []
    var ran = 0
    for f in fixtures {
      do {
        let got = try runModel(path: f.modelPath, inputs: try f.inputs)
        if let problem = compare(got, try f.expectedOutputs, tolerance: 1e-5) {
          failures.append("\(f.name)/\(f.variant): \(problem)")
        }
        ran += 1
      } catch {
        failures.append("\(f.name)/\(f.variant): \(error)")
      }
    }
    XCTAssert(failures.isEmpty, "\(failures.count) of \(fixtures.count) fixtures fail:\n" + failures.joined(separator: "\n"))
    print("fixtures: \(ran) ran, \(failures.count) failed")
  }
}
