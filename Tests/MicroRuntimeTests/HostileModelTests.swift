import Foundation
import MicroRuntime
import MoteTestSupport
import XCTest

/// Hostile models (Tests/Fixtures/malicious, made by tools/fuzz/make_malicious.py): each must be
/// refused with its specific error kind — never a crash, a hang or an out-of-bounds access. The
/// models are opened like a device opens them: bytes in place, one fixed 4 MB arena; a model that
/// opens is invoked on zero inputs (eval-time faults).
final class HostileModelTests: XCTestCase {
  static var directory: URL { Fixture.root.appendingPathComponent("malicious") }

  /// Model file (without .tflite) → the error kind it must produce. One bug class each; see the
  /// README next to the models.
  static let expected: [String: MicroErrorKind] = [
    "root_offset_out_of_bounds": .offsetOutOfBounds,
    "vtable_out_of_bounds": .vtableOutOfBounds,
    "vector_too_long": .vectorTooLong,
    "string_not_terminated": .stringNotTerminated,
    "tensor_index_out_of_range": .tensorIndexOutOfRange,
    "buffer_index_out_of_range": .bufferIndexOutOfRange,
    "opcode_index_out_of_range": .opcodeIndexOutOfRange,
    "negative_dimension": .negativeDimension,
    "shape_product_overflow": .tensorTooLarge,
    "too_many_dimensions": .tooManyDimensions,
    "constant_size_mismatch": .constantSizeMismatch,
    "quantized_dimension_out_of_range": .quantizedDimensionOutOfRange,
    "per_channel_count_mismatch": .quantizationChannelMismatch,
    "quantization_count_mismatch": .quantizationCountMismatch,
    "scale_nan": .invalidScale,
    "scale_negative": .invalidScale,
    "scale_zero": .missingQuantization,
    "zero_point_out_of_range": .invalidQuantization,
    "zero_point_wraps_32_bits": .invalidQuantization,
    "missing_quantization": .missingQuantization,
    "softmax_output_scale_denormal": .fixedOutputQuantization,
    "concat_zero_point_int32_min": .invalidQuantization,
    "resize_empty_input": .shapeMismatch,
    "pad_size_wraps_32_bits": .tensorTooLarge,
    "batch_matmul_zero_batch": .shapeMismatch,
    "conv_zero_input_channels": .shapeMismatch,
    "sum_zero_point_int32_min": .invalidQuantization,
    "graph_cycle": .tensorReadBeforeWritten,
    "tensor_written_twice": .tensorWrittenTwice,
    "output_is_constant": .outputIsConstant,
    "input_is_constant": .inputIsConstant,
    "unsupported_operator_version": .unsupportedOperatorVersion,
    "custom_operator": .customOperatorUnsupported,
    "arena_exhaustion": .arenaTooSmall,
    "conv_stride_zero": .invalidStride,
    "conv_dilation_zero": .invalidDilation,
    "conv_dilation_overflow": .invalidFilterSize,
    "depthwise_zero_input_channels": .shapeMismatch,
    "pool_filter_zero": .invalidFilterSize,
    "pool_stride_zero": .invalidStride,
    "concat_axis_out_of_range": .invalidAxis,
    "transpose_perm_out_of_range": .invalidAxis,
    "reduce_axis_out_of_range": .invalidAxis,
    "strided_slice_stride_zero": .invalidStride,
  ]

  /// Opens `bytes` on a 4 MB arena and invokes it on zero inputs; returns the error, nil if none.
  static func outcome(_ bytes: [UInt8]) -> MicroError? {
    let model = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
    defer { model.deallocate() }
    bytes.withUnsafeBytes { if let s = $0.baseAddress { model.baseAddress!.copyMemory(from: s, byteCount: bytes.count) } }
    let arena = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 16)
    defer { arena.deallocate() }
    do throws(MicroError) {
      let it = try Interpreter(model: UnsafeRawBufferPointer(start: model.baseAddress, count: bytes.count),
                               arena: arena, resolver: .allOps)
      for i in 0..<it.inputCount {
        let t = try it.input(i)
        if let p = t.data { p.initializeMemory(as: UInt8.self, repeating: 0, count: t.byteSize) }
      }
      try it.invoke()
      return nil
    } catch {
      return error
    }
  }

  func testEveryHostileModelIsRefusedWithItsErrorKind() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
      .filter { $0.hasSuffix(".tflite") }.sorted()
    XCTAssertGreaterThanOrEqual(files.count, 15)
    // Every model has an expected kind and every expected kind has its model.
    XCTAssertEqual(Set(files.map { String($0.dropLast(7)) }), Set(Self.expected.keys))
    for file in files {
      let name = String(file.dropLast(7))
      let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(file)))
      let error = Self.outcome(bytes)
      XCTAssertEqual(error?.kind, Self.expected[name], "\(name): \(error.map { "\($0.kind)" } ?? "opened and ran")")
    }
  }

  /// The base fixtures themselves open and run: each hostile model fails because of its one patch.
  func testBaseFixturesOpen() throws {
    for base in ["mlp/float", "conv2d_same_s1/int8", "softmax/int8", "shape/float", "depthwise_m2_same_s1/int8"] {
      let bytes = [UInt8](try Data(contentsOf: Fixture.root.appendingPathComponent(base + "/model.tflite")))
      XCTAssertNil(Self.outcome(bytes), base)
    }
  }

  /// Where the error points: the planted fault's operator and tensor.
  func testErrorsNameTheFaultyOperatorAndTensor() throws {
    func error(_ name: String) throws -> MicroError? {
      Self.outcome([UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name + ".tflite"))))
    }
    let index = try error("tensor_index_out_of_range")
    XCTAssertEqual(index?.op, 0)
    XCTAssertEqual(index?.found, 999)
    let overflow = try error("shape_product_overflow")
    XCTAssertEqual(overflow?.tensor, 3)
    let twice = try error("tensor_written_twice")
    XCTAssertEqual(twice?.op, 1)
    XCTAssertEqual(twice?.tensor, 3)
    let arena = try error("arena_exhaustion")
    XCTAssertGreaterThan(arena?.expected ?? 0, 1 << 31)
  }

  /// Every fixture with the first dimension of each activation set to 0 (empty tensors): each
  /// kernel refuses the shapes or runs on no data — never unwraps a missing pointer or divides by 0.
  func testEmptyActivationsInEveryFixture() throws {
    var ran = 0
    for f in Fixture.all() {
      var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: f.modelPath)))
      try bytes.withUnsafeMutableBytes { raw throws in
        let model = try VerifiedModel(bytes: UnsafeRawBufferPointer(raw))
        let g = model.model.subgraphs[0]
        for t in 0..<g.tensors.count {
          let tensor = g.tensors[t]
          if model.model.buffers[Int(tensor.buffer)].data.count > 0 || tensor.shape.count == 0 { continue }
          raw.storeBytes(of: Int32(0), toByteOffset: tensor.shape.start, as: Int32.self)
        }
      }
      if Self.outcome(bytes) == nil { ran += 1 }
    }
    XCTAssertGreaterThan(ran, 10, "some kernels run on empty tensors")
  }

  /// Hostile but valid models (malicious/runs): they open and run, and fast — no unbounded work.
  func testValidHostileModelsRunQuickly() throws {
    let dir = Self.directory.appendingPathComponent("runs")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tflite") }
    XCTAssertFalse(files.isEmpty)
    for file in files {
      let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(file)))
      let start = Date()
      XCTAssertNil(Self.outcome(bytes), file)
      XCTAssertLessThan(Date().timeIntervalSince(start), 1, file)
    }
  }

  /// Every model cut short at each of a range of lengths: an error, never a read past the end.
  func testTruncatedModelsAreRefused() throws {
    let bytes = [UInt8](try Data(contentsOf: Fixture.root.appendingPathComponent("conv2d_same_s1/int8/model.tflite")))
    var cut = 0
    while cut < bytes.count {
      XCTAssertNotNil(Self.outcome(Array(bytes.prefix(cut))), "prefix \(cut)")
      cut += 7
    }
  }
}
