// The kernel contract. A kernel is a type with a plain `OpData` struct, a `prepare` that checks
// types and shapes and precomputes everything once, and an `eval` that trusts it. Registrations are
// capture-free C function pointers, so the resolver is a plain table and an app that registers a few
// kernels links only those.

/// One operator of the running subgraph, as a kernel sees it.
public struct Node {
  /// Position of the operator in execution order.
  public let index: Int32
  /// The operator table (options, tensor indices).
  public let op: TFLite.Operator
  /// The builtin operator code.
  public let code: TFLite.BuiltinOperator
  /// The operator version from the model.
  public let version: Int32

  /// Number of input slots (including omitted optional inputs).
  @inlinable public var inputCount: Int { op.inputs.count }
  /// Number of outputs.
  @inlinable public var outputCount: Int { op.outputs.count }
  /// Tensor index of input `k`, or -1 when omitted or absent.
  @inlinable public func input(_ k: Int) -> Int32 { k < op.inputs.count ? op.inputs[k] : -1 }
  /// Tensor index of output `k`, or -1 when absent.
  @inlinable public func output(_ k: Int) -> Int32 { k < op.outputs.count ? op.outputs[k] : -1 }
}

/// A kernel: one operator's prepare and eval.
public protocol Kernel {
  /// Per-node data computed once in prepare and stored in the arena.
  associatedtype OpData: BitwiseCopyable
  /// Checks the node's tensors and options, requests scratch, and computes `OpData`.
  static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData
  /// Runs the node. May only use `ctx`'s tensors and the scratch requested in prepare.
  static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError)
}

/// The C-callable entry that prepares a node: (node, context, OpData storage) -> success.
public typealias PrepareEntry = @convention(c) (UnsafeRawPointer, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Bool
/// The C-callable entry that evaluates a node: (node, OpData, context) -> success.
public typealias EvalEntry = @convention(c) (UnsafeRawPointer, UnsafeRawPointer, UnsafeMutableRawPointer) -> Bool

extension Kernel {
  /// Adapts `prepare` to a `PrepareEntry`; errors go to the context.
  @inlinable public static func prepareEntry(_ node: UnsafeRawPointer, _ ctx: UnsafeMutableRawPointer,
                                             _ data: UnsafeMutableRawPointer) -> Bool {
    let c = ctx.assumingMemoryBound(to: PrepareContext.self)
    let n = node.load(as: Node.self)
    do throws(MicroError) {
      let d = try prepare(n, &c.pointee)
      data.storeBytes(of: d, as: OpData.self)
      return true
    } catch {
      c.pointee.error = error
      return false
    }
  }

  /// Adapts `eval` to an `EvalEntry`; errors go to the context.
  @inlinable public static func evalEntry(_ node: UnsafeRawPointer, _ data: UnsafeRawPointer,
                                          _ ctx: UnsafeMutableRawPointer) -> Bool {
    let c = ctx.assumingMemoryBound(to: EvalContext.self)
    do throws(MicroError) {
      try eval(node.load(as: Node.self), data.load(as: OpData.self), c.pointee)
      return true
    } catch {
      c.pointee.error = error
      return false
    }
  }

  /// A registration of this kernel for `op` at versions `versions`.
  public static func registration(
    _ op: TFLite.BuiltinOperator, versions: ClosedRange<Int32>, aliasesInput: Bool = false,
    prepare: PrepareEntry, eval: EvalEntry
  ) -> Registration {
    Registration(op: op, minVersion: versions.lowerBound, maxVersion: versions.upperBound,
                 dataSize: MemoryLayout<OpData>.size, dataAlignment: MemoryLayout<OpData>.alignment,
                 aliasesInput: aliasesInput, prepare: prepare, eval: eval)
  }
}

/// What the resolver stores for one operator: its code, versions, OpData layout and entries.
public struct Registration {
  /// The builtin operator.
  public var op: TFLite.BuiltinOperator
  /// Lowest supported version.
  public var minVersion: Int32
  /// Highest supported version.
  public var maxVersion: Int32
  /// Size of the kernel's OpData.
  public var dataSize: Int
  /// Alignment of the kernel's OpData.
  public var dataAlignment: Int
  /// Whether output 0 may share input 0's storage (reshape-like operators that copy nothing).
  public var aliasesInput: Bool
  /// The prepare entry.
  public var prepare: PrepareEntry
  /// The eval entry.
  public var eval: EvalEntry
}
