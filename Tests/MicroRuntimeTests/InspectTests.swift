import Foundation
import MicroRuntime
import MoteIO
import MoteTestSupport
import XCTest

/// `mote inspect --json` against LiteRT's own view of every fixture (litert.json, written by
/// tools/fixtures/make_fixtures.py from LiteRT's tensor and op details).
final class InspectTests: XCTestCase {
  func testInspectMatchesLiteRTView() throws {
    // Every fixture TensorFlow's converter made carries LiteRT's view; fixtures written directly by
    // the kernel generators (tools/fixtures/*k_*fixtures.py) do not, or hold other notes there.
    let fixtures = Fixture.all().filter { (try? $0.litertView())?["ops"] != nil }
    let filtered = ProcessInfo.processInfo.environment["MOTE_FIXTURE_FILTER"].map { !$0.isEmpty } ?? false
    XCTAssertGreaterThan(fixtures.count, filtered ? 0 : 300)
    for f in fixtures {
      let report = try ModelReport(path: f.modelPath)
      XCTAssertTrue(report.verified, "\(f.name)/\(f.variant): \(report.error ?? "")")
      let ours = try JSONSerialization.jsonObject(with: Data(report.json.serialized().utf8)) as! [String: Any]
      let theirs = try f.litertView()
      let subgraph = (ours["subgraphs"] as! [[String: Any]])[0]
      let ourOps = (subgraph["operators"] as! [[String: Any]]).map { $0["builtin"] as! String }
      XCTAssertEqual(ourOps, theirs["ops"] as! [String], "\(f.name)/\(f.variant): operators")
      let ourTensors = subgraph["tensors"] as! [[String: Any]]
      // LiteRT lists the model's tensors and, after them, temporaries its kernels add.
      let modelTensors = (theirs["tensors"] as! [[String: Any]]).filter { ($0["index"] as! Int) < ourTensors.count }
      XCTAssertEqual(modelTensors.count, ourTensors.count, "\(f.name)/\(f.variant): tensor count")
      for t in modelTensors {
        let index = t["index"] as! Int
        let o = ourTensors[index]
        let what = "\(f.name)/\(f.variant) tensor \(index)"
        XCTAssertEqual(o["name"] as? String, t["name"] as? String, what)
        XCTAssertEqual(o["shape"] as? [Int], t["shape"] as? [Int], what)
        XCTAssertEqual(o["shape_signature"] as? [Int], t["shape_signature"] as? [Int], what)
        XCTAssertEqual((o["type"] as! String).lowercased(), t["dtype"] as? String, what)
        let oq = o["quantization"] as! [String: Any]
        let tq = t["quantization_parameters"] as! [String: Any]
        let os = oq["scales"] as! [Double], ts = tq["scales"] as! [Double]
        XCTAssertEqual(os.count, ts.count, what)
        for (a, b) in zip(os, ts) { XCTAssertEqual(a, b, accuracy: abs(b) * 1e-7, what) }
        XCTAssertEqual(oq["zero_points"] as? [Int], tq["zero_points"] as? [Int], what)
        XCTAssertEqual(oq["quantized_dimension"] as? Int, tq["quantized_dimension"] as? Int, what)
      }
    }
  }
}
