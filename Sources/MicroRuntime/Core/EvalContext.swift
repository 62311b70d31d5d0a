/// What eval may see: tensors with their data and this node's scratch. It offers no way to
/// allocate anything.
public struct EvalContext {
  @usableFromInline let modelBase: UnsafeRawPointer
  @usableFromInline let arenaBase: UnsafeMutableRawPointer
  @usableFromInline let records: UnsafeMutablePointer<TensorRecord>
  @usableFromInline let nodeRecord: UnsafePointer<NodeRecord>
  /// The error a failed eval reports.
  public var error: MicroError? = nil

  init(modelBase: UnsafeRawPointer, arenaBase: UnsafeMutableRawPointer,
       records: UnsafeMutablePointer<TensorRecord>, nodeRecord: UnsafePointer<NodeRecord>) {
    self.modelBase = modelBase
    self.arenaBase = arenaBase
    self.records = records
    self.nodeRecord = nodeRecord
  }

  /// The tensor with subgraph index `index`, with its data.
  @inlinable public func tensor(_ index: Int32) -> TensorView {
    makeView(records, Int(index), modelBase: modelBase, arenaBase: arenaBase)
  }

  /// Input `k` of `node` (prepare checked it exists).
  @inlinable public func input(_ node: Node, _ k: Int) -> TensorView { tensor(node.input(k)) }

  /// Input `k` of `node`, or nil when omitted.
  @inlinable public func optionalInput(_ node: Node, _ k: Int) -> TensorView? {
    let t = node.input(k)
    return t < 0 ? nil : tensor(t)
  }

  /// Output `k` of `node`.
  @inlinable public func output(_ node: Node, _ k: Int) -> TensorView { tensor(node.output(k)) }

  /// The scratch memory behind `handle`.
  @inlinable public func scratch(_ handle: ScratchHandle) -> UnsafeMutableRawPointer {
    arenaBase + nodeRecord.pointee.scratchOffset[handle.slot]
  }
}
