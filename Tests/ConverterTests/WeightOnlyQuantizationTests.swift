import Converter
import MicroRuntime
import TrainCore
import XCTest

/// Float16 and dynamic-range conversions of the digits MLP, judged by LiteRT.
final class WeightOnlyQuantizationTests: XCTestCase {
  func convert(_ mode: QuantizationMode) throws -> (graph: TFLiteGraph, bytes: [UInt8], float: [UInt8]) {
    let f = try Converter.floatGraph(try trainedModel("digits-mlp"), inputShape: [64])
    var o = ConversionOptions()
    o.quantization = mode
    let bytes = try Converter.finish(f, options: o)
    return (try TFLiteGraph(reading: bytes), bytes, try TFLiteWriter.serialize(f))
  }

  func testFloat16StoresHalfWeightsBehindDequantize() throws {
    let (g, bytes, floatBytes) = try convert(.float16)
    XCTAssertEqual(g.operators.map(\.code), [.dequantize, .dequantize, .dequantize, .dequantize, .fullyConnected, .fullyConnected])
    for op in g.operators where op.code == .dequantize {
      let w = g.tensors[Int(op.inputs[0])]
      XCTAssertEqual(w.type, .float16)
      XCTAssertEqual(g.version(ofOperator: g.operators.firstIndex { $0.outputs == op.outputs }!), 3)
    }
    // Half of a float weight: 1 + 2^-11 rounds to 1 in float16 (ties to even), 1 + 2^-10 stays.
    XCTAssertEqual(Float(Float16(Float(1 + 1.0 / 2048))), 1)
    let xs = samples(try digits("digits-mlp").test)
    let lite = try runLiteRT(bytes, xs)
    let micro = try runMicro(bytes, xs)
    print("digits-mlp float16: LiteRT vs MicroRuntime max |diff| = \(maxAbsDiff(lite, micro))")
    XCTAssertLessThanOrEqual(maxAbsDiff(lite, micro), 1e-5)
    let reference = try runLiteRT(floatBytes, xs)
    XCTAssertLessThanOrEqual(maxAbsDiff(lite, reference), 0.05)
  }

  func testDynamicRangeUsesHybridFullyConnected() throws {
    let (g, bytes, floatBytes) = try convert(.dynamic)
    XCTAssertEqual(g.operators.map(\.code), [.fullyConnected, .fullyConnected])
    for (i, op) in g.operators.enumerated() {
      XCTAssertEqual(g.tensors[Int(op.inputs[1])].type, .int8)
      XCTAssertEqual(g.tensors[Int(op.inputs[2])].type, .float32)
      XCTAssertEqual(g.version(ofOperator: i), 9)
      XCTAssertEqual(op.options, .fullyConnected(activation: i == 0 ? .relu : .none, keepNumDims: false, asymmetricQuantizeInputs: true))
    }
    let test = try digits("digits-mlp").test
    let xs = samples(test)
    let hybrid = try runLiteRT(bytes, xs)
    let reference = try runLiteRT(floatBytes, xs)
    let (a, b) = (accuracy(hybrid, test.labels), accuracy(reference, test.labels))
    print("digits-mlp dynamic-range: accuracy \(a) vs float \(b), max |diff| \(maxAbsDiff(hybrid, reference))")
    XCTAssertLessThanOrEqual(abs(a - b), 0.01)
  }
}
