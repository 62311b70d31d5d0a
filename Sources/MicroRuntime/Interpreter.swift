// The interpreter: opened on model bytes in place plus one caller-owned arena. Opening verifies the
// model, resolves every operator, prepares every kernel and plans the arena; invoke then runs the
// kernels in order. Nothing is allocated: all state lives in the arena.
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
  /// a 16-byte aligned address and hold at least `arenaUsage.total` bytes.
  public init(model bytes: UnsafeRawBufferPointer, arena: UnsafeMutableRawBufferPointer,
              resolver: borrowing OpResolver) throws(MicroError) {
    let model = try VerifiedModel(bytes: bytes)
    self.model = model
    guard let arenaBase = arena.baseAddress else { throw MicroError(.arenaTooSmall, found: 0) }
    if UInt(bitPattern: arenaBase) & 15 != 0 { throw MicroError(.arenaMisaligned) }
    self.arena = arenaBase
    let modelBase = bytes.baseAddress.unsafelyUnwrapped
    let g = model.model.subgraphs[0]
    subgraph = g
    let tensors = g.tensors
    let ops = g.operators
    tensorCount = tensors.count
    operatorCount = ops.count

    // Resolve every operator before touching the arena, so unsupported ones are named first.
    let codes = model.model.operatorCodes
    for i in 0..<ops.count {
      let c = codes[Int(ops[i].opcodeIndex)]
      let code = VerifiedModel.builtinCode(c)
      if code == .custom { throw MicroError(.customOperatorUnsupported, op: Int32(i), found: Int64(code.rawValue)) }
      if resolver.find(code, version: c.version) == nil {
        let kind: MicroErrorKind = resolver.supports(code) ? .unsupportedOperatorVersion : .unsupportedOperator
        throw MicroError(kind, op: Int32(i), expected: Int64(code.rawValue), found: Int64(c.version))
      }
    }

    // Persistent records.
    var used = 0
    func reserve(_ bytes: Int, _ alignment: Int) throws(MicroError) -> UnsafeMutableRawPointer {
      let start = (used + alignment - 1) & ~(alignment - 1)
      let (end, overflow) = start.addingReportingOverflow(bytes)
      if overflow || end > arena.count { throw MicroError(.arenaTooSmall, expected: Int64(end), found: Int64(arena.count)) }
      used = end
      return arenaBase + start
    }
    let records = try reserve(MemoryLayout<TensorRecord>.stride * tensors.count, MemoryLayout<TensorRecord>.alignment)
      .bindMemory(to: TensorRecord.self, capacity: tensors.count)
    let nodes = try reserve(MemoryLayout<NodeRecord>.stride * ops.count, MemoryLayout<NodeRecord>.alignment)
      .bindMemory(to: NodeRecord.self, capacity: ops.count)
    self.records = records
    self.nodes = nodes

    let buffers = model.model.buffers
    for i in 0..<tensors.count {
      let t = tensors[i]
      let dims = Dims(t.shape)
      let data = buffers[Int(t.buffer)].data
      var scale: Float = 0
      var zeroPoint: Int32 = 0
      var qpos = 0
      if let q = t.quantization {
        qpos = q.table.position
        if q.scale.count > 0 { scale = q.scale[0] }
        if q.zeroPoint.count > 0 { zeroPoint = Int32(truncatingIfNeeded: q.zeroPoint[0]) }
      }
      let byteSize = dims.elementCount * t.type.byteSize
      let constant = data.count > 0
      (records + i).initialize(to: TensorRecord(
        dims: dims, byteSize: byteSize, dataOffset: constant ? data.start : 0,
        location: constant ? .model : (byteSize > 0 ? .arena : .none), type: t.type,
        scale: scale, zeroPoint: zeroPoint, quantizationPosition: qpos,
        firstUse: -1, lastUse: -1, aliasOf: -1, planNext: -1,
        flags: t.isVariable ? TensorRecord.isVariableFlag : 0))
    }
    try Self.computeLifetimes(g, records, tensors.count)

    // Per-node records and OpData, then prepare in execution order.
    for i in 0..<ops.count {
      let op = ops[i]
      let c = codes[Int(op.opcodeIndex)]
      let code = VerifiedModel.builtinCode(c)
      let reg = resolver.find(code, version: c.version).unsafelyUnwrapped
      let data = try reserve(max(reg.dataSize, 1), max(reg.dataAlignment, 1))
      (nodes + i).initialize(to: NodeRecord(
        node: Node(index: Int32(i), op: op, code: code, version: c.version), registration: reg,
        opDataOffset: data - arenaBase, scratchSize: .init(repeating: 0), scratchOffset: .init(repeating: 0),
        scratchNext: .init(repeating: -1), scratchCount: 0))
    }
    for i in 0..<ops.count {
      var ctx = PrepareContext(modelBase: modelBase, arenaBase: arenaBase, arenaSize: arena.count,
                               records: records, tensorCount: tensors.count, nodeRecord: nodes + i,
                               persistentUsed: used)
      let ok = withUnsafePointer(to: nodes[i].node) { n in
        withUnsafeMutablePointer(to: &ctx) { c in
          nodes[i].registration.prepare(UnsafeRawPointer(n), UnsafeMutableRawPointer(c), arenaBase + nodes[i].opDataOffset)
        }
      }
      if !ok {
        var e = ctx.error ?? MicroError(.invalidOption)
        if e.op < 0 { e.op = Int32(i) }
        throw e
      }
      used = ctx.persistentUsed
    }
    Self.aliasReshapes(g, records, nodes, ops.count)

    // Plan: activations alone (for the report), then with scratch (the real placement).
    let persistent = (used + 15) & ~15
    let activations = planGreedy(PlanItems(records: records, tensorCount: tensors.count, nodes: nodes,
                                           nodeCount: ops.count, includeScratch: false))
    let planned = planGreedy(PlanItems(records: records, tensorCount: tensors.count, nodes: nodes,
                                       nodeCount: ops.count, includeScratch: true))
    let usage = ArenaUsage(persistent: persistent, activations: activations, scratch: planned - activations)
    arenaUsage = usage
    if usage.total > arena.count {
      throw MicroError(.arenaTooSmall, expected: Int64(usage.total), found: Int64(arena.count))
    }
    // Turn planned offsets into arena offsets; aliases share their root's storage.
    for i in 0..<tensors.count where records[i].location == .arena && records[i].aliasOf < 0 {
      records[i].dataOffset += persistent
    }
    for i in 0..<tensors.count where records[i].location == .arena && records[i].aliasOf >= 0 {
      records[i].dataOffset = records[Int(records[i].aliasOf)].dataOffset
    }
    for i in 0..<ops.count {
      for s in 0..<nodes[i].scratchCount { nodes[i].scratchOffset[s] += persistent }
    }
    // Variables start at zero.
    for i in 0..<tensors.count where records[i].flags & TensorRecord.isVariableFlag != 0 && records[i].location == .arena {
      (arenaBase + records[i].dataOffset).initializeMemory(as: UInt8.self, repeating: 0, count: records[i].byteSize)
    }
  }

  /// Sets each tensor's first and last use and checks the graph's data flow.
  static func computeLifetimes(_ g: TFLite.SubGraph, _ records: UnsafeMutablePointer<TensorRecord>,
                               _ count: Int) throws(MicroError) {
    let ops = g.operators
    let end = Int32(ops.count)
    let inputs = g.inputs
    for k in 0..<inputs.count {
      let t = Int(inputs[k])
      if records[t].location == .model { throw MicroError(.inputIsConstant, tensor: Int32(t)) }
      // Inputs stay intact for the whole invocation, so a caller may invoke again without refilling.
      records[t].flags |= TensorRecord.isInputFlag
      records[t].firstUse = 0
      records[t].lastUse = end
    }
    for t in 0..<count where records[t].flags & TensorRecord.isVariableFlag != 0 {
      records[t].firstUse = 0
      records[t].lastUse = end
    }
    for i in 0..<ops.count {
      let op = ops[i]
      let ins = op.inputs
      for k in 0..<ins.count where ins[k] >= 0 {
        let t = Int(ins[k])
        if records[t].location == .model { continue }
        if records[t].firstUse < 0 {
          var e = MicroError(.tensorReadBeforeWritten, op: Int32(i), tensor: Int32(t))
          e.field = Int32(k)
          throw e
        }
        records[t].lastUse = max(records[t].lastUse, Int32(i))
      }
      let outs = op.outputs
      for k in 0..<outs.count {
        let t = Int(outs[k])
        if records[t].location == .model { throw MicroError(.outputIsConstant, op: Int32(i), tensor: Int32(t)) }
        if records[t].firstUse >= 0 && records[t].flags & TensorRecord.isVariableFlag == 0 {
          throw MicroError(.tensorWrittenTwice, op: Int32(i), tensor: Int32(t))
        }
        if records[t].firstUse < 0 { records[t].firstUse = Int32(i) }
        records[t].lastUse = max(records[t].lastUse, Int32(i))
      }
    }
    let outputs = g.outputs
    for k in 0..<outputs.count {
      let t = Int(outputs[k])
      records[t].flags |= TensorRecord.isOutputFlag
      if records[t].location == .model { continue }
      if records[t].firstUse < 0 { throw MicroError(.tensorReadBeforeWritten, tensor: Int32(t)) }
      records[t].lastUse = end
    }
  }

  /// Lets the output of a reshape-like operator share its input's storage when that is safe: the
  /// input is an activation (not a constant, not a subgraph input) and the output is no subgraph output.
  static func aliasReshapes(_ g: TFLite.SubGraph, _ records: UnsafeMutablePointer<TensorRecord>,
                            _ nodes: UnsafeMutablePointer<NodeRecord>, _ count: Int) {
    let keep = TensorRecord.isInputFlag | TensorRecord.isOutputFlag | TensorRecord.isVariableFlag
    for i in 0..<count where nodes[i].registration.aliasesInput {
      let n = nodes[i].node
      let a = Int(n.input(0))
      let b = Int(n.output(0))
      if a < 0 || b < 0 { continue }
      if records[a].location != .arena || records[b].location != .arena { continue }
      if records[a].flags & keep != 0 || records[b].flags & keep != 0 { continue }
      if records[a].byteSize != records[b].byteSize { continue }
      var root = a
      while records[root].aliasOf >= 0 { root = Int(records[root].aliasOf) }
      records[b].aliasOf = Int32(root)
      records[root].lastUse = max(records[root].lastUse, records[b].lastUse)
    }
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
