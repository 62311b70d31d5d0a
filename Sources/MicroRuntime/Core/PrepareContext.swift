/// A handle to scratch memory a kernel requested in prepare; valid only during that node's eval.
public struct ScratchHandle {
  /// Slot of the request within its node.
  public let slot: Int
}

/// The per-node record the interpreter keeps in the arena.
public struct NodeRecord {
  /// The operator.
  public var node: Node
  /// Its kernel.
  public var registration: Registration
  /// Arena offset of the kernel's OpData.
  public var opDataOffset: Int
  /// Scratch requests: bytes per slot.
  public var scratchSize: InlineArray<4, Int>
  /// Scratch requests: planned arena offsets per slot.
  public var scratchOffset: InlineArray<4, Int>
  /// Planner bookkeeping: next placed buffer after each slot.
  public var scratchNext: InlineArray<4, Int32>
  /// Number of scratch slots used.
  public var scratchCount: Int
  /// Most scratch buffers one node may request.
  public static var maxScratch: Int { 4 }
}

/// What prepare may see and do: read tensor facts, reserve persistent bytes, request scratch.
///
/// Prepare is the plan: it checks, computes the node's OpData and sizes every persistent and scratch
/// buffer. It writes persistent memory (packed weights, tables) only while `materializes` is true:
/// when the interpreter only measures the arena (`Interpreter.requiredArena`), or once a reservation
/// lies past the end of a too-small arena, prepare goes on reserving (so the exact total is still
/// found in the same pass) and writes nothing.
public struct PrepareContext {
  @usableFromInline let modelBase: UnsafeRawPointer
  @usableFromInline let arenaBase: UnsafeMutableRawPointer
  @usableFromInline let arenaSize: Int
  @usableFromInline let records: UnsafeMutablePointer<TensorRecord>
  @usableFromInline let tensorCount: Int
  @usableFromInline var nodeRecord: UnsafeMutablePointer<NodeRecord>
  /// Bytes of the arena's persistent part used so far.
  public internal(set) var persistentUsed: Int
  /// Whether persistent reservations are real memory that prepare fills now. False while only
  /// measuring, and from the first reservation that does not fit the arena on: then the addresses
  /// `allocatePersistent` returns must not be read or written.
  public internal(set) var materializes: Bool
  /// The error a failed prepare reports.
  public var error: MicroError? = nil

  init(modelBase: UnsafeRawPointer, arenaBase: UnsafeMutableRawPointer, arenaSize: Int,
       records: UnsafeMutablePointer<TensorRecord>, tensorCount: Int,
       nodeRecord: UnsafeMutablePointer<NodeRecord>, persistentUsed: Int, materializes: Bool) {
    self.materializes = materializes
    self.modelBase = modelBase
    self.arenaBase = arenaBase
    self.arenaSize = arenaSize
    self.records = records
    self.tensorCount = tensorCount
    self.nodeRecord = nodeRecord
    self.persistentUsed = persistentUsed
  }

  /// The tensor with subgraph index `index` (its data only when constant).
  public func tensor(_ index: Int32) -> TensorView {
    makeView(records, Int(index), modelBase: modelBase, arenaBase: nil)
  }

  /// Makes `tensor` (an output of this node) a constant: its `byteSize` bytes are already at `data`,
  /// persistent memory from `allocatePersistent`. Later nodes see it as constant data in prepare
  /// and eval; the planner gives it no activation memory; the node need not compute it again.
  public mutating func fold(_ tensor: TensorView, into data: UnsafeMutableRawPointer) {
    records[Int(tensor.index)].location = .model
    records[Int(tensor.index)].dataOffset = UnsafeRawPointer(data) - modelBase
  }

  /// Input `k` of `node`; throws when it is missing.
  public func input(_ node: Node, _ k: Int) throws(MicroError) -> TensorView {
    let t = node.input(k)
    if t < 0 {
      var e = MicroError(.missingInput, op: node.index, expected: Int64(k + 1), found: Int64(node.inputCount))
      e.field = Int32(k)
      throw e
    }
    return tensor(t)
  }

  /// Input `k` of `node`, or nil when omitted (-1) or absent.
  public func optionalInput(_ node: Node, _ k: Int) -> TensorView? {
    let t = node.input(k)
    return t < 0 ? nil : tensor(t)
  }

  /// Output `k` of `node`; throws when it is missing.
  public func output(_ node: Node, _ k: Int) throws(MicroError) -> TensorView {
    let t = node.output(k)
    if t < 0 {
      var e = MicroError(.missingOutput, op: node.index, expected: Int64(k + 1), found: Int64(node.outputCount))
      e.field = Int32(k)
      throw e
    }
    return tensor(t)
  }

  /// Reserves `bytes` of persistent arena memory, aligned to `alignment` (a power of two), and
  /// returns its address. Write it only when `materializes` is true; a reservation that does not fit
  /// the arena returns the arena's start, an address that must not be used (the open will fail).
  public mutating func allocatePersistent(bytes: Int, alignment: Int = 16) throws(MicroError) -> UnsafeMutableRawPointer {
    let start = (persistentUsed + alignment - 1) & ~(alignment - 1)
    let (end, overflow) = start.addingReportingOverflow(bytes)
    if overflow || bytes < 0 {
      throw MicroError(.tensorTooLarge, op: nodeRecord.pointee.node.index, found: Int64(truncatingIfNeeded: bytes))
    }
    persistentUsed = end
    if end > arenaSize {
      materializes = false
      return arenaBase
    }
    return arenaBase + start
  }

  /// Requests `bytes` of scratch memory for this node's eval; returns its handle.
  public mutating func requestScratch(bytes: Int) throws(MicroError) -> ScratchHandle {
    let slot = nodeRecord.pointee.scratchCount
    if slot == NodeRecord.maxScratch {
      throw MicroError(.tooManyScratchBuffers, op: nodeRecord.pointee.node.index,
                       expected: Int64(NodeRecord.maxScratch), found: Int64(slot + 1))
    }
    if bytes < 0 || bytes > 0x7FFF_FFFF { throw MicroError(.tensorTooLarge, op: nodeRecord.pointee.node.index) }
    nodeRecord.pointee.scratchSize[slot] = bytes
    nodeRecord.pointee.scratchCount = slot + 1
    return ScratchHandle(slot: slot)
  }
}

@usableFromInline
func makeView(_ records: UnsafeMutablePointer<TensorRecord>, _ i: Int, modelBase: UnsafeRawPointer,
              arenaBase: UnsafeMutableRawPointer?) -> TensorView {
  let r = records[i]
  var data: UnsafeMutableRawPointer? = nil
  switch r.location {
  case .model: data = UnsafeMutableRawPointer(mutating: modelBase + r.dataOffset)
  case .arena: data = arenaBase.map { $0 + r.dataOffset }
  // Zero bytes: in eval, a valid address that is never read, so kernels may unwrap it on empty tensors.
  case .none: data = arenaBase
  }
  let q: TFLite.QuantizationParameters? =
    r.quantizationPosition == 0 ? nil : TFLite.QuantizationParameters(FlatTable(base: modelBase, position: r.quantizationPosition))
  return TensorView(index: Int32(i), type: r.type, dims: r.dims, byteSize: r.byteSize, data: data,
                    isConstant: r.location == .model, scale: r.scale, zeroPoint: r.zeroPoint, quantization: q)
}
