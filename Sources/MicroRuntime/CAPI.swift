// The C API of include/mote.h. The caller's `mote_interpreter` storage holds a `CInterpreter`:
// the interpreter (when open) and the last error. No allocation anywhere.
//
// Every entry point takes NULL and storage that mote_open never ran on without touching memory it
// does not own: `state` finds neither, and the call fails (-1) or answers "nothing" (0, -1, NULL).

/// What a `mote_interpreter` holds, after the 16-byte header that marks it opened.
struct CInterpreter {
  var interpreter: Interpreter?
  var error: MicroError?
}

/// Bytes of storage the C header reserves; the header and `CInterpreter` must fit.
let cInterpreterStorage = 640
/// The storage starts with this 8-byte mark ("moteopen") once mote_open has run on it, whether the
/// open succeeded or not; `CInterpreter` follows at `cInterpreterOffset`.
let cInterpreterMagic: UInt64 = 0x6D6F_7465_6F70_656E
let cInterpreterOffset = 16

/// The state in `p`, or nil when `p` is NULL or mote_open never ran on it (only the mark, a plain
/// integer inside the caller's storage, is read before that is known).
@inline(__always)
func state(_ p: UnsafeRawPointer?) -> UnsafePointer<CInterpreter>? {
  guard let p, p.load(as: UInt64.self) == cInterpreterMagic else { return nil }
  return (p + cInterpreterOffset).assumingMemoryBound(to: CInterpreter.self)
}

@inline(__always)
func mutableState(_ p: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<CInterpreter>? {
  state(p).map { UnsafeMutablePointer(mutating: $0) }
}

/// The open interpreter in `p`, if any.
@inline(__always)
func openInterpreter(_ p: UnsafeRawPointer?) -> Interpreter? { state(p)?.pointee.interpreter }

@_cdecl("mote_interpreter_storage_size")
public func mote_interpreter_storage_size() -> Int { cInterpreterOffset + MemoryLayout<CInterpreter>.size }

@_cdecl("mote_required_arena")
public func mote_required_arena(_ model: UnsafeRawPointer?, _ modelSize: Int, _ work: UnsafeMutableRawPointer?,
                                _ workSize: Int, _ out: UnsafeMutablePointer<Int>?) -> Int32 {
  requiredArena(model, modelSize, work, workSize, out, kernels: .all)
}

@_cdecl("mote_required_arena_with_resolver")
public func mote_required_arena_with_resolver(_ resolver: UnsafeRawPointer?, _ model: UnsafeRawPointer?, _ modelSize: Int,
                                              _ work: UnsafeMutableRawPointer?, _ workSize: Int,
                                              _ out: UnsafeMutablePointer<Int>?) -> Int32 {
  requiredArena(model, modelSize, work, workSize, out, kernels: .resolver(resolver))
}

/// The exact arena into `out` (0), or -1 with `out` = the work bytes needed when `work` is smaller
/// than that (or misaligned), or -1 with `out` = 0 when the model cannot be opened.
func requiredArena(_ model: UnsafeRawPointer?, _ modelSize: Int, _ work: UnsafeMutableRawPointer?, _ workSize: Int,
                   _ out: UnsafeMutablePointer<Int>?, kernels: CKernels) -> Int32 {
  guard let model, let out, modelSize >= 0, workSize >= 0 else { return -1 }
  out.pointee = 0
  let bytes = UnsafeRawBufferPointer(start: model, count: modelSize)
  func measure(_ resolver: borrowing OpResolver) throws(MicroError) -> Int32 {
    let planning = try Interpreter.planningBytes(model: bytes, resolver: resolver)
    guard let work, workSize >= planning, UInt(bitPattern: work) & 15 == 0 else {
      out.pointee = planning
      return -1
    }
    out.pointee = try Interpreter.requiredArena(
      model: bytes, work: UnsafeMutableRawBufferPointer(start: work, count: workSize), resolver: resolver).total
    return 0
  }
  do throws(MicroError) {
    switch kernels {
    case .all: return try measure(.allOps)
    case .resolver(let raw):
      guard let r = resolverState(raw) else { return -1 }
      return try measure(r.pointee)
    }
  } catch {
    return -1
  }
}

@_cdecl("mote_open")
public func mote_open(_ it: UnsafeMutableRawPointer?, _ model: UnsafeRawPointer?, _ modelSize: Int,
                      _ arena: UnsafeMutableRawPointer?, _ arenaSize: Int) -> Int32 {
  open(it, model, modelSize, arena, arenaSize)
}

@_cdecl("mote_open_with_resolver")
public func mote_open_with_resolver(_ it: UnsafeMutableRawPointer?, _ resolver: UnsafeRawPointer?, _ model: UnsafeRawPointer?,
                                    _ modelSize: Int, _ arena: UnsafeMutableRawPointer?, _ arenaSize: Int) -> Int32 {
  open(it, model, modelSize, arena, arenaSize, kernels: .resolver(resolver))
}

/// The kernels a C open uses.
enum CKernels {
  /// Every kernel (mote_open).
  case all
  /// The `mote_op_resolver` at this address (mote_open_with_resolver; may be NULL or uninitialized).
  case resolver(UnsafeRawPointer?)
}

/// mote_open with `kernels`.
func open(_ it: UnsafeMutableRawPointer?, _ model: UnsafeRawPointer?, _ modelSize: Int,
          _ arena: UnsafeMutableRawPointer?, _ arenaSize: Int, kernels: CKernels = .all) -> Int32 {
  guard let it, cInterpreterOffset + MemoryLayout<CInterpreter>.size <= cInterpreterStorage else { return -1 }
  it.storeBytes(of: cInterpreterMagic, as: UInt64.self)
  let s = (it + cInterpreterOffset).bindMemory(to: CInterpreter.self, capacity: 1)
  s.initialize(to: CInterpreter(interpreter: nil, error: nil))
  guard let model, let arena, modelSize >= 0, arenaSize >= 0 else {
    s.pointee.error = MicroError(.nullArgument)
    return -1
  }
  var resolver: UnsafeMutablePointer<OpResolver>? = nil
  if case .resolver(let raw) = kernels {
    guard let r = resolverState(raw) else {
      s.pointee.error = MicroError(raw == nil ? .nullArgument : .resolverNotInitialized)
      return -1
    }
    resolver = r
  }
  do throws(MicroError) {
    let bytes = UnsafeRawBufferPointer(start: model, count: modelSize)
    let memory = UnsafeMutableRawBufferPointer(start: arena, count: arenaSize)
    if let resolver {
      s.pointee.interpreter = try Interpreter(model: bytes, arena: memory, resolver: resolver.pointee)
    } else {
      s.pointee.interpreter = try Interpreter(model: bytes, arena: memory, resolver: .allOps)
    }
    return 0
  } catch {
    s.pointee.error = error
    return -1
  }
}

@_cdecl("mote_arena_used")
public func mote_arena_used(_ it: UnsafeRawPointer?) -> Int { openInterpreter(it)?.arenaUsage.total ?? 0 }

@_cdecl("mote_input_count")
public func mote_input_count(_ it: UnsafeRawPointer?) -> Int32 { Int32(openInterpreter(it)?.inputCount ?? 0) }

@_cdecl("mote_output_count")
public func mote_output_count(_ it: UnsafeRawPointer?) -> Int32 { Int32(openInterpreter(it)?.outputCount ?? 0) }

func view(_ it: UnsafeRawPointer?, _ i: Int32, input: Bool) -> TensorView? {
  guard let interp = openInterpreter(it) else { return nil }
  do throws(MicroError) {
    return input ? try interp.input(Int(i)) : try interp.output(Int(i))
  } catch {
    return nil
  }
}

@_cdecl("mote_input_data")
public func mote_input_data(_ it: UnsafeMutableRawPointer?, _ i: Int32) -> UnsafeMutableRawPointer? { view(it, i, input: true)?.data }
@_cdecl("mote_input_bytes")
public func mote_input_bytes(_ it: UnsafeRawPointer?, _ i: Int32) -> Int { view(it, i, input: true)?.byteSize ?? 0 }
@_cdecl("mote_input_type")
public func mote_input_type(_ it: UnsafeRawPointer?, _ i: Int32) -> Int32 { Int32(view(it, i, input: true)?.type.rawValue ?? -1) }
@_cdecl("mote_input_rank")
public func mote_input_rank(_ it: UnsafeRawPointer?, _ i: Int32) -> Int32 { Int32(view(it, i, input: true)?.dims.rank ?? 0) }
@_cdecl("mote_input_dim")
public func mote_input_dim(_ it: UnsafeRawPointer?, _ i: Int32, _ d: Int32) -> Int32 {
  guard let v = view(it, i, input: true), d >= 0, Int(d) < v.dims.rank else { return -1 }
  return Int32(v.dims[Int(d)])
}
@_cdecl("mote_input_scale")
public func mote_input_scale(_ it: UnsafeRawPointer?, _ i: Int32) -> Float { view(it, i, input: true)?.scale ?? 0 }
@_cdecl("mote_input_zero_point")
public func mote_input_zero_point(_ it: UnsafeRawPointer?, _ i: Int32) -> Int32 { view(it, i, input: true)?.zeroPoint ?? 0 }

@_cdecl("mote_output_data")
public func mote_output_data(_ it: UnsafeRawPointer?, _ i: Int32) -> UnsafeRawPointer? { view(it, i, input: false)?.data.map { UnsafeRawPointer($0) } }
@_cdecl("mote_output_bytes")
public func mote_output_bytes(_ it: UnsafeRawPointer?, _ i: Int32) -> Int { view(it, i, input: false)?.byteSize ?? 0 }
@_cdecl("mote_output_type")
public func mote_output_type(_ it: UnsafeRawPointer?, _ i: Int32) -> Int32 { Int32(view(it, i, input: false)?.type.rawValue ?? -1) }
@_cdecl("mote_output_rank")
public func mote_output_rank(_ it: UnsafeRawPointer?, _ i: Int32) -> Int32 { Int32(view(it, i, input: false)?.dims.rank ?? 0) }
@_cdecl("mote_output_dim")
public func mote_output_dim(_ it: UnsafeRawPointer?, _ i: Int32, _ d: Int32) -> Int32 {
  guard let v = view(it, i, input: false), d >= 0, Int(d) < v.dims.rank else { return -1 }
  return Int32(v.dims[Int(d)])
}

@_cdecl("mote_invoke")
public func mote_invoke(_ it: UnsafeMutableRawPointer?) -> Int32 {
  guard let s = mutableState(it), let interp = s.pointee.interpreter else { return -1 }
  do throws(MicroError) {
    try interp.invoke()
    return 0
  } catch {
    s.pointee.error = error
    return -1
  }
}

@_cdecl("mote_invoke_operator")
public func mote_invoke_operator(_ it: UnsafeMutableRawPointer?, _ op: Int32) -> Int32 {
  guard let s = mutableState(it), let interp = s.pointee.interpreter, op >= 0, Int(op) < interp.operatorCount else { return -1 }
  do throws(MicroError) {
    try interp.invokeOperator(Int(op))
    return 0
  } catch {
    s.pointee.error = error
    return -1
  }
}

@_cdecl("mote_operator_count")
public func mote_operator_count(_ it: UnsafeRawPointer?) -> Int32 { Int32(openInterpreter(it)?.operatorCount ?? 0) }

@_cdecl("mote_operator_code")
public func mote_operator_code(_ it: UnsafeRawPointer?, _ op: Int32) -> Int32 {
  guard let interp = openInterpreter(it), op >= 0, Int(op) < interp.operatorCount else { return -1 }
  return interp.node(Int(op)).code.rawValue
}

@_cdecl("mote_operator_name")
public func mote_operator_name(_ code: Int32) -> UnsafeRawPointer {
  let name: StaticString = TFLite.BuiltinOperator(rawValue: code).name ?? "UNKNOWN"
  return UnsafeRawPointer(name.utf8Start)
}

@_cdecl("mote_error_text")
public func mote_error_text(_ it: UnsafeRawPointer?) -> UnsafeRawPointer {
  guard let s = state(it) else {
    let message: StaticString = it == nil ? "the interpreter pointer is NULL" : "the interpreter was not opened (call mote_open)"
    return UnsafeRawPointer(message.utf8Start)
  }
  let message: StaticString = s.pointee.error?.kind.message ?? ""
  return UnsafeRawPointer(message.utf8Start)
}

@_cdecl("mote_error_kind")
public func mote_error_kind(_ it: UnsafeRawPointer?) -> Int32 {
  guard let s = state(it) else { return (it == nil ? MicroErrorKind.nullArgument : .interpreterNotOpened).cCode }
  return s.pointee.error.map { Int32($0.kind.cCode) } ?? 0
}

@_cdecl("mote_error_operator")
public func mote_error_operator(_ it: UnsafeRawPointer?) -> Int32 { state(it)?.pointee.error?.op ?? -1 }
@_cdecl("mote_error_tensor")
public func mote_error_tensor(_ it: UnsafeRawPointer?) -> Int32 { state(it)?.pointee.error?.tensor ?? -1 }
@_cdecl("mote_error_expected")
public func mote_error_expected(_ it: UnsafeRawPointer?) -> Int64 { state(it)?.pointee.error?.expected ?? -1 }
@_cdecl("mote_error_found")
public func mote_error_found(_ it: UnsafeRawPointer?) -> Int64 { state(it)?.pointee.error?.found ?? -1 }
