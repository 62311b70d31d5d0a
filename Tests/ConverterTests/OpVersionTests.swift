import Converter
import Foundation
import MicroRuntime
import MoteIO
import XCTest

/// Operator versions and `min_runtime_version` as TensorFlow's converter writes them: re-writing a
/// TensorFlow-made float fixture, and quantizing it to int8, give the same (operator, version) pairs
/// and the same runtime version string as TensorFlow's own float and int8 files.
final class OpVersionTests: XCTestCase {
  /// The (builtin code, version) pairs and min_runtime_version of a model file.
  func signature(_ bytes: [UInt8]) throws -> (codes: Set<[Int32]>, runtime: String) {
    try bytes.withUnsafeBytes { raw in
      let m = try VerifiedModel(bytes: raw).model
      var codes = Set<[Int32]>()
      for i in 0..<m.operatorCodes.count {
        codes.insert([VerifiedModel.builtinCode(m.operatorCodes[i]).rawValue, m.operatorCodes[i].version])
      }
      var runtime = ""
      for i in 0..<m.metadata.count where m.metadata[i].name!.equals("min_runtime_version") {
        let d = m.buffers[Int(m.metadata[i].buffer)].data
        runtime = String(decoding: (0..<d.count).map { d[$0] }.filter { $0 != 0 }, as: UTF8.self)
      }
      return (codes, runtime)
    }
  }

  func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: rootPath(path)))) }

  func testVersionsMatchTensorFlow() throws {
    for f in FromTFLiteTests.fixtures {
      let float = try read("Tests/Fixtures/\(f.name)/float/model.tflite")
      let rewritten = try TFLiteWriter.serialize(TFLiteGraph(reading: float))
      let (tfFloat, tfFloatRuntime) = try signature(float)
      let (ours, oursRuntime) = try signature(rewritten)
      XCTAssertEqual(ours, tfFloat, "\(f.name) float")
      XCTAssertEqual(oursRuntime, tfFloatRuntime, "\(f.name) float")

      var o = ConversionOptions()
      o.quantization = .int8
      o.calibration = [[Float](repeating: (f.lo + f.hi) / 2, count: f.shape.reduce(1, *)),
                       [Float](repeating: f.hi, count: f.shape.reduce(1, *)),
                       [Float](repeating: f.lo, count: f.shape.reduce(1, *))]
      let int8 = try TFLiteWriter.serialize(Converter.quantizedGraph(TFLiteGraph(reading: float), options: o))
      let (tfInt8, tfInt8Runtime) = try signature(read("Tests/Fixtures/\(f.name)/int8/model.tflite"))
      let (oursInt8, oursInt8Runtime) = try signature(int8)
      XCTAssertEqual(oursInt8, tfInt8, "\(f.name) int8")
      XCTAssertEqual(oursInt8Runtime, tfInt8Runtime, "\(f.name) int8")
    }
  }

  func testSingleOperatorFixtureVersions() throws {
    // Fixtures of one operator each: the int8 version and runtime string TensorFlow chose.
    for name in ["softmax", "logistic", "tanh", "relu", "relu6", "hard_swish", "leaky_relu", "mean_hw", "add_same",
                 "mul_same", "maxpool_valid_2x2_s2", "avgpool_valid_2x2_s2", "concat_axis3", "conv2d_relu",
                 "depthwise_relu6", "fully_connected", "pad_hw", "quantize_float_io", "quantize_requant"] {
      guard FileManager.default.fileExists(atPath: rootPath("Tests/Fixtures/\(name)/int8/model.tflite")) else {
        XCTFail("fixture \(name) is missing")
        continue
      }
      let tf = try TFLiteGraph(reading: read("Tests/Fixtures/\(name)/int8/model.tflite"))
      let (codes, runtime) = try signature(read("Tests/Fixtures/\(name)/int8/model.tflite"))
      let ours = Set(tf.operators.indices.map { [tf.operators[$0].code.rawValue, tf.version(ofOperator: $0)] })
      XCTAssertEqual(ours, codes, name)
      XCTAssertEqual(tf.minRuntimeVersion(versions: tf.operators.indices.map { tf.version(ofOperator: $0) }), runtime, name)
    }
  }

  func testFloat16LikeTensorFlow() throws {
    let float = try read("Tests/Fixtures/float16_weights/float/model.tflite")
    var o = ConversionOptions()
    o.quantization = .float16
    let ours = try Converter.convert(tflite: float, options: o)
    let tfBytes = try read("Tests/Fixtures/float16_weights/float16/model.tflite")
    let (codes, runtime) = try signature(ours)
    let (tfCodes, tfRuntime) = try signature(tfBytes)
    XCTAssertEqual(codes, tfCodes)
    XCTAssertEqual(runtime, tfRuntime)
    let g = try TFLiteGraph(reading: ours)
    let tf = try TFLiteGraph(reading: tfBytes)
    XCTAssertEqual(g.tensors.filter { $0.type == .float16 }.map(\.shape).sorted { $0.lexicographicallyPrecedes($1) },
                   tf.tensors.filter { $0.type == .float16 }.map(\.shape).sorted { $0.lexicographicallyPrecedes($1) })
    // Same float16 weights give the same outputs as TensorFlow's float16 model in LiteRT.
    let x = try MoteIO.NPYArray.read(path: rootPath("Tests/Fixtures/float16_weights/float16/input_0.npy")).floats
    let expected = try MoteIO.NPYArray.read(path: rootPath("Tests/Fixtures/float16_weights/float16/output_0.npy")).floats
    XCTAssertLessThanOrEqual(maxAbsDiff(try runLiteRT(ours, [x]), [expected]), 1e-5)
    XCTAssertLessThanOrEqual(maxAbsDiff(try runMicro(ours, [x]), [expected]), 1e-5)
  }
}
