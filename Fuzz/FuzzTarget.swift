// The libFuzzer target: arbitrary bytes as a .tflite model. Compiled together with every file of
// Sources/MicroRuntime as one module by tools/fuzz/build.sh (-sanitize=fuzzer,address), so it
// reaches internal API and exercises the same code the devices run.
//
// One input is run like this:
//   1. copy the bytes into an exact-size 16-byte aligned allocation (AddressSanitizer then sees any
//      read past the model's end);
//   2. open the model on a fixed 4 MB arena — the verifier, the model checks, prepare and planning;
//   3. when it opens, open it again on an arena of exactly `arenaUsage.total` bytes (a write past
//      the planned arena is then a heap overflow) and check that the usage is the same;
//   4. fill the inputs with data derived from a hash of the bytes (random, zeros, extremes such as
//      NaN, ±Inf and integer limits, or small integers that are valid indices) and invoke twice.
// Any MicroError is a correct outcome. A crash, a sanitizer report, a hang (libFuzzer -timeout) or a
// broken invariant (trap below) is a bug.

/// The fixed arena of step 2, allocated once.
let fuzzArenaSize = 4 << 20
nonisolated(unsafe) let fuzzArena = UnsafeMutableRawPointer.allocate(byteCount: 4 << 20, alignment: 16)
nonisolated(unsafe) let fuzzResolver = OpResolver.allOps

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let model = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
  defer { model.deallocate() }
  model.copyMemory(from: data, byteCount: size)
  let bytes = UnsafeRawBufferPointer(start: model, count: size)
  runModel(bytes, seed: fnv1a(data, size))
  return 0
}

/// Opens, checks and invokes one model; MicroErrors end the run quietly.
func runModel(_ bytes: UnsafeRawBufferPointer, seed: UInt64) {
  let usage: ArenaUsage
  do throws(MicroError) {
    let first = try Interpreter(model: bytes, arena: UnsafeMutableRawBufferPointer(start: fuzzArena, count: fuzzArenaSize),
                                resolver: fuzzResolver)
    usage = first.arenaUsage
  } catch {
    checkError(error)
    return
  }
  let exact = UnsafeMutableRawPointer.allocate(byteCount: max(usage.total, 1), alignment: 16)
  defer { exact.deallocate() }
  do throws(MicroError) {
    let it = try Interpreter(model: bytes, arena: UnsafeMutableRawBufferPointer(start: exact, count: usage.total),
                             resolver: fuzzResolver)
    // The exact-arena promise: a second open on exactly the reported size plans the same way.
    precondition(it.arenaUsage == usage, "arena usage changed between two opens of the same model")
    var rng = seed
    for i in 0..<it.inputCount {
      let t = try it.input(i)
      precondition(t.byteSize == 0 || t.data != nil, "an input with bytes has no storage")
      if let p = t.data { fill(p, t.byteSize, t.type, &rng) }
    }
    try it.invoke()
    try it.invoke()
    for i in 0..<it.outputCount {
      let t = try it.output(i)
      if let p = t.data, t.byteSize > 0 { touch(p, t.byteSize) }
    }
  } catch {
    // The exact-size promise: the arena the first open reported is enough.
    precondition(error.kind != .arenaTooSmall && error.kind != .tooManyScratchBuffers,
                 "the exact arena reported by the first open is too small")
    checkError(error)
  }
}

/// Errors must carry a kind with a message.
func checkError(_ e: MicroError) {
  precondition(e.kind.message.utf8CodeUnitCount > 0)
}

/// Reads every output byte, so AddressSanitizer checks the output lies inside its allocation.
@inline(never)
func touch(_ p: UnsafeMutableRawPointer, _ n: Int) {
  var x: UInt8 = 0
  for i in 0..<n { x ^= p.load(fromByteOffset: i, as: UInt8.self) }
  blackHole(x)
}

@inline(never)
func blackHole(_ x: UInt8) {
  if x == 0xA5 && fuzzArenaSize == 0 { print(x) }
}

/// FNV-1a over the input: the seed of the input data, so each model gets reproducible inputs.
func fnv1a(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
  return h | 1
}

/// xorshift64.
func next(_ s: inout UInt64) -> UInt64 {
  s ^= s << 13
  s ^= s >> 7
  s ^= s << 17
  return s
}

/// Fills `n` bytes of input data of `type` in one of four modes chosen by the seed.
func fill(_ p: UnsafeMutableRawPointer, _ n: Int, _ type: TFLite.TensorType, _ s: inout UInt64) {
  let mode = next(&s) % 4
  let size = max(type.byteSize, 1)
  let count = n / size
  switch mode {
  case 0:  // random bytes (floats include NaN and Inf patterns)
    for i in 0..<n { p.storeBytes(of: UInt8(truncatingIfNeeded: next(&s)), toByteOffset: i, as: UInt8.self) }
  case 1:
    p.initializeMemory(as: UInt8.self, repeating: 0, count: n)
  case 2:  // extremes
    for i in 0..<count {
      let k = Int(next(&s) % 8)
      switch type {
      case .float32:
        let v: [Float] = [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                          -0.0, .leastNonzeroMagnitude, 1]
        p.storeBytes(of: v[k], toByteOffset: i * 4, as: Float.self)
      case .int32:
        let v: [Int32] = [.min, .max, -1, 0, 1, 1 << 16, -(1 << 16), 7]
        p.storeBytes(of: v[k], toByteOffset: i * 4, as: Int32.self)
      case .int64:
        let v: [Int64] = [.min, .max, -1, 0, 1, 1 << 32, -(1 << 32), 7]
        p.storeBytes(of: v[k], toByteOffset: i * 8, as: Int64.self)
      default:
        let v: [UInt8] = [0x80, 0x7F, 0xFF, 0, 1, 0x81, 0xFE, 0x7C]
        for b in 0..<size { p.storeBytes(of: v[k], toByteOffset: i * size + b, as: UInt8.self) }
      }
    }
  default:  // small integers: valid indices, shapes and axes for int tensors
    for i in 0..<count {
      let v = next(&s) % 4
      switch type {
      case .float32: p.storeBytes(of: Float(v), toByteOffset: i * 4, as: Float.self)
      case .int32: p.storeBytes(of: Int32(v), toByteOffset: i * 4, as: Int32.self)
      case .int64: p.storeBytes(of: Int64(v), toByteOffset: i * 8, as: Int64.self)
      default:
        p.storeBytes(of: UInt8(v), toByteOffset: i * size, as: UInt8.self)
        for b in 1..<size { p.storeBytes(of: UInt8(0), toByteOffset: i * size + b, as: UInt8.self) }
      }
    }
  }
}
