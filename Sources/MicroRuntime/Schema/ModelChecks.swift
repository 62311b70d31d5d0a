// Model-level verification: after the FlatBuffer structure is known to be sound, check the facts
// that the interpreter and the kernels rely on — every index in range, every shape and buffer size
// consistent, no unsupported storage features. Runs once at open; nothing here allocates.

/// A model whose bytes passed both the structural verifier and the model checks.
public struct VerifiedModel {
  /// The root table.
  public let model: TFLite.Model
  /// The model bytes (owned by the caller; must outlive this value).
  public let bytes: UnsafeRawBufferPointer

  /// Limits the runtime accepts (larger models are refused, not truncated).
  public static var maxSubgraphs: Int { 64 }
  /// Most tensors per subgraph.
  public static var maxTensors: Int { 1 << 20 }
  /// Most operators per subgraph.
  public static var maxOperators: Int { 1 << 20 }

  /// Verifies `bytes` as a .tflite model: structure, then model facts.
  public init(bytes: UnsafeRawBufferPointer) throws(MicroError) {
    guard let base = bytes.baseAddress else { throw MicroError(.bufferTooSmall, expected: 12, found: 0) }
    self.bytes = bytes
    model = try FlatBufferVerifier.verifyModel(base: base, size: bytes.count)
    try check()
  }

  /// The effective builtin code of an operator code (TFLite takes the larger of the two fields).
  @inlinable public static func builtinCode(_ c: TFLite.OperatorCode) -> TFLite.BuiltinOperator {
    let deprecated = Int32(c.deprecatedBuiltinCode)
    let code = c.builtinCode.rawValue
    return TFLite.BuiltinOperator(rawValue: code > deprecated ? code : deprecated)
  }

  private func check() throws(MicroError) {
    if model.version != 3 { throw MicroError(.unsupportedSchemaVersion, expected: 3, found: Int64(model.version)) }
    let subgraphs = model.subgraphs
    if subgraphs.count == 0 { throw MicroError(.noSubgraphs) }
    if subgraphs.count > Self.maxSubgraphs {
      throw MicroError(.tooManySubgraphs, expected: Int64(Self.maxSubgraphs), found: Int64(subgraphs.count))
    }
    if model.hasExternalBufferGroups || model.hasExternalBuffers { throw MicroError(.externalBuffersUnsupported) }
    let buffers = model.buffers
    for b in 0..<buffers.count {
      let buffer = buffers[b]
      if buffer.offset > 1 || buffer.size > 0 {
        var e = MicroError(.externalBufferUnsupported, found: Int64(b))
        e.field = Int32(b)
        throw e
      }
    }
    let metadata = model.metadata
    for m in 0..<metadata.count where Int(metadata[m].buffer) >= buffers.count {
      throw MicroError(.metadataBufferInvalid, expected: Int64(buffers.count), found: Int64(metadata[m].buffer))
    }
    let metadataBuffer = model.metadataBuffer
    for m in 0..<metadataBuffer.count where metadataBuffer[m] < 0 || Int(metadataBuffer[m]) >= buffers.count {
      throw MicroError(.metadataBufferInvalid, expected: Int64(buffers.count), found: Int64(metadataBuffer[m]))
    }
    for s in 0..<subgraphs.count {
      do throws(MicroError) {
        try checkSubgraph(subgraphs[s], buffers: buffers)
      } catch {
        var e = error
        e.subgraph = Int32(s)
        throw e
      }
    }
    let signatures = model.signatureDefs
    for i in 0..<signatures.count {
      let sig = signatures[i]
      if Int(sig.subgraphIndex) >= subgraphs.count {
        throw MicroError(.subgraphIndexOutOfRange, expected: Int64(subgraphs.count), found: Int64(sig.subgraphIndex))
      }
      let tensorCount = subgraphs[Int(sig.subgraphIndex)].tensors.count
      for k in 0..<2 {
        let maps = k == 0 ? sig.inputs : sig.outputs
        for j in 0..<maps.count where Int(maps[j].tensorIndex) >= tensorCount {
          throw MicroError(.signatureTensorInvalid, tensor: Int32(truncatingIfNeeded: maps[j].tensorIndex),
                           expected: Int64(tensorCount), found: Int64(maps[j].tensorIndex))
        }
      }
    }
  }

  private func checkSubgraph(_ g: TFLite.SubGraph, buffers: FlatTableVector<TFLite.Buffer>) throws(MicroError) {
    let tensors = g.tensors
    let n = tensors.count
    if n > Self.maxTensors { throw MicroError(.tooManyTensors, expected: Int64(Self.maxTensors), found: Int64(n)) }
    for t in 0..<n {
      do throws(MicroError) {
        try checkTensor(tensors[t], buffers: buffers)
      } catch {
        var e = error
        e.tensor = Int32(t)
        throw e
      }
    }
    try checkIndices(g.inputs, count: n, allowOmitted: false, op: -1)
    try checkIndices(g.outputs, count: n, allowOmitted: false, op: -1)
    let ops = g.operators
    if ops.count > Self.maxOperators {
      throw MicroError(.tooManyOperators, expected: Int64(Self.maxOperators), found: Int64(ops.count))
    }
    let codes = model.operatorCodes.count
    for i in 0..<ops.count {
      let op = ops[i]
      if Int(op.opcodeIndex) >= codes {
        throw MicroError(.opcodeIndexOutOfRange, op: Int32(i), expected: Int64(codes), found: Int64(op.opcodeIndex))
      }
      if op.hasBuiltinOptions2Type || op.hasBuiltinOptions2 { throw MicroError(.builtinOptions2Unsupported, op: Int32(i)) }
      try checkIndices(op.inputs, count: n, allowOmitted: true, op: Int32(i))
      try checkIndices(op.outputs, count: n, allowOmitted: false, op: Int32(i))
      try checkIndices(op.intermediates, count: n, allowOmitted: true, op: Int32(i))
    }
  }

  private func checkIndices(_ v: FlatVector<Int32>, count: Int, allowOmitted: Bool, op: Int32) throws(MicroError) {
    for k in 0..<v.count {
      let t = v[k]
      if (t == -1 && allowOmitted) { continue }
      if t < 0 || Int(t) >= count {
        var e = MicroError(.tensorIndexOutOfRange, op: op, tensor: t, expected: Int64(count), found: Int64(t))
        e.field = Int32(k)
        throw e
      }
    }
  }

  private func checkTensor(_ t: TFLite.Tensor, buffers: FlatTableVector<TFLite.Buffer>) throws(MicroError) {
    if t.hasSparsity { throw MicroError(.sparseTensorUnsupported) }
    if t.hasVariantTensors { throw MicroError(.variantTensorUnsupported) }
    if t.hasExternalBuffer { throw MicroError(.externalTensorBufferUnsupported) }
    let shape = t.shape
    if shape.count > Dims.maxRank {
      throw MicroError(.tooManyDimensions, expected: Int64(Dims.maxRank), found: Int64(shape.count))
    }
    let elementSize = t.type.byteSize
    if elementSize == 0 { throw MicroError(.unknownTensorType, found: Int64(t.type.rawValue)) }
    // The byte size, with overflow checks at every step; tensors are limited to 2 GB.
    var bytes = elementSize
    for i in 0..<shape.count {
      let d = shape[i]
      if d < 0 { throw MicroError(.negativeDimension, found: Int64(d)) }
      let (p, overflow) = bytes.multipliedReportingOverflow(by: Int(d))
      if overflow || p > 0x7FFF_FFFF { throw MicroError(.tensorTooLarge) }
      bytes = p
    }
    let b = Int(t.buffer)
    if b >= buffers.count { throw MicroError(.bufferIndexOutOfRange, expected: Int64(buffers.count), found: Int64(b)) }
    let data = buffers[b].data
    if data.count != 0 {
      if data.count != bytes { throw MicroError(.constantSizeMismatch, expected: Int64(bytes), found: Int64(data.count)) }
      let address = UInt(bitPattern: data.baseAddress)
      if address % UInt(elementSize) != 0 {
        throw MicroError(.constantDataMisaligned, expected: Int64(elementSize), found: Int64(address % 16))
      }
    }
    if let q = t.quantization {
      if q.detailsType.rawValue != 0 { throw MicroError(.customQuantizationUnsupported) }
      let scales = q.scale
      let zeros = q.zeroPoint
      if scales.count != zeros.count {
        throw MicroError(.quantizationCountMismatch, expected: Int64(scales.count), found: Int64(zeros.count))
      }
      for i in 0..<scales.count {
        let s = scales[i]
        if !(s >= 0 && s.isFinite) { throw MicroError(.invalidScale) }
      }
      // The runtime keeps zero points as Int32: a larger one would silently wrap (2^32 becomes 0).
      for i in 0..<zeros.count where Int64(Int32(truncatingIfNeeded: zeros[i])) != zeros[i] {
        throw MicroError(.invalidQuantization, expected: Int64(Int32.max), found: zeros[i])
      }
      if scales.count > 1 {
        let qd = Int(q.quantizedDimension)
        if qd < 0 || qd >= shape.count {
          throw MicroError(.quantizedDimensionOutOfRange, expected: Int64(shape.count), found: Int64(qd))
        }
        if Int(shape[qd]) != scales.count {
          throw MicroError(.quantizationChannelMismatch, expected: Int64(shape[qd]), found: Int64(scales.count))
        }
      }
    }
  }
}
