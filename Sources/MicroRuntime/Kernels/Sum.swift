/// SUM: the sum over the `axis` dimensions (see `Reduce`). int8 matches LiteRT's optimized (default
/// builtin) kernel, not its reference kernel: in LiteRT 2.3 the reference int8 SUM returns values
/// unrelated to the sum for ordinary inputs (see Tests/Fixtures/sum_*/int8/builtin_output_0.npy).
public enum Sum: Kernel {
  // Options: keep_dims.

  /// What eval needs: the reduction geometry.
  public typealias OpData = Reduce.OpData

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try Reduce.prepare(node, &ctx, mean: false)
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    Reduce.eval(node, data, ctx, mean: false)
  }

  /// The registration for SUM (float32, int8).
  public static var registration: Registration {
    registration(.sum, versions: 1...2, prepare: { Sum.prepareEntry($0, $1, $2) }, eval: { Sum.evalEntry($0, $1, $2) })
  }
}
