import Converter
import MicroRuntime
import TrainCore
import XCTest

/// Full-int8 conversion of the trained digits models: accuracy within 1 point of float, LiteRT's
/// reference kernels bit-exact against MicroRuntime, parameters as TFLite's kernels require.
final class Int8ConversionTests: XCTestCase {
  func int8Options(_ arch: String, io: IOType = .int8) throws -> ConversionOptions {
    var o = ConversionOptions()
    o.quantization = .int8
    o.io = io
    o.calibration = samples(try digits(arch).train)
    return o
  }

  /// The int8 graph and bytes without the MicroRuntime check, so LiteRT can judge the quantizer alone.
  func int8Model(_ arch: String, io: IOType = .int8) throws -> (float: TFLiteGraph, int8: TFLiteGraph, bytes: [UInt8]) {
    let f = try Converter.floatGraph(try trainedModel(arch), inputShape: Architectures.inputShape(arch)!)
    let q = try Converter.quantizedGraph(f, options: try int8Options(arch, io: io))
    return (f, q, try TFLiteWriter.serialize(q))
  }

  func checkAccuracy(_ arch: String) throws {
    let (f, _, bytes) = try int8Model(arch)
    let test = try digits(arch).test
    let xs = samples(test)
    let floatAcc = accuracy(try runLiteRT(TFLiteWriter.serialize(f), xs), test.labels)
    let int8Acc = accuracy(try runLiteRT(bytes, xs, reference: true), test.labels)
    print("\(arch): float accuracy \(floatAcc), int8 accuracy \(int8Acc) (LiteRT reference kernels)")
    XCTAssertLessThanOrEqual(abs(floatAcc - int8Acc), 0.01)
  }

  func testMLPInt8AccuracyInLiteRT() throws { try checkAccuracy("digits-mlp") }

  func testCNNInt8AccuracyInLiteRT() throws { try checkAccuracy("digits-cnn") }

  func testParametersFollowTFLiteRules() throws {
    let (_, q, _) = try int8Model("digits-cnn")
    XCTAssertEqual(q.operators.map(\.code), [.conv2D, .maxPool2D, .conv2D, .maxPool2D, .reshape, .fullyConnected])
    for op in q.operators {
      let input = q.tensors[Int(op.inputs[0])]
      let output = q.tensors[Int(op.outputs[0])]
      XCTAssertEqual(input.type, .int8)
      XCTAssertEqual(output.type, .int8)
      switch op.code {
      case .conv2D, .fullyConnected:
        let w = q.tensors[Int(op.inputs[1])]
        let b = q.tensors[Int(op.inputs[2])]
        XCTAssertEqual(w.type, .int8)
        XCTAssertEqual(w.quantization!.scale.count, Int(w.shape[0]))
        XCTAssertTrue(w.quantization!.zeroPoint.allSatisfy { $0 == 0 })
        let values: [Int8] = w.data!.map { Int8(bitPattern: $0) }
        XCTAssertFalse(values.contains(-128), "weights must stay in -127...127")
        XCTAssertEqual(b.type, .int32)
        for (c, s) in b.quantization!.scale.enumerated() {
          XCTAssertEqual(s, input.quantization!.scale[0] * w.quantization!.scale[c], accuracy: s * 1e-6)
        }
      case .maxPool2D, .reshape:
        XCTAssertEqual(output.quantization, input.quantization)
      default:
        break
      }
    }
  }

  func testFloatIOAddsQuantizeAndDequantize() throws {
    let (_, q, bytes) = try int8Model("digits-mlp", io: .float32)
    XCTAssertEqual(q.operators.map(\.code), [.quantize, .fullyConnected, .fullyConnected, .dequantize])
    XCTAssertEqual(q.tensors[Int(q.inputs[0])].type, .float32)
    XCTAssertEqual(q.tensors[Int(q.outputs[0])].type, .float32)
    let test = try digits("digits-mlp").test
    let acc = accuracy(try runLiteRT(bytes, samples(test), reference: true), test.labels)
    let (_, _, int8IO) = try int8Model("digits-mlp")
    let accInt8IO = accuracy(try runLiteRT(int8IO, samples(test), reference: true), test.labels)
    XCTAssertEqual(acc, accInt8IO, accuracy: 0.005)
  }

  func testSoftmaxAndTanhGetFixedOutputParameters() throws {
    var rng = Xoshiro256(seed: 9)
    let model = Sequential([
      Dense(inputSize: 64, outputSize: 16, activation: .tanh, rng: &rng),
      Dense(inputSize: 16, outputSize: 10, activation: .sigmoid, rng: &rng),
    ])
    var o = ConversionOptions()
    o.quantization = .int8
    o.calibration = Array(samples(try digits("digits-mlp").train).prefix(200))
    let q = try Converter.quantizedGraph(try Converter.floatGraph(model, inputShape: [64]), options: o)
    XCTAssertEqual(q.operators.map(\.code), [.fullyConnected, .tanh, .fullyConnected, .logistic])
    XCTAssertEqual(q.tensors[Int(q.operators[1].outputs[0])].quantization, .init(scale: 1.0 / 128, zeroPoint: 0))
    XCTAssertEqual(q.tensors[Int(q.operators[3].outputs[0])].quantization, .init(scale: 1.0 / 256, zeroPoint: -128))
  }

  func checkBitExact(_ arch: String) throws {
    let model = try trainedModel(arch)
    let bytes = try Converter.convert(model, inputShape: Architectures.inputShape(arch)!, options: try int8Options(arch))
    let xs = samples(try digits(arch).test)
    let micro = try runMicroRaw(bytes, xs)
    let (_, lite) = try runLiteRTRaw(bytes, xs, reference: true)
    let same = zip(micro, lite).filter { $0.0 == $0.1 }.count
    print("\(arch) int8: MicroRuntime equals LiteRT BUILTIN_REF on \(same) of \(xs.count) test samples")
    XCTAssertEqual(same, xs.count)
  }

  func testMLPInt8BitExactAgainstLiteRTReference() throws { try checkBitExact("digits-mlp") }

  func testCNNInt8BitExactAgainstLiteRTReference() throws { try checkBitExact("digits-cnn") }

  func testKeepFloatWrapsTheLayerInDequantizeQuantize() throws {
    var o = try int8Options("digits-mlp")
    o.keepFloat = ["layers.1"]
    let f = try Converter.floatGraph(try trainedModel("digits-mlp"), inputShape: [64])
    let q = try Converter.quantizedGraph(f, options: o)
    XCTAssertEqual(q.operators.map(\.code), [.fullyConnected, .dequantize, .fullyConnected, .quantize])
    XCTAssertEqual(q.tensors[Int(q.operators[2].inputs[1])].type, .float32)
    XCTAssertEqual(q.tensors[Int(q.operators[2].outputs[0])].type, .float32)
    let test = try digits("digits-mlp").test
    let acc = accuracy(try runLiteRT(TFLiteWriter.serialize(q), samples(test), reference: true), test.labels)
    let floatAcc = accuracy(try runLiteRT(TFLiteWriter.serialize(f), samples(test)), test.labels)
    XCTAssertLessThanOrEqual(abs(acc - floatAcc), 0.01)
  }

  func testReportListsEveryLayerWithSmallError() throws {
    let f = try Converter.floatGraph(try trainedModel("digits-cnn"), inputShape: [8, 8, 1])
    var o = try int8Options("digits-cnn")
    o.calibration = Array(o.calibration.prefix(200))
    let q = try Converter.quantizedGraph(f, options: o)
    let report = try QuantizationReport(float: f, quantized: q, samples: Array(o.calibration.prefix(50)))
    print(report.text)
    XCTAssertEqual(report.rows.map(\.layer), ["layers.0", "layers.1", "layers.2", "layers.3", "layers.4", "layers.5"])
    for r in report.rows {
      XCTAssertGreaterThan(r.sqnrDB, 20, "\(r.layer): SQNR \(r.sqnrDB) dB")
      XCTAssertGreaterThan(r.rmsError, 0, "\(r.layer): a quantized layer cannot be exact on 50 samples")
    }
  }

  func testHistogramObserversKeepAccuracy() throws {
    let f = try Converter.floatGraph(try trainedModel("digits-cnn"), inputShape: [8, 8, 1])
    let test = try digits("digits-cnn").test
    let floatAcc = accuracy(try runLiteRT(TFLiteWriter.serialize(f), samples(test)), test.labels)
    for kind in [ObserverKind.mse, .percentile, .movingAverage] {
      var o = try int8Options("digits-cnn")
      o.observer = kind
      let bytes = try Converter.finish(f, options: o)
      let acc = accuracy(try runMicro(bytes, samples(test)), test.labels)
      print("digits-cnn int8 with \(kind.rawValue) observer: accuracy \(acc) (float \(floatAcc))")
      XCTAssertLessThanOrEqual(abs(acc - floatAcc), 0.01, kind.rawValue)
    }
  }
}
