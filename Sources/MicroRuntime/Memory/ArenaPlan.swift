// Opening a model in an arena, in the order the steps run (Interpreter.init and
// Interpreter.requiredArena are these steps and nothing else):
//
//   1. records    tensor records and node records at the start of the arena; every operator resolved
//                 once (its registration kept in its node record) and its OpData reserved.
//   2. tensors    each tensor's facts from the model, then lifetimes and the graph's data-flow checks
//                 (Graph/Lifetimes.swift).
//   3. prepare    every kernel in execution order: checks, OpData, persistent reservations and
//                 scratch requests. This is the plan: it writes persistent data (packed weights,
//                 tables) only while the reservations fit the arena (PrepareContext.materializes).
//   4. place      reshape aliases, then the greedy planner over activations and scratch: the exact
//                 total. An arena that is too small fails here with that total as `expected`.
//   5. offsets    planned offsets become arena offsets; variables start at zero.
//
// The arena: [ records | OpData and kernel persistent data | planned activations and scratch ].
// Steps 1–4 need only the records part (`planningBytes`); measuring needs nothing more.

/// Bump reservations from the start of the arena (the records part, then persistent data).
struct Reservations {
  /// Bytes used so far.
  var used = 0

  /// Reserves `bytes` at `alignment` (a power of two); returns the offset. Throws on overflow only.
  mutating func reserve(_ bytes: Int, _ alignment: Int) throws(MicroError) -> Int {
    let start = (used + alignment - 1) & ~(alignment - 1)
    let (end, overflow) = start.addingReportingOverflow(bytes)
    if overflow || bytes < 0 { throw MicroError(.tensorTooLarge, found: Int64(truncatingIfNeeded: bytes)) }
    used = end
    return start
  }

  /// The records part for `tensors` tensors and `ops` operators: tensor records, then node records.
  mutating func reserveRecords(tensors: Int, ops: Int) throws(MicroError) -> (records: Int, nodes: Int) {
    let r = try reserve(MemoryLayout<TensorRecord>.stride * tensors, MemoryLayout<TensorRecord>.alignment)
    let n = try reserve(MemoryLayout<NodeRecord>.stride * ops, MemoryLayout<NodeRecord>.alignment)
    return (r, n)
  }

  /// OpData of one node.
  mutating func reserveOpData(_ r: Registration) throws(MicroError) -> Int {
    try reserve(max(r.dataSize, 1), max(r.dataAlignment, 1))
  }
}

/// The registration the resolver has for operator `i` of `model`'s first subgraph; throws when
/// the operator is custom or the resolver lacks it (or its version).
func resolve(_ model: VerifiedModel, _ i: Int, _ resolver: borrowing OpResolver) throws(MicroError)
  -> (Node, Registration) {
  let op = model.model.subgraphs[0].operators[i]
  let c = model.model.operatorCodes[Int(op.opcodeIndex)]
  let code = VerifiedModel.builtinCode(c)
  if code == .custom { throw MicroError(.customOperatorUnsupported, op: Int32(i), found: Int64(code.rawValue)) }
  guard let r = resolver.find(code, version: c.version) else {
    let kind: MicroErrorKind = resolver.supports(code) ? .unsupportedOperatorVersion : .unsupportedOperator
    throw MicroError(kind, op: Int32(i), expected: Int64(code.rawValue), found: Int64(c.version))
  }
  return (Node(index: Int32(i), op: op, code: code, version: c.version), r)
}

/// Steps 1–5 over one arena (see the top of this file).
struct ArenaPlan {
  let model: VerifiedModel
  let arenaBase: UnsafeMutableRawPointer
  let arenaSize: Int
  let records: UnsafeMutablePointer<TensorRecord>
  let nodes: UnsafeMutablePointer<NodeRecord>
  let tensorCount: Int
  let nodeCount: Int
  var reservations: Reservations

  /// The bytes steps 1–4 need: the records part with every OpData. Resolves every operator (so an
  /// unsupported one is named first) and touches no memory.
  static func planningBytes(_ model: VerifiedModel, _ resolver: borrowing OpResolver) throws(MicroError) -> Int {
    let g = model.model.subgraphs[0]
    var r = Reservations()
    _ = try r.reserveRecords(tensors: g.tensors.count, ops: g.operators.count)
    for i in 0..<g.operators.count { _ = try r.reserveOpData(resolve(model, i, resolver).1) }
    return r.used
  }

  /// Step 1: the records part in `arena`. Throws `arenaTooSmall` with `planningBytes` as `expected`
  /// when the arena cannot hold it.
  init(_ model: VerifiedModel, arena: UnsafeMutableRawBufferPointer, resolver: borrowing OpResolver) throws(MicroError) {
    guard let base = arena.baseAddress else { throw MicroError(.arenaTooSmall, found: 0) }
    if UInt(bitPattern: base) & 15 != 0 { throw MicroError(.arenaMisaligned) }
    let g = model.model.subgraphs[0]
    self.model = model
    arenaBase = base
    arenaSize = arena.count
    tensorCount = g.tensors.count
    nodeCount = g.operators.count
    reservations = Reservations()
    let (r, n) = try reservations.reserveRecords(tensors: tensorCount, ops: nodeCount)
    if reservations.used > arenaSize {
      throw MicroError(.arenaTooSmall, expected: Int64(try Self.planningBytes(model, resolver)), found: Int64(arenaSize))
    }
    records = (base + r).bindMemory(to: TensorRecord.self, capacity: tensorCount)
    nodes = (base + n).bindMemory(to: NodeRecord.self, capacity: nodeCount)
    for i in 0..<nodeCount {
      let (node, registration) = try resolve(model, i, resolver)
      let data = try reservations.reserveOpData(registration)
      (nodes + i).initialize(to: NodeRecord(
        node: node, registration: registration, opDataOffset: data, scratchSize: .init(repeating: 0),
        scratchOffset: .init(repeating: 0), scratchNext: .init(repeating: -1), scratchCount: 0))
    }
    if reservations.used > arenaSize {
      throw MicroError(.arenaTooSmall, expected: Int64(reservations.used), found: Int64(arenaSize))
    }
  }

  /// Step 2: tensor records from the model, then lifetimes.
  func recordTensors() throws(MicroError) {
    let g = model.model.subgraphs[0]
    let tensors = g.tensors
    let buffers = model.model.buffers
    for i in 0..<tensorCount {
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
    try computeLifetimes(g, records, tensorCount)
  }

  /// Step 3: prepares every node in order. With `materialize` false nothing persistent is written
  /// (measuring); with true, writing stops at the first reservation past the arena's end.
  mutating func prepareNodes(materialize: Bool) throws(MicroError) {
    let modelBase = model.bytes.baseAddress.unsafelyUnwrapped
    var materializes = materialize
    for i in 0..<nodeCount {
      var ctx = PrepareContext(modelBase: modelBase, arenaBase: arenaBase, arenaSize: arenaSize, records: records,
                               tensorCount: tensorCount, nodeRecord: nodes + i, persistentUsed: reservations.used,
                               materializes: materializes)
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
      reservations.used = ctx.persistentUsed
      materializes = ctx.materializes
    }
  }

  /// Step 4: aliases and placement; the arena use, split.
  func place() -> ArenaUsage {
    aliasReshapes(records, nodes, nodeCount)
    let persistent = (reservations.used + 15) & ~15
    // Activations alone (for the report), then with scratch (the real placement).
    let activations = planGreedy(PlanItems(records: records, tensorCount: tensorCount, nodes: nodes,
                                           nodeCount: nodeCount, includeScratch: false))
    let planned = planGreedy(PlanItems(records: records, tensorCount: tensorCount, nodes: nodes,
                                       nodeCount: nodeCount, includeScratch: true))
    return ArenaUsage(persistent: persistent, activations: activations, scratch: planned - activations)
  }

  /// Step 5: planned offsets become arena offsets (aliases share their root's storage); variables
  /// start at zero.
  func assignOffsets(_ usage: ArenaUsage) {
    let persistent = usage.persistent
    for i in 0..<tensorCount where records[i].location == .arena && records[i].aliasOf < 0 {
      records[i].dataOffset += persistent
    }
    for i in 0..<tensorCount where records[i].location == .arena && records[i].aliasOf >= 0 {
      records[i].dataOffset = records[Int(records[i].aliasOf)].dataOffset
    }
    for i in 0..<nodeCount {
      for s in 0..<nodes[i].scratchCount { nodes[i].scratchOffset[s] += persistent }
    }
    for i in 0..<tensorCount where records[i].flags & TensorRecord.isVariableFlag != 0 && records[i].location == .arena {
      (arenaBase + records[i].dataOffset).initializeMemory(as: UInt8.self, repeating: 0, count: records[i].byteSize)
    }
  }
}
