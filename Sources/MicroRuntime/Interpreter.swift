// The interpreter: opened on model bytes in place plus one caller-owned arena. Opening verifies the
// model and runs the steps of Memory/ArenaPlan.swift (records, tensors and lifetimes, prepare,
// placement, offsets); invoke then runs the kernels in order. Nothing is allocated: all state lives
// in the arena.
//
// Arena layout: [ persistent: tensor records, node records, OpData, kernel persistent data |
//                 planned: activations and scratch, reused over time ].

/// How the arena is used, in bytes. `total` is exactly what the model needs.
public struct ArenaUsage: Equatable {
  /// Records, per-node data and kernel persistent data (rounded up to 16).
  public var persistent: Int
  /// Planned activation tensors.
  public var activations: Int
  /// What kernel scratch adds on top of the activations.
  public var scratch: Int
  /// The exact arena size the model needs.
  public var total: Int { persistent + activations + scratch }
}

/// Runs one model's main subgraph. Holds pointers into the model bytes and the arena, both owned by
/// the caller, who must keep them alive and unmoved while the interpreter is used.
public struct Interpreter {
  /// The verified model.
  public let model: VerifiedModel
  /// The running subgraph (subgraph 0).
  public let subgraph: TFLite.SubGraph
  @usableFromInline let arena: UnsafeMutableRawPointer
  @usableFromInline let records: UnsafeMutablePointer<TensorRecord>
  @usableFromInline let nodes: UnsafeMutablePointer<NodeRecord>
  /// Number of tensors in the subgraph.
  public let tensorCount: Int
  /// Number of operators.
  public let operatorCount: Int
  /// The arena bytes this model needs, split by use.
  public let arenaUsage: ArenaUsage

  /// Opens `model` (verified here) with `arena` as the only working memory; the arena must start at
  /// a 16-byte aligned address and hold at least `arenaUsage.total` bytes. When it is smaller, the
  /// error (`arenaTooSmall`) has the exact size as `expected` — unless the arena cannot even hold
  /// the records part (`planningBytes`), which `expected` is then.
  public init(model bytes: UnsafeRawBufferPointer, arena: UnsafeMutableRawBufferPointer,
              resolver: borrowing OpResolver) throws(MicroError) {
    let model = try VerifiedModel(bytes: bytes)
    var plan = try ArenaPlan(model, arena: arena, resolver: resolver)
    try plan.recordTensors()
    try plan.prepareNodes(materialize: true)
    let usage = plan.place()
    if usage.total > arena.count {
      throw MicroError(.arenaTooSmall, expected: Int64(usage.total), found: Int64(arena.count))
    }
    plan.assignOffsets(usage)
    self.model = model
    subgraph = model.model.subgraphs[0]
    self.arena = plan.arenaBase
    records = plan.records
    nodes = plan.nodes
    tensorCount = plan.tensorCount
    operatorCount = plan.nodeCount
    arenaUsage = usage
  }

  /// The exact arena `model` needs with `resolver`, found in one pass that packs nothing: `work`
  /// holds the records while measuring and must have `planningBytes` of them (16-byte aligned);
  /// smaller, the error is `arenaTooSmall` with that number as `expected`.
  public static func requiredArena(model bytes: UnsafeRawBufferPointer, work: UnsafeMutableRawBufferPointer,
                                   resolver: borrowing OpResolver) throws(MicroError) -> ArenaUsage {
    let model = try VerifiedModel(bytes: bytes)
    var plan = try ArenaPlan(model, arena: work, resolver: resolver)
    try plan.recordTensors()
    try plan.prepareNodes(materialize: false)
    return plan.place()
  }

  /// The working memory `requiredArena` needs for `model`: its tensor and node records and OpData
  /// (the start of the arena it will use). Verifies the model and resolves every operator.
  public static func planningBytes(model bytes: UnsafeRawBufferPointer, resolver: borrowing OpResolver) throws(MicroError) -> Int {
    try ArenaPlan.planningBytes(VerifiedModel(bytes: bytes), resolver)
  }

  /// Number of subgraph inputs.
  public var inputCount: Int { subgraph.inputs.count }
  /// Number of subgraph outputs.
  public var outputCount: Int { subgraph.outputs.count }

  /// The tensor of input `i`, with its data pointer to fill before `invoke`.
  public func input(_ i: Int) throws(MicroError) -> TensorView {
    if i < 0 || i >= inputCount { throw MicroError(.inputIndexOutOfRange, expected: Int64(inputCount), found: Int64(i)) }
    return tensor(subgraph.inputs[i])
  }

  /// The tensor of output `i`, with its data pointer to read after `invoke`.
  public func output(_ i: Int) throws(MicroError) -> TensorView {
    if i < 0 || i >= outputCount { throw MicroError(.outputIndexOutOfRange, expected: Int64(outputCount), found: Int64(i)) }
    return tensor(subgraph.outputs[i])
  }

  /// Any tensor of the subgraph, with its data pointer (nil for tensors without storage).
  public func tensor(_ index: Int32) -> TensorView {
    makeView(records, Int(index), modelBase: model.bytes.baseAddress.unsafelyUnwrapped, arenaBase: arena)
  }

  /// The input position whose signature name (first signature) equals the `length` bytes at `name`.
  public func inputIndex(name: UnsafeRawPointer, length: Int) throws(MicroError) -> Int {
    try signatureIndex(name, length, inputs: true)
  }

  /// The output position whose signature name (first signature) equals the `length` bytes at `name`.
  public func outputIndex(name: UnsafeRawPointer, length: Int) throws(MicroError) -> Int {
    try signatureIndex(name, length, inputs: false)
  }

  func signatureIndex(_ name: UnsafeRawPointer, _ length: Int, inputs: Bool) throws(MicroError) -> Int {
    let sigs = model.model.signatureDefs
    if sigs.count > 0 {
      let maps = inputs ? sigs[0].inputs : sigs[0].outputs
      let list = inputs ? subgraph.inputs : subgraph.outputs
      for m in 0..<maps.count where maps[m].name?.equals(name, length: length) == true {
        for k in 0..<list.count where UInt32(bitPattern: list[k]) == maps[m].tensorIndex { return k }
      }
    }
    throw MicroError(.signatureNameNotFound)
  }

  /// Runs every operator once, in order.
  public func invoke() throws(MicroError) {
    for i in 0..<operatorCount { try invokeOperator(i) }
  }

  /// Runs operator `i` alone (for per-operator profiling); operators before it must have run.
  public func invokeOperator(_ i: Int) throws(MicroError) {
    if producesNothing(i) { return }
    let modelBase = model.bytes.baseAddress.unsafelyUnwrapped
    var ctx = EvalContext(modelBase: modelBase, arenaBase: arena, records: records, nodeRecord: nodes + i)
    let ok = withUnsafePointer(to: nodes[i].node) { n in
      withUnsafeMutablePointer(to: &ctx) { c in
        nodes[i].registration.eval(UnsafeRawPointer(n), UnsafeRawPointer(arena + nodes[i].opDataOffset),
                                   UnsafeMutableRawPointer(c))
      }
    }
    if !ok {
      var e = ctx.error ?? MicroError(.invalidOption)
      if e.op < 0 { e.op = Int32(i) }
      throw e
    }
  }

  /// Whether every output of operator `i` is empty: it has nothing to compute, and its kernel could
  /// still loop over the other dimensions of an empty tensor (a [1, 3, 2^26, 0] pool output).
  func producesNothing(_ i: Int) -> Bool {
    let n = nodes[i].node
    if n.outputCount == 0 { return false }
    for k in 0..<n.outputCount where records[Int(n.output(k))].byteSize != 0 { return false }
    return true
  }

  /// The node at position `i` (code, version, tensor indices).
  public func node(_ i: Int) -> Node { nodes[i].node }
}
