/// What MEAN and SUM share: the reduced dimensions come from `axis` (input 1, constant int32/int64,
/// negative values count from the end, repeats allowed); `keep_dims` keeps them as size 1.
public enum Reduce {
  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Input shape.
    var inDims: IndexVector
    /// Output element stride per input dimension (0 where reduced).
    var outStrides: IndexVector
    /// Output elements.
    var outputCount: Int
    /// Input elements reduced into each output element.
    var count: Int
    /// int8: the requantization multiplier (MEAN: with 1/count folded in).
    var multiplier: QuantizedMultiplier
    /// int8: scratch slot of the int32 sums (ScratchHandle is not BitwiseCopyable, so its slot).
    var sumsSlot: Int
    /// Whether the tensors are int8.
    var quantized: Bool
  }

  /// Checks a MEAN or SUM node and computes the reduction geometry.
  static func prepare(_ node: Node, _ ctx: inout PrepareContext, mean: Bool) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...2, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let axis = try ctx.input(node, 1)
    let output = try ctx.output(node, 0)
    try check(input.type == .float32 || input.type == .int8, .unsupportedType, node, input, found: Int(input.type.rawValue))
    try checkSameType(input, output, node)
    try checkIndexType(axis, node)
    try checkConstant(axis, node)
    try checkRank(axis, 0...1, node)
    let rank = input.dims.rank
    var reduced = InlineArray<8, Bool>(repeating: false)
    for i in 0..<axis.elementCount {
      reduced[try normalizedAxis(axis.index(i), rank: rank, node, axis)] = true
    }
    let keep = node.op.builtinOptionsAsReducerOptions?.keepDims ?? false
    var want = Dims()
    var count = 1
    for d in 0..<rank {
      if reduced[d] {
        count *= input.dims[d]
        if !keep { continue }
      }
      want.rank += 1
      want[want.rank - 1] = reduced[d] ? 1 : input.dims[d]
    }
    try checkShape(output, want, node)
    // Output strides over the input's dimensions: reduced ones contribute nothing.
    var outStrides = IndexVector(count: rank)
    var acc = 1
    var d = rank - 1
    while d >= 0 {
      if !reduced[d] {
        outStrides[d] = acc
        acc *= input.dims[d]
      }
      d -= 1
    }
    var multiplier = QuantizedMultiplier(multiplier: 0, shift: 0)
    var sumsSlot = 0
    let quantized = input.type == .int8
    if quantized {
      try checkInt8Quantization(input, node)
      try checkInt8Quantization(output, node)
      // The int32 sums hold at most 128 · count, and count · zero point is subtracted from them:
      // refuse what could overflow (more than 8,388,607 values per output) rather than wrap.
      try check(count <= Int(Int32.max) / 256, .tensorTooLarge, node, input, expected: Int(Int32.max) / 256, found: count)
      let ratio = Double(input.scale) / Double(output.scale)
      try check(ratio.isFinite && ratio < 65536, .multiplierOutOfRange, node, output)
      let m = QuantizedMultiplier(ratio)
      multiplier = mean ? Reference.meanMultiplier(m, count: count) : m
      sumsSlot = try ctx.requestScratch(bytes: output.elementCount * 4).slot
    }
    return OpData(inDims: IndexVector(input.dims), outStrides: outStrides, outputCount: output.elementCount,
                  count: count, multiplier: multiplier, sumsSlot: sumsSlot, quantized: quantized)
  }

  /// Runs MEAN or SUM.
  static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext, mean: Bool) {
    let input = ctx.input(node, 0)
    let output = ctx.output(node, 0)
    if !data.quantized {
      Reference.reduceSum(input: input.floats, inDims: data.inDims, outStrides: data.outStrides, output: output.floats,
                          outputCount: data.outputCount, divideBy: mean ? data.count : nil)
      return
    }
    let sums = ctx.scratch(ScratchHandle(slot: data.sumsSlot)).assumingMemoryBound(to: Int32.self)
    Reference.reduceSum(input: input.pointer(Int8.self), inDims: data.inDims, outStrides: data.outStrides, sums: sums,
                        outputCount: data.outputCount)
    if mean {
      Reference.meanInt8(sums: sums, count: data.count, inputZeroPoint: input.zeroPoint, multiplier: data.multiplier,
                         outputZeroPoint: output.zeroPoint, output: output.pointer(Int8.self), outputCount: data.outputCount)
    } else {
      Reference.sumInt8(sums: sums, count: data.count, inputScale: input.scale, inputZeroPoint: input.zeroPoint,
                        outputScale: output.scale, outputZeroPoint: output.zeroPoint, output: output.pointer(Int8.self),
                        outputCount: data.outputCount)
    }
  }
}
