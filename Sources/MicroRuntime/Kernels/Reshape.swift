/// RESHAPE: output has input's elements in the same order under a new shape. The new shape comes
/// from the shape tensor (input 1) or the `new_shape` option; one entry may be -1 (inferred).
/// Output 0 may share input 0's storage; eval then copies nothing.
public enum Reshape: Kernel {
  // Options: new_shape (used when there is no shape tensor, or it is empty).

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    /// Bytes to move.
    var bytes: Int
    /// Whether the shape tensor is computed at run time and must be checked against the output.
    var checkShapeTensor: Bool
    /// The output's shape.
    var outDims: IndexVector
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 1...2, outputs: 1...1)
    let input = try ctx.input(node, 0)
    let output = try ctx.output(node, 0)
    _ = try checkMovableType(input, node)
    try checkSameType(input, output, node)
    try check(input.elementCount == output.elementCount, .shapeMismatch, node, output,
              expected: input.elementCount, found: output.elementCount)
    var checkAtEval = false
    let options = node.op.builtinOptionsAsReshapeOptions
    if let shape = ctx.optionalInput(node, 1), shape.elementCount > 0 || !(options?.hasNewShape ?? false) {
      try checkIndexType(shape, node)
      try checkRank(shape, 0...1, node)
      if shape.isConstant {
        try checkNewShape(node, output, count: shape.elementCount, value: { shape.index($0) })
      } else {
        checkAtEval = true
      }
    } else if let options, options.hasNewShape {
      let v = options.newShape
      try checkNewShape(node, output, count: v.count, value: { Int(v[$0]) })
    }
    return OpData(bytes: output.byteSize, checkShapeTensor: checkAtEval, outDims: IndexVector(output.dims))
  }

  /// Checks a requested shape (at most one -1) against the output's shape.
  static func checkNewShape(_ node: Node, _ output: TensorView, count: Int,
                            value: (Int) -> Int) throws(MicroError) {
    try check(count == output.dims.rank, .rankMismatch, node, output, expected: count, found: output.dims.rank)
    var inferred = 0
    for i in 0..<count {
      let v = value(i)
      if v == -1 {
        inferred += 1
      } else {
        try check(v == output.dims[i], .shapeMismatch, node, output, expected: v, found: output.dims[i])
      }
    }
    try check(inferred <= 1, .shapeMismatch, node, output, expected: 1, found: inferred)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    if data.checkShapeTensor {
      let shape = ctx.input(node, 1)
      let n = shape.elementCount
      var inferred = 0
      var ok = n == data.outDims.count
      if ok {
        for i in 0..<n {
          let v = shape.index(i)
          if v == -1 { inferred += 1 } else if v != data.outDims[i] { ok = false }
        }
      }
      if !ok || inferred > 1 {
        throw MicroError(.shapeMismatch, op: node.index, tensor: shape.index, expected: Int64(data.outDims.count), found: Int64(n))
      }
    }
    let input = ctx.input(node, 0)
    let output = ctx.output(node, 0)
    copyUnlessAliased(from: input.data.unsafelyUnwrapped, to: output.data.unsafelyUnwrapped, bytes: data.bytes)
  }

  /// The registration for RESHAPE (any movable element type); output aliases input.
  public static var registration: Registration {
    registration(.reshape, versions: 1...2, aliasesInput: true, prepare: { Reshape.prepareEntry($0, $1, $2) }, eval: { Reshape.evalEntry($0, $1, $2) })
  }
}
