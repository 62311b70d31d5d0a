// The C API of include/mote.h. The caller's `mote_interpreter` storage holds a `CInterpreter`:
// the interpreter (when open) and the last error. No allocation anywhere.

/// What a `mote_interpreter` holds.
struct CInterpreter {
  var interpreter: Interpreter?
  var error: MicroError?
}

/// Bytes of storage the C header reserves; `CInterpreter` must fit.
let cInterpreterStorage = 640

@inline(__always)
func state(_ p: UnsafeRawPointer) -> UnsafePointer<CInterpreter> {
  p.assumingMemoryBound(to: CInterpreter.self)
}

@inline(__always)
func mutableState(_ p: UnsafeMutableRawPointer) -> UnsafeMutablePointer<CInterpreter> {
  p.assumingMemoryBound(to: CInterpreter.self)
}

@_cdecl("mote_interpreter_storage_size")
public func mote_interpreter_storage_size() -> Int { MemoryLayout<CInterpreter>.size }

@_cdecl("mote_required_arena")
public func mote_required_arena(_ model: UnsafeRawPointer, _ modelSize: Int, _ work: UnsafeMutableRawPointer,
                                _ workSize: Int, _ out: UnsafeMutablePointer<Int>) -> Int32 {
  do throws(MicroError) {
    let it = try Interpreter(model: UnsafeRawBufferPointer(start: model, count: modelSize),
                             arena: UnsafeMutableRawBufferPointer(start: work, count: workSize), resolver: .allOps)
    out.pointee = it.arenaUsage.total
    return 0
  } catch {
    return -1
  }
}

@_cdecl("mote_open")
public func mote_open(_ it: UnsafeMutableRawPointer, _ model: UnsafeRawPointer, _ modelSize: Int,
                      _ arena: UnsafeMutableRawPointer, _ arenaSize: Int) -> Int32 {
  if MemoryLayout<CInterpreter>.size > cInterpreterStorage { return -1 }
  let s = mutableState(it)
  s.initialize(to: CInterpreter(interpreter: nil, error: nil))
  do throws(MicroError) {
    s.pointee.interpreter = try Interpreter(model: UnsafeRawBufferPointer(start: model, count: modelSize),
                                            arena: UnsafeMutableRawBufferPointer(start: arena, count: arenaSize),
                                            resolver: .allOps)
    return 0
  } catch {
    s.pointee.error = error
    return -1
  }
}

@_cdecl("mote_arena_used")
public func mote_arena_used(_ it: UnsafeRawPointer) -> Int { state(it).pointee.interpreter?.arenaUsage.total ?? 0 }

@_cdecl("mote_input_count")
public func mote_input_count(_ it: UnsafeRawPointer) -> Int32 { Int32(state(it).pointee.interpreter?.inputCount ?? 0) }

@_cdecl("mote_output_count")
public func mote_output_count(_ it: UnsafeRawPointer) -> Int32 { Int32(state(it).pointee.interpreter?.outputCount ?? 0) }

func view(_ it: UnsafeRawPointer, _ i: Int32, input: Bool) -> TensorView? {
  guard let interp = state(it).pointee.interpreter else { return nil }
  do throws(MicroError) {
    return input ? try interp.input(Int(i)) : try interp.output(Int(i))
  } catch {
    return nil
  }
}

@_cdecl("mote_input_data")
public func mote_input_data(_ it: UnsafeMutableRawPointer, _ i: Int32) -> UnsafeMutableRawPointer? { view(it, i, input: true)?.data }
@_cdecl("mote_input_bytes")
public func mote_input_bytes(_ it: UnsafeRawPointer, _ i: Int32) -> Int { view(it, i, input: true)?.byteSize ?? 0 }
@_cdecl("mote_input_type")
public func mote_input_type(_ it: UnsafeRawPointer, _ i: Int32) -> Int32 { Int32(view(it, i, input: true)?.type.rawValue ?? -1) }
@_cdecl("mote_input_rank")
public func mote_input_rank(_ it: UnsafeRawPointer, _ i: Int32) -> Int32 { Int32(view(it, i, input: true)?.dims.rank ?? 0) }
@_cdecl("mote_input_dim")
public func mote_input_dim(_ it: UnsafeRawPointer, _ i: Int32, _ d: Int32) -> Int32 {
  guard let v = view(it, i, input: true), d >= 0, Int(d) < v.dims.rank else { return -1 }
  return Int32(v.dims[Int(d)])
}
@_cdecl("mote_input_scale")
public func mote_input_scale(_ it: UnsafeRawPointer, _ i: Int32) -> Float { view(it, i, input: true)?.scale ?? 0 }
@_cdecl("mote_input_zero_point")
public func mote_input_zero_point(_ it: UnsafeRawPointer, _ i: Int32) -> Int32 { view(it, i, input: true)?.zeroPoint ?? 0 }

@_cdecl("mote_output_data")
public func mote_output_data(_ it: UnsafeRawPointer, _ i: Int32) -> UnsafeRawPointer? { view(it, i, input: false)?.data.map { UnsafeRawPointer($0) } }
@_cdecl("mote_output_bytes")
public func mote_output_bytes(_ it: UnsafeRawPointer, _ i: Int32) -> Int { view(it, i, input: false)?.byteSize ?? 0 }
@_cdecl("mote_output_type")
public func mote_output_type(_ it: UnsafeRawPointer, _ i: Int32) -> Int32 { Int32(view(it, i, input: false)?.type.rawValue ?? -1) }
@_cdecl("mote_output_rank")
public func mote_output_rank(_ it: UnsafeRawPointer, _ i: Int32) -> Int32 { Int32(view(it, i, input: false)?.dims.rank ?? 0) }
@_cdecl("mote_output_dim")
public func mote_output_dim(_ it: UnsafeRawPointer, _ i: Int32, _ d: Int32) -> Int32 {
  guard let v = view(it, i, input: false), d >= 0, Int(d) < v.dims.rank else { return -1 }
  return Int32(v.dims[Int(d)])
}

@_cdecl("mote_invoke")
public func mote_invoke(_ it: UnsafeMutableRawPointer) -> Int32 {
  let s = mutableState(it)
  guard let interp = s.pointee.interpreter else { return -1 }
  do throws(MicroError) {
    try interp.invoke()
    return 0
  } catch {
    s.pointee.error = error
    return -1
  }
}

@_cdecl("mote_invoke_operator")
public func mote_invoke_operator(_ it: UnsafeMutableRawPointer, _ op: Int32) -> Int32 {
  let s = mutableState(it)
  guard let interp = s.pointee.interpreter, op >= 0, Int(op) < interp.operatorCount else { return -1 }
  do throws(MicroError) {
    try interp.invokeOperator(Int(op))
    return 0
  } catch {
    s.pointee.error = error
    return -1
  }
}

@_cdecl("mote_operator_count")
public func mote_operator_count(_ it: UnsafeRawPointer) -> Int32 { Int32(state(it).pointee.interpreter?.operatorCount ?? 0) }

@_cdecl("mote_operator_code")
public func mote_operator_code(_ it: UnsafeRawPointer, _ op: Int32) -> Int32 {
  guard let interp = state(it).pointee.interpreter, op >= 0, Int(op) < interp.operatorCount else { return -1 }
  return interp.node(Int(op)).code.rawValue
}

@_cdecl("mote_operator_name")
public func mote_operator_name(_ code: Int32) -> UnsafeRawPointer {
  let name: StaticString = TFLite.BuiltinOperator(rawValue: code).name ?? "UNKNOWN"
  return UnsafeRawPointer(name.utf8Start)
}

@_cdecl("mote_error_text")
public func mote_error_text(_ it: UnsafeRawPointer) -> UnsafeRawPointer {
  let message: StaticString = state(it).pointee.error?.kind.message ?? ""
  return UnsafeRawPointer(message.utf8Start)
}

@_cdecl("mote_error_operator")
public func mote_error_operator(_ it: UnsafeRawPointer) -> Int32 { state(it).pointee.error?.op ?? -1 }
@_cdecl("mote_error_tensor")
public func mote_error_tensor(_ it: UnsafeRawPointer) -> Int32 { state(it).pointee.error?.tensor ?? -1 }
@_cdecl("mote_error_expected")
public func mote_error_expected(_ it: UnsafeRawPointer) -> Int64 { state(it).pointee.error?.expected ?? -1 }
@_cdecl("mote_error_found")
public func mote_error_found(_ it: UnsafeRawPointer) -> Int64 { state(it).pointee.error?.found ?? -1 }
