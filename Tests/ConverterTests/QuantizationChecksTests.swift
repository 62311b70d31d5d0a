import Converter
import MicroRuntime
import XCTest

/// Float graphs the quantizers cannot handle are refused with one line naming the operator and
/// tensor (issue 23: each of these trapped before): weights missing, computed at run time, of the
/// wrong rank or not finite; an operator computing on a constant; a constant graph output.
final class QuantizationChecksTests: XCTestCase {
  /// x [1, 3] → FULLY_CONNECTED(weights, bias) → y [1, 2], weights and bias given.
  func fc(weights: Int32? = nil, build: (inout TFLiteGraph) -> Int32) -> TFLiteGraph {
    var g = TFLiteGraph()
    let x = g.add(.init(name: "x", shape: [1, 3], type: .float32))
    let w = build(&g)
    let b = g.addConstant(name: "fc.bias", shape: [2], floats: [0.5, -0.5])
    let y = g.add(.init(name: "y", shape: [1, 2], type: .float32))
    g.operators = [.init(code: .fullyConnected, inputs: [x, w, b], outputs: [y],
                         options: .fullyConnected(activation: .none, keepNumDims: false, asymmetricQuantizeInputs: false))]
    g.inputs = [x]
    g.outputs = [y]
    return g
  }

  func refusal(_ g: TFLiteGraph, _ mode: QuantizationMode) -> String? {
    var options = ConversionOptions()
    options.quantization = mode
    options.calibration = [[0.1, 0.2, 0.3]]
    do {
      _ = try Converter.quantizedGraph(g, options: options)
      return nil
    } catch {
      return "\(error)"
    }
  }

  func assertRefused(_ g: TFLiteGraph, _ modes: [QuantizationMode], _ text: String, line: UInt = #line) {
    for mode in modes {
      let r = refusal(g, mode)
      XCTAssertNotNil(r, "\(mode): not refused", line: line)
      if let r { XCTAssertTrue(r.contains(text), "\(mode): \(r)", line: line) }
    }
  }

  func testTheValidGraphQuantizes() {
    let g = fc { $0.addConstant(name: "fc.weight", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6]) }
    XCTAssertNil(refusal(g, .dynamic))
    XCTAssertNil(refusal(g, .int8))
  }

  func testMissingWeights() {
    assertRefused(fc { _ in -1 }, [.dynamic, .int8], "operator 0 (FULLY_CONNECTED) has no weights tensor")
  }

  func testNonFiniteWeightsAndBiases() {
    assertRefused(fc { $0.addConstant(name: "fc.weight", shape: [2, 3], floats: [1, .nan, 3, 4, 5, 6]) }, [.dynamic, .int8],
                  "weights 'fc.weight' element 1 is nan")
    var g = fc { $0.addConstant(name: "fc.weight", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6]) }
    g.tensors[Int(g.operators[0].inputs[2])] = .init(name: "fc.bias", shape: [2], type: .float32,
                                                      data: [Float.infinity, 0].withUnsafeBytes { Array($0) })
    assertRefused(g, [.int8], "bias 'fc.bias' element 0 is inf")
  }

  func testWeightsOfTheWrongRank() {
    assertRefused(fc { $0.addConstant(name: "fc.weight", shape: [6], floats: [1, 2, 3, 4, 5, 6]) }, [.dynamic, .int8],
                  "weights 'fc.weight' have shape [6]")
    // A scalar CONV_2D filter.
    var g = TFLiteGraph()
    let x = g.add(.init(name: "x", shape: [1, 4, 4, 1], type: .float32))
    let w = g.addConstant(name: "conv.weight", shape: [], floats: [2])
    let y = g.add(.init(name: "y", shape: [1, 4, 4, 1], type: .float32))
    g.operators = [.init(code: .conv2D, inputs: [x, w, -1], outputs: [y],
                         options: .conv2D(padding: .same, strideW: 1, strideH: 1, activation: .none, dilationW: 1, dilationH: 1))]
    g.inputs = [x]
    g.outputs = [y]
    assertRefused(g, [.dynamic, .int8], "operator 0 (CONV_2D): weights 'conv.weight' have shape []")
  }

  func testWeightsComputedAtRunTime() {
    // The FULLY_CONNECTED weights are RELU(source), computed at run time. Dynamic range keeps that
    // operator in float; int8 refuses it. With a constant source, int8 refuses the RELU first.
    func graph(constantSource: Bool) -> TFLiteGraph {
      var g = TFLiteGraph()
      let x = g.add(.init(name: "x", shape: [2, 3], type: .float32))
      let source = constantSource ? g.addConstant(name: "w0", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6]) : x
      let w = g.add(.init(name: "w", shape: [2, 3], type: .float32))
      let y = g.add(.init(name: "y", shape: [2, 2], type: .float32))
      g.operators = [.init(code: .relu, inputs: [source], outputs: [w]),
                     .init(code: .fullyConnected, inputs: [x, w, -1], outputs: [y],
                           options: .fullyConnected(activation: .none, keepNumDims: false, asymmetricQuantizeInputs: false))]
      g.inputs = [x]
      g.outputs = [y]
      return g
    }
    XCTAssertNil(refusal(graph(constantSource: false), .dynamic))
    assertRefused(graph(constantSource: false), [.int8], "operator 1 (FULLY_CONNECTED): weights 'w' are not constant float32 data")
    assertRefused(graph(constantSource: true), [.int8], "operator 0 (RELU) computes on a constant ('w0')")
  }

  func testConstantGraphOutput() {
    var g = fc { $0.addConstant(name: "fc.weight", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6]) }
    g.outputs.append(g.operators[0].inputs[2])
    assertRefused(g, [.int8], "graph output 'fc.bias' is a constant")
  }
}
