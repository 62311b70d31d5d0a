import Foundation
import XCTest
@testable import TrainCore

final class LoggingTests: XCTestCase {
  func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }

  func testCRC32CVectors() {
    XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)               // standard check value
    XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)      // RFC 3720 B.4
    XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xff, count: 32)), 0x62A8_AB43)   // RFC 3720 B.4
  }

  func testEventBytesMatchTensorFlow() throws {
    // Expected bytes serialized by TensorFlow itself (tools/oracles/make_tfevents_oracle.py).
    let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("tfevents_expected.json"))
    let expected = try JSONSerialization.jsonObject(with: data) as! [String: String]
    XCTAssertEqual(hex(EventProto.event(wallTime: 1.5, step: 0, fileVersion: "brain.Event:2")), expected["header_event"])
    let scalar = EventProto.event(wallTime: 1234.25, step: 300, scalars: [("loss", 0.125)])
    XCTAssertEqual(hex(scalar), expected["scalar_event"])
    XCTAssertEqual(hex(EventProto.record(scalar)), expected["scalar_record"])
  }

  func testSummaryWriterFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let w = try SummaryWriter(logDirectory: dir)
    w.add(scalars: [("loss", 0.5), ("accuracy", 0.75)], step: 1)
    w.close()
    XCTAssertTrue((w.path as NSString).lastPathComponent.hasPrefix("events.out.tfevents."))
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: w.path)))
    // Walk the TFRecord framing and verify both CRCs of every record.
    var i = 0, records = 0
    while i < bytes.count {
      let len = (0..<8).reduce(0) { $0 | Int(bytes[i + $1]) << (8 * $1) }
      let lenCRC = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[i + 8 + $1]) << (8 * UInt32($1)) }
      XCTAssertEqual(lenCRC, CRC32C.masked(bytes[i..<(i + 8)]))
      let payload = bytes[(i + 12)..<(i + 12 + len)]
      let dataCRC = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[i + 12 + len + $1]) << (8 * UInt32($1)) }
      XCTAssertEqual(dataCRC, CRC32C.masked(payload))
      i += 16 + len
      records += 1
    }
    XCTAssertEqual(i, bytes.count)
    XCTAssertEqual(records, 2)
  }

  func testMetersAndProgress() {
    var acc = AccuracyMeter()
    acc.add(logits: Tensor(shape: [3, 2], data: [1, 0, 0, 1, 5, 4]), labels: [0, 0, 0])
    XCTAssertEqual(acc.correct, 2)
    XCTAssertEqual(acc.value, 2.0 / 3, accuracy: 1e-7)
    var m = MeanMeter()
    m.add(1, count: 3)
    m.add(3, count: 1)
    XCTAssertEqual(m.value, 1.5)
    var out = ""
    let plain = ProgressBar(total: 4, interactive: false) { out += $0 }
    plain.update(step: 2, prefix: "epoch 1", status: "loss 0.1")
    plain.finish("epoch 1 done")
    XCTAssertEqual(out, "epoch 1 done\n", "no control characters when not a terminal")
    out = ""
    let tty = ProgressBar(total: 4, interactive: true) { out += $0 }
    tty.update(step: 2, prefix: "e", status: "s")
    XCTAssertTrue(out.hasPrefix("\r") && out.contains("2/4"))
  }

  func testTrainingLoopLearnsSeparableData() {
    var rng = Xoshiro256(seed: 3)
    let x = Tensor.normal([64, 2], rng: &rng)
    let y = (0..<64).map { x.data[2 * $0] + x.data[2 * $0 + 1] > 0 ? 1 : 0 }
    let ds = TensorDataset(inputs: x, labels: y)
    var r = Xoshiro256(seed: 4)
    let model = Sequential([Dense(inputSize: 2, outputSize: 8, activation: .relu, rng: &r), Dense(inputSize: 8, outputSize: 2, rng: &r)])
    let opt = Adam(parameters: model.namedParameters, learningRate: 0.05)
    let before = Training.evaluate(model: model, dataset: ds)
    var steps = 0
    for e in 0..<20 {
      _ = Training.trainEpoch(model: model, optimizer: opt, loader: DataLoader(ds, batchSize: 16, seed: 1), epoch: e,
                              clipNorm: 5, schedule: CosineLR(base: 0.05, totalSteps: 80)) { _, _ in steps += 1 }
    }
    let after = Training.evaluate(model: model, dataset: ds)
    XCTAssertEqual(steps, 80)
    XCTAssertLessThan(after.loss, before.loss / 3)
    XCTAssertGreaterThan(after.accuracy, 0.95)
  }
}
