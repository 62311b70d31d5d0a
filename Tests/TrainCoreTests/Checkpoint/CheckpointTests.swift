import Foundation
import XCTest
@testable import TrainCore

final class CheckpointTests: XCTestCase {
  var dir: URL!
  override func setUp() {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("traincore-ckpt-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }
  override func tearDown() { try? FileManager.default.removeItem(at: dir) }

  func testByteLayout() throws {
    let bytes = Safetensors.encode([("a", Tensor(shape: [2], data: [1, -2]))], metadata: ["arch": "x"])
    let n = Int(bytes[0]) | Int(bytes[1]) << 8
    XCTAssertEqual(Array(bytes[2..<8]), [0, 0, 0, 0, 0, 0])
    XCTAssertEqual(n % 8, 0)
    let header = String(decoding: bytes[8..<(8 + n)], as: UTF8.self)
    XCTAssertEqual(header.trimmingCharacters(in: .whitespaces),
                   #"{"__metadata__":{"arch":"x"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#)
    XCTAssertEqual(Array(bytes[(8 + n)...]), [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0])   // 1.0, -2.0 little-endian
  }

  func testRoundTripAndErrors() throws {
    let path = dir.appendingPathComponent("t.safetensors").path
    try Safetensors.write([("w", Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])), ("s", Tensor(7))],
                          metadata: ["k": "v \"q\""], to: path)
    let (t, m) = try Safetensors.read(path)
    XCTAssertEqual(t["w"]?.shape, [2, 3])
    XCTAssertEqual(t["w"]?.data, [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(t["s"]?.shape, [])
    XCTAssertEqual(m, ["k": "v \"q\""])
    XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: dir.path).contains { $0.contains(".tmp-") })

    func expect(_ bytes: [UInt8], _ check: (SafetensorsError) -> Bool, line: UInt = #line) {
      XCTAssertThrowsError(try Safetensors.decode(bytes), line: line) { e in
        XCTAssertTrue(check(e as! SafetensorsError), "\(e)", line: line)
      }
    }
    func file(_ header: String, data: Int) -> [UInt8] {
      let h = Array(header.utf8)
      var out = [UInt8](repeating: 0, count: 8)
      out[0] = UInt8(h.count)
      return out + h + [UInt8](repeating: 0, count: data)
    }
    expect([1, 2, 3]) { if case .badHeader = $0 { return true }; return false }
    expect([255, 0, 0, 0, 0, 0, 0, 0, 1]) { if case .badHeader = $0 { return true }; return false }
    expect(file("not json", data: 0)) { $0 == .badHeader(reason: "header is not valid JSON") }
    expect(file(#"{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, data: 2)) {
      $0 == .badEntry(name: "a", reason: "dtype F16 unsupported (only F32)")
    }
    expect(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: 4)) {
      $0 == .badEntry(name: "a", reason: "data_offsets [0, 8] outside the 4-byte data section")
    }
    expect(file(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: 8)) {
      $0 == .badEntry(name: "a", reason: "8 bytes for 3 float32 values")
    }
    expect(file(#"{"a":{"dtype":"F32","shape":["x"],"data_offsets":[0,4]}}"#, data: 4)) {
      if case .badEntry(name: "a", _) = $0 { return true }; return false
    }
    XCTAssertThrowsError(try Safetensors.read(dir.appendingPathComponent("nope").path)) {
      XCTAssertEqual($0 as? SafetensorsError, .io(path: dir.appendingPathComponent("nope").path, reason: "no such file"))
    }
  }

  /// Trains a few steps, saves, trains more; a fresh model restored from the checkpoint must follow
  /// the identical trajectory (bit for bit), for SGD with momentum and for Adam.
  func testResumeGivesSameContinuation() throws {
    var rng = Xoshiro256(seed: 11)
    let x = Tensor.normal([16, 4], rng: &rng)
    let y = (0..<16).map { $0 % 3 }
    func makeModel(_ seed: UInt64) -> Sequential {
      var r = Xoshiro256(seed: seed)
      return Sequential([Dense(inputSize: 4, outputSize: 8, activation: .tanh, rng: &r), BatchNorm(features: 8),
                         Dense(inputSize: 8, outputSize: 3, rng: &r)])
    }
    func train(_ m: Sequential, _ o: any Optimizer, steps: Int) {
      for _ in 0..<steps {
        o.zeroGrad()
        crossEntropy(logits: m(x), labels: y).backward()
        o.step()
      }
    }
    let makers: [(String, ([NamedTensor]) -> any Optimizer)] = [
      ("sgd", { SGD(parameters: $0, learningRate: 0.1, momentum: 0.9, nesterov: true) }),
      ("adam", { Adam(parameters: $0, learningRate: 0.01) }),
    ]
    for (name, make) in makers {
      let path = dir.appendingPathComponent("\(name).safetensors").path
      let a = makeModel(1), oa = make(a.namedParameters)
      train(a, oa, steps: 3)
      try Checkpoint.save(model: a, optimizer: oa, metadata: ["arch": "test"], to: path)
      train(a, oa, steps: 4)

      let b = makeModel(2), ob = make(b.namedParameters)
      let meta = try Checkpoint.load(into: b, optimizer: ob, from: path)
      XCTAssertEqual(meta["arch"], "test")
      XCTAssertEqual(meta["optimizer"], name)
      XCTAssertEqual(ob.stepCount, 3)
      train(b, ob, steps: 4)
      for ((n, pa), (_, pb)) in zip(a.stateTensors, b.stateTensors) {
        XCTAssertEqual(pa.data, pb.data, "\(name): \(n) diverged after resume")
      }
    }
  }

  func testLoadRejectsMismatchedModel() throws {
    let path = dir.appendingPathComponent("m.safetensors").path
    try Checkpoint.save(model: Architectures.digitsMLP(), to: path)
    XCTAssertThrowsError(try Checkpoint.load(into: Architectures.digitsCNN(), from: path)) {
      XCTAssertEqual($0 as? SafetensorsError, .shapeMismatch(name: "layers.0.weight", expected: [3, 3, 1, 8], found: [64, 32]))
    }
    var rng = Xoshiro256(seed: 0)
    let other = Sequential([Dense(inputSize: 64, outputSize: 16, rng: &rng)])
    XCTAssertThrowsError(try Checkpoint.load(into: other, from: path)) {
      XCTAssertEqual($0 as? SafetensorsError, .shapeMismatch(name: "layers.0.weight", expected: [64, 16], found: [64, 32]))
    }
    let mlp = Architectures.digitsMLP(seed: 5)
    XCTAssertThrowsError(try Checkpoint.load(into: mlp, optimizer: Adam(parameters: mlp.namedParameters), from: path)) {
      XCTAssertEqual($0 as? OptimizerError, .missingState)
    }
    var r2 = Xoshiro256(seed: 0)
    let deeper = Sequential([Dense(inputSize: 64, outputSize: 32, rng: &r2), Dense(inputSize: 32, outputSize: 10, rng: &r2),
                             Dense(inputSize: 10, outputSize: 10, rng: &r2)])
    XCTAssertThrowsError(try Checkpoint.load(into: deeper, from: path)) {
      XCTAssertEqual($0 as? SafetensorsError, .missingTensor(name: "layers.2.weight"))
    }
    try Checkpoint.load(into: mlp, from: path)
    XCTAssertEqual(mlp.namedParameters[0].tensor.data, Architectures.digitsMLP().namedParameters[0].tensor.data)
  }
}
