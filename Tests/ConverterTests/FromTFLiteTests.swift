import Converter
import Foundation
import MicroRuntime
import MoteIO
import XCTest

/// Quantizing TensorFlow-made float fixtures (`mote convert --from`): LiteRT runs the result, its
/// outputs are close to TensorFlow's own int8 conversion, and MicroRuntime matches LiteRT's
/// reference kernels bit for bit.
final class FromTFLiteTests: XCTestCase {
  /// Fixture name, input value range and input shape (batch 1), as tools/fixtures/make_fixtures.py declares them.
  static let fixtures: [(name: String, lo: Float, hi: Float, shape: [Int])] = [
    ("mlp", 0, 1, [1, 64]),
    ("small_cnn", 0, 1, [1, 8, 8, 1]),
    ("dw_separable", -1, 1, [1, 12, 12, 8]),
    ("residual", -1, 1, [1, 8, 8, 8]),
    ("mobilenet_tiny", -1, 1, [1, 32, 32, 3]),
  ]

  /// The 32 samples TensorFlow calibrated the fixture's int8 model with (rebuilt by the oracle script).
  func calibration(_ f: (name: String, lo: Float, hi: Float, shape: [Int])) throws -> [[Float]] {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("cal.npy").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try litertPython())
    p.arguments = [rootPath("tools/oracles/converter_calibration.py"), f.name, "\(f.lo)", "\(f.hi)",
                   f.shape.map(String.init).joined(separator: ","), out]
    try p.run()
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0)
    let a = try MoteIO.NPYArray.read(path: out)
    let per = f.shape.reduce(1, *)
    return (0..<a.shape[0]).map { Array(a.floats[($0 * per)..<(($0 + 1) * per)]) }
  }

  func testQuantizedFixturesMatchTensorFlowInt8() throws {
    for f in Self.fixtures {
      let dir = rootPath("Tests/Fixtures/\(f.name)")
      let floatBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/float/model.tflite")))
      var o = ConversionOptions()
      o.quantization = .int8
      o.calibration = try calibration(f)
      // The quantizer alone first (LiteRT judges it), then the full conversion with its MicroRuntime check.
      let ours = try TFLiteWriter.serialize(Converter.quantizedGraph(TFLiteGraph(reading: floatBytes), options: o))
      let x = try MoteIO.NPYArray.read(path: dir + "/float/input_0.npy").floats
      let floatOut = try MoteIO.NPYArray.read(path: dir + "/float/output_0.npy").floats

      // TensorFlow's int8 output for the same input, dequantized.
      let tfModel = try TFLiteGraph(reading: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/int8/model.tflite"))))
      let tfQ = tfModel.tensors[Int(tfModel.outputs[0])].quantization!
      let tfRaw = try MoteIO.NPYArray.read(path: dir + "/int8/output_0.npy")
      let tfOut = tfRaw.data.map { tfQ.scale[0] * Float(Int64(Int8(bitPattern: $0)) - tfQ.zeroPoint[0]) }

      let (_, liteRows) = try runLiteRTRaw(ours, [x], reference: true)
      let oursOut = try runLiteRT(ours, [x], reference: true)[0]
      let vsTF = maxAbsDiff([oursOut], [tfOut])
      let oursVsFloat = maxAbsDiff([oursOut], [floatOut])
      let tfVsFloat = maxAbsDiff([tfOut], [floatOut])
      let range = (floatOut.max()! - floatOut.min()!)
      print(String(format: "--from %@: |ours - TF int8| max %.5f (TF output step %.5f); |ours - float| %.5f, |TF int8 - float| %.5f, float range %.4f",
                   f.name, vsTF, tfQ.scale[0], oursVsFloat, tfVsFloat, range))
      // Within a few output steps of TensorFlow's own int8 model, and no further from float than it.
      XCTAssertLessThanOrEqual(vsTF, 4 * tfQ.scale[0], f.name)
      XCTAssertLessThanOrEqual(oursVsFloat, max(2 * tfVsFloat, 2 * tfQ.scale[0]), f.name)

      // MicroRuntime equals LiteRT's reference kernels bit for bit.
      XCTAssertEqual(try Converter.convert(tflite: floatBytes, options: o), ours)
      let micro = try runMicroRaw(ours, [x])
      XCTAssertEqual(micro, liteRows, "\(f.name): MicroRuntime differs from LiteRT BUILTIN_REF")
    }
  }

  func testAlreadyQuantizedModelIsRejected() throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: rootPath("Tests/Fixtures/mlp/int8/model.tflite"))))
    var o = ConversionOptions()
    o.quantization = .int8
    o.calibration = [[Float](repeating: 0, count: 64)]
    XCTAssertThrowsError(try Converter.convert(tflite: bytes, options: o)) { e in
      XCTAssertTrue("\(e)".contains("already quantized"), "\(e)")
    }
  }
}
