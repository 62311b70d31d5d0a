/// MEAN: the average over the `axis` dimensions (see `Reduce`). int8 follows LiteRT's reference
/// kernel: integer sums, then one multiplier with 1/n folded in, bit-exact.
public enum Mean: Kernel {
  // Options: keep_dims.

  /// What eval needs: the reduction geometry.
  public typealias OpData = Reduce.OpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try Reduce.prepare(node, &ctx, mean: true)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    Reduce.eval(node, data, ctx, mean: true)
  }

  /// The registration for MEAN (float32, int8).
  public static var registration: Registration {
    registration(.mean, versions: 1...3, prepare: { Mean.prepareEntry($0, $1, $2) }, eval: { Mean.evalEntry($0, $1, $2) })
  }
}
