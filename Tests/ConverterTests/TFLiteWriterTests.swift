import CFlatbuffers
import Converter
import MicroRuntime
import XCTest

/// The writer (through CFlatbuffers) and the reader (through MicroRuntime's views) agree.
final class TFLiteWriterTests: XCTestCase {
  func handmade() -> TFLiteGraph {
    var g = TFLiteGraph()
    let x = g.add(.init(name: "x", shape: [1, 3], type: .float32))
    let w = g.addConstant(name: "fc.weight", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6])
    let b = g.addConstant(name: "fc.bias", shape: [2], floats: [0.5, -0.5])
    let y = g.add(.init(name: "y", shape: [1, 2], type: .float32))
    let q = g.add(.init(name: "q", shape: [1, 2], type: .int8, quantization: .init(scales: [0.1, 0.2], zeroPoints: [0, 0], axis: 1)))
    g.operators = [
      .init(code: .fullyConnected, inputs: [x, w, b], outputs: [y],
            options: .fullyConnected(activation: .relu, keepNumDims: false, asymmetricQuantizeInputs: false)),
      .init(code: .quantize, inputs: [y], outputs: [q], options: .quantize),
    ]
    g.inputs = [x]
    g.outputs = [q]
    g.inputNames = ["input_0"]
    g.outputNames = ["output_0"]
    g.description = "handmade"
    return g
  }

  func testRoundTripThroughReader() throws {
    let bytes = try TFLiteWriter.serialize(handmade())
    XCTAssertEqual(bytes.withUnsafeBufferPointer { mote_fb_verify_model($0.baseAddress, $0.count) }, 1)
    XCTAssertEqual(Array(bytes[4..<8]), Array("TFL3".utf8))
    let back = try TFLiteGraph(reading: bytes)
    XCTAssertEqual(back.tensors.map(\.name), ["x", "fc.weight", "fc.bias", "y", "q"])
    XCTAssertEqual(back.tensors[1].floats, [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(back.tensors[4].quantization, .init(scales: [0.1, 0.2], zeroPoints: [0, 0], axis: 1))
    XCTAssertEqual(back.operators.map(\.code), [.fullyConnected, .quantize])
    XCTAssertEqual(back.operators[0].options, .fullyConnected(activation: .relu, keepNumDims: false, asymmetricQuantizeInputs: false))
    XCTAssertEqual(back.inputNames, ["input_0"])
    XCTAssertEqual(back.outputNames, ["output_0"])
    XCTAssertEqual(back.description, "handmade")
  }

  func testHeaderOperatorCodesMetadataAndAlignment() throws {
    let bytes = try TFLiteWriter.serialize(handmade())
    try bytes.withUnsafeBytes { raw in
      let m = try VerifiedModel(bytes: raw).model
      XCTAssertEqual(m.version, 3)
      let codes = m.operatorCodes
      XCTAssertEqual(codes.count, 2)
      XCTAssertEqual(codes[0].builtinCode, .fullyConnected)
      XCTAssertEqual(codes[0].deprecatedBuiltinCode, 9)
      XCTAssertEqual(codes[0].version, 1)
      XCTAssertEqual(codes[1].builtinCode, .quantize)
      XCTAssertEqual(codes[1].deprecatedBuiltinCode, 114)
      let meta = m.metadata[0]
      XCTAssertTrue(meta.name!.equals("min_runtime_version"))
      let buf = m.buffers[Int(meta.buffer)].data
      XCTAssertEqual(buf.count, 16)
      let text = String(decoding: (0..<buf.count).map { buf[$0] }.filter { $0 != 0 }, as: UTF8.self)
      XCTAssertEqual(text, "1.14.0")  // QUANTIZE v1 needs 1.14.0, FULLY_CONNECTED v1 only 1.5.0
      XCTAssertTrue(m.signatureDefs[0].signatureKey!.equals("serving_default"))
      for i in 1..<m.buffers.count where m.buffers[i].data.count > 0 {
        XCTAssertEqual(m.buffers[i].data.start % 16, 0, "buffer \(i) is not 16-byte aligned")
      }
    }
  }

  func testOperatorCodesAbove127UseThePlaceholder() throws {
    let b = mote_fb_builder_create(1024)!
    defer { mote_fb_builder_free(b) }
    let code = mote_fb_operator_code(b, 150, 1)  // GELU
    let codes = [code].withUnsafeBufferPointer { mote_fb_vector_tables(b, $0.baseAddress, 1) }
    let model = mote_fb_model(b, 3, codes, 0, 0, 0, 0, 0)
    mote_fb_finish_model(b, model)
    var size = 0
    let data = mote_fb_builder_data(b, &size)!
    XCTAssertEqual(mote_fb_verify_model(data, size), 1)
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    bytes.withUnsafeBytes { raw in
      let root = Int(raw.loadUnaligned(as: UInt32.self))
      let m = TFLite.Model(FlatTable(base: raw.baseAddress!, position: root))
      XCTAssertEqual(m.operatorCodes[0].deprecatedBuiltinCode, 127)
      XCTAssertEqual(m.operatorCodes[0].builtinCode.rawValue, 150)
    }
  }

  func testUnknownOptionsKindIsRejected() {
    let b = mote_fb_builder_create(1024)!
    defer { mote_fb_builder_free(b) }
    var o = mote_fb_options()
    o.kind = 23  // GatherOptions: not written by this builder
    var ok: Int32 = 1
    XCTAssertEqual(mote_fb_options_table(b, &o, &ok), 0)
    XCTAssertEqual(ok, 0)
  }

  func testLiteRTRunsTheHandmadeModel() throws {
    var g = handmade()
    g.operators.removeLast()
    g.outputs = [3]
    g.removeUnusedTensors()
    let bytes = try TFLiteWriter.serialize(g)
    // relu([1,2,3]·x + 0.5, [4,5,6]·x − 0.5)
    XCTAssertEqual(try runLiteRT(bytes, [[1, 0, -1]]), [[0, 0]])
    XCTAssertEqual(try runLiteRT(bytes, [[1, 1, 1]]), [[6.5, 14.5]])
  }
}
