/// BATCH_MATMUL: output[..., m, n] = Σ_k x[..., m, k] · y[..., k, n] (x transposed when adj_x, y when
/// adj_y), batch dimensions broadcast NumPy-style (ranks 2...5). Float32, int8 (per-tensor), and hybrid
/// (float x, constant per-tensor int8 y: each row of x is quantized in eval).
public enum BatchMatMul: Kernel {
  // Options: adj_x, adj_y, asymmetric_quantize_inputs (hybrid: asymmetric or symmetric rows).

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var shape: MatMulShape
    var quantized: Bool
    var lhsOffset: Int32
    var rhsOffset: Int32
    var outputOffset: Int32
    var multiplier: QuantizedMultiplier
    /// Hybrid only: the weight scale, the row quantization, and the scratch slots for one float row
    /// and its int8 copy (`hybridRowSlot` < 0 when not hybrid).
    var weightScale: Float
    var asymmetric: Bool
    var hybridRowSlot: Int
    var hybridQuantizedSlot: Int
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...2, outputs: 1...1)
    let options = node.op.builtinOptionsAsBatchMatMulOptions
    let lhs = try ctx.input(node, 0)
    let rhs = try ctx.input(node, 1)
    let output = try ctx.output(node, 0)
    try checkRank(lhs, 2...5, node)
    try checkRank(rhs, 2...5, node)
    let adjX = options?.adjX ?? false, adjY = options?.adjY ?? false
    let lr = lhs.dims.rank, rr = rhs.dims.rank
    let rows = adjX ? lhs.dims[lr - 1] : lhs.dims[lr - 2]
    let depth = adjX ? lhs.dims[lr - 2] : lhs.dims[lr - 1]
    let rhsDepth = adjY ? rhs.dims[rr - 1] : rhs.dims[rr - 2]
    let columns = adjY ? rhs.dims[rr - 2] : rhs.dims[rr - 1]
    try check(depth == rhsDepth, .shapeMismatch, node, rhs, expected: depth, found: rhsDepth)
    // Broadcast the batch dimensions, right-aligned, into three slots.
    let rank = Swift.max(lr, rr)
    var expected = Dims(rank: rank)
    var batch: (Int, Int, Int) = (1, 1, 1), ls: (Int, Int, Int) = (0, 0, 0), rs: (Int, Int, Int) = (0, 0, 0)
    var lStride = rows * depth, rStride = depth * columns
    var slot = 2
    var d = rank - 3
    while d >= 0 {
      let ld = d - (rank - lr), rd = d - (rank - rr)
      let a = ld >= 0 ? lhs.dims[ld] : 1, b = rd >= 0 ? rhs.dims[rd] : 1
      try check(a == b || a == 1 || b == 1, .broadcastIncompatible, node, rhs, expected: a, found: b)
      let n = a == 1 ? b : a   // NumPy: 1 broadcasts to the other size, also to 0
      expected[d] = n
      let lsv = a == 1 ? 0 : lStride, rsv = b == 1 ? 0 : rStride
      switch slot {
      case 2: batch.2 = n; ls.2 = lsv; rs.2 = rsv
      case 1: batch.1 = n; ls.1 = lsv; rs.1 = rsv
      default: batch.0 = n; ls.0 = lsv; rs.0 = rsv
      }
      lStride *= a
      rStride *= b
      slot -= 1
      d -= 1
    }
    expected[rank - 2] = rows
    expected[rank - 1] = columns
    try checkShape(output, expected, node)
    let shape = MatMulShape(batch: batch, lhsStride: ls, rhsStride: rs, rows: rows, depth: depth, columns: columns,
                            adjX: adjX, adjY: adjY)
    try checkSameType(lhs, output, node)
    let none = QuantizedMultiplier(multiplier: 0, shift: 0)
    if lhs.type == .float32 && rhs.type == .int8 {
      // Hybrid: LiteRT needs a constant, per-tensor, symmetric y.
      try check(rhs.isConstant, .constantRequired, node, rhs)
      try check(rhs.isQuantized && rhs.scale.isFinite, .missingQuantization, node, rhs)
      try check(rhs.scaleCount == 1, .invalidQuantization, node, rhs, expected: 1, found: rhs.scaleCount)
      try check(rhs.zeroPoint == 0, .invalidQuantization, node, rhs, expected: 0, found: Int(rhs.zeroPoint))
      try ChannelRequantization.checkAccumulation(depth, node, rhs)
      let row = try ctx.requestScratch(bytes: depth * MemoryLayout<Float>.stride)
      let quantized = try ctx.requestScratch(bytes: depth)
      return OpData(shape: shape, quantized: false, lhsOffset: 0, rhsOffset: 0, outputOffset: 0, multiplier: none,
                    weightScale: rhs.scale, asymmetric: options?.asymmetricQuantizeInputs ?? false,
                    hybridRowSlot: row.slot, hybridQuantizedSlot: quantized.slot)
    }
    try checkSameType(lhs, rhs, node)
    switch lhs.type {
    case .float32:
      return OpData(shape: shape, quantized: false, lhsOffset: 0, rhsOffset: 0, outputOffset: 0, multiplier: none,
                    weightScale: 0, asymmetric: false, hybridRowSlot: -1, hybridQuantizedSlot: -1)
    case .int8:
      try ChannelRequantization.checkActivation(lhs, node)
      try ChannelRequantization.checkActivation(rhs, node)
      try ChannelRequantization.checkActivation(output, node)
      try check(lhs.scaleCount <= 1, .invalidQuantization, node, lhs, expected: 1, found: lhs.scaleCount)
      try check(rhs.scaleCount <= 1, .invalidQuantization, node, rhs, expected: 1, found: rhs.scaleCount)
      // Both operands may have zero points, so one product is at most 255 · 255.
      try check(depth <= (1 << 30) / (255 * 255), .tensorTooLarge, node, rhs, found: depth)
      // LiteRT forms the scale product in float, then divides in double.
      let m = try requantization(Double(lhs.scale * rhs.scale) / Double(output.scale), node, output)
      return OpData(shape: shape, quantized: true, lhsOffset: -lhs.zeroPoint, rhsOffset: -rhs.zeroPoint,
                    outputOffset: output.zeroPoint, multiplier: m,
                    weightScale: 0, asymmetric: false, hybridRowSlot: -1, hybridQuantizedSlot: -1)
    default:
      throw MicroError(.unsupportedType, op: node.index, tensor: lhs.index, found: Int64(lhs.type.rawValue))
    }
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let lhs = ctx.input(node, 0), rhs = ctx.input(node, 1), output = ctx.output(node, 0)
    if data.quantized {
      Reference.batchMatMul(lhs: lhs.pointer(Int8.self), rhs: rhs.pointer(Int8.self), output: output.pointer(Int8.self),
                            shape: data.shape, lhsOffset: data.lhsOffset, rhsOffset: data.rhsOffset,
                            multiplier: data.multiplier, outputOffset: data.outputOffset)
    } else if data.hybridRowSlot >= 0 {
      Reference.batchMatMulHybrid(
        lhs: lhs.floats, rhs: rhs.pointer(Int8.self), output: output.floats, shape: data.shape,
        weightScale: data.weightScale, asymmetric: data.asymmetric,
        row: ctx.scratch(ScratchHandle(slot: data.hybridRowSlot)).assumingMemoryBound(to: Float.self),
        quantized: ctx.scratch(ScratchHandle(slot: data.hybridQuantizedSlot)).assumingMemoryBound(to: Int8.self))
    } else {
      Reference.batchMatMul(lhs: lhs.floats, rhs: rhs.floats, output: output.floats, shape: data.shape)
    }
  }

  /// The registration for BATCH_MATMUL (float32, int8, hybrid).
  public static var registration: Registration {
    registration(.batchMatmul, versions: 1...4, prepare: { BatchMatMul.prepareEntry($0, $1, $2) }, eval: { BatchMatMul.evalEntry($0, $1, $2) })
  }
}
