// The structure-aware mutator (LLVMFuzzerCustomMutator). Byte flips rarely get a model past the
// verifier; this mutator instead finds the fields of a structurally valid model and rewrites their
// values in place, so the FlatBuffer stays well formed and the mutated model reaches the model
// checks, prepare and eval:
//
//   tensors     shape dims, shape rank (vector length), type, buffer index, is_variable,
//               quantization scales (0, NaN, ±Inf, negative, tiny, huge), zero points,
//               quantized_dimension, scale/zero-point counts
//   operators   opcode index, input/output tensor indices (and -1 "omitted"), input/output counts,
//               builtin_options_type and every field of the options table (strides, filter sizes,
//               dilation, padding, axes, activation, block sizes, booleans, floats, new_shape, ...)
//   op codes    builtin code, deprecated code, version
//   buffers     constant data: int32/int64 elements (shape, axis, permutation, padding, begin/end,
//               index tensors) and a few float elements; data vector length
//   subgraph    input and output tensor indices and counts; the schema version
//
// A mutation writes an "interesting" value for the slot's kind (limits, 0, ±1, off-by-one of the
// current value, a value copied from another slot of the same kind). Inputs that are not
// structurally valid, and a fraction of the others, get libFuzzer's own byte-level mutations.

@_extern(c, "LLVMFuzzerMutate")
func LLVMFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

/// What a slot holds, which decides the values written into it.
enum SlotKind: Equatable {
  case dim, rank, tensorType, bufferIndex, tensorIndex, ioCount, scale, zeroPoint, quantizedDimension
  case quantCount, opcodeIndex, builtinCode, deprecatedCode, opVersion, optionsType, option1, option4
  case constInt32, constInt64, constFloat, dataLength, flag, schemaVersion
}

/// A mutable field: its position in the model bytes, its width and kind.
struct Slot {
  var position: Int
  var width: Int
  var kind: SlotKind
}

/// Collects the slots of a model that passed the structural verifier.
struct SlotCollector {
  var slots: [Slot] = []
  let base: UnsafeRawPointer
  let size: Int

  init(base: UnsafeRawPointer, size: Int) {
    self.base = base
    self.size = size
    slots.reserveCapacity(512)
  }

  mutating func add(_ position: Int, _ width: Int, _ kind: SlotKind) {
    if position >= 0 && position + width <= size { slots.append(Slot(position: position, width: width, kind: kind)) }
  }

  /// Scalar field `id` of `t`, when present.
  mutating func field(_ t: FlatTable, _ id: Int, _ width: Int, _ kind: SlotKind) {
    let o = t.fieldOffset(id)
    if o != 0 { add(t.position + o, width, kind) }
  }

  /// The elements (and the length word) of the vector in field `id` of `t`.
  mutating func vector(_ t: FlatTable, _ id: Int, _ width: Int, _ kind: SlotKind, _ countKind: SlotKind, limit: Int = 16) {
    guard let p = t.target(id) else { return }
    add(p, 4, countKind)
    let n = Int(UInt32.read(base, p))
    for i in 0..<min(n, limit) { add(p + 4 + i * width, width, kind) }
  }

  /// Every present field of an options table, 4 bytes wide where the layout leaves room, else 1.
  mutating func options(_ t: FlatTable) {
    // Options of types the schema subset does not know were not verified: check by hand.
    if t.position < 0 || t.position & 3 != 0 || t.position + 4 > size { return }
    let vtable = t.position - Int(Int32.read(base, t.position))
    if vtable < 0 || vtable & 1 != 0 || vtable + 4 > size { return }
    let vsize = Int(UInt16.read(base, vtable))
    let inlineSize = Int(UInt16.read(base, vtable + 2))
    if vsize < 4 || vtable + vsize > size || t.position + inlineSize > size { return }
    let fields = (vsize - 4) / 2
    var offsets: [Int] = []
    for id in 0..<fields {
      let o = Int(UInt16.read(base, vtable + 4 + 2 * id))
      if o != 0 { offsets.append(o) }
    }
    offsets.sort()
    for (k, o) in offsets.enumerated() {
      let end = k + 1 < offsets.count ? offsets[k + 1] : inlineSize
      let wide = o % 4 == 0 && end - o >= 4
      if wide {
        add(t.position + o, 4, .option4)
        // A vector behind the field (new_shape, squeeze_dims): its elements and length.
        let at = t.position + o
        let target = at + Int(UInt32.read(base, at))
        if target & 3 == 0 && target > at && target + 4 <= size {
          let n = Int(UInt32.read(base, target))
          if n <= 16 && target + 4 + 4 * n <= size {
            add(target, 4, .ioCount)
            for i in 0..<n { add(target + 4 + 4 * i, 4, .constInt32) }
          }
        }
      } else {
        add(t.position + o, 1, .option1)
      }
    }
  }

  mutating func collect(_ m: TFLite.Model) {
    field(m.table, 0, 4, .schemaVersion)
    let codes = m.operatorCodes
    for i in 0..<codes.count {
      let c = codes[i].table
      field(c, 0, 1, .deprecatedCode)
      field(c, 2, 4, .opVersion)
      field(c, 3, 4, .builtinCode)
    }
    let buffers = m.buffers
    for i in 0..<buffers.count {
      if let p = buffers[i].table.target(0) { add(p, 4, .dataLength) }
    }
    let subgraphs = m.subgraphs
    for s in 0..<subgraphs.count {
      let g = subgraphs[s]
      vector(g.table, 1, 4, .tensorIndex, .ioCount)
      vector(g.table, 2, 4, .tensorIndex, .ioCount)
      let tensors = g.tensors
      for k in 0..<tensors.count {
        let t = tensors[k]
        vector(t.table, 0, 4, .dim, .rank)
        field(t.table, 1, 1, .tensorType)
        field(t.table, 2, 4, .bufferIndex)
        field(t.table, 5, 1, .flag)
        if let q = t.quantization {
          vector(q.table, 2, 4, .scale, .quantCount, limit: 4)
          vector(q.table, 3, 8, .zeroPoint, .quantCount, limit: 4)
          field(q.table, 6, 4, .quantizedDimension)
        }
        // Constant data of integer tensors: shapes, axes, permutations, paddings, indices.
        let b = Int(t.buffer)
        if b < buffers.count, let p = buffers[b].table.target(0) {
          let n = Int(UInt32.read(base, p))
          switch t.type {
          case .int32: for i in 0..<min(n / 4, 32) { add(p + 4 + 4 * i, 4, .constInt32) }
          case .int64: for i in 0..<min(n / 8, 16) { add(p + 4 + 8 * i, 8, .constInt64) }
          case .float32: for i in 0..<min(n / 4, 4) { add(p + 4 + 4 * i, 4, .constFloat) }
          default: break
          }
        }
      }
      let ops = g.operators
      for k in 0..<ops.count {
        let op = ops[k]
        field(op.table, 0, 4, .opcodeIndex)
        vector(op.table, 1, 4, .tensorIndex, .ioCount)
        vector(op.table, 2, 4, .tensorIndex, .ioCount)
        field(op.table, 3, 1, .optionsType)
        if op.builtinOptionsType.rawValue != 0, let o = op.table.table(4) { options(o) }
      }
    }
  }
}

/// A tiny deterministic generator for one mutation call.
struct MutationRandom {
  var state: UInt64
  init(_ seed: UInt32) { state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1 }
  mutating func next() -> UInt64 {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return state
  }
  mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
  mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// Writes a new value for `slot` into the model bytes.
func mutate(_ data: UnsafeMutableRawPointer, _ slot: Slot, _ r: inout MutationRandom, _ slots: [Slot]) {
  let at = slot.position
  // Sometimes copy the value of another slot of the same kind (a valid index from elsewhere).
  if r.below(8) == 0 {
    let same = slots.filter { $0.kind == slot.kind && $0.width == slot.width }
    if let other = same.isEmpty ? nil : r.pick(same) {
      data.advanced(by: at).copyMemory(from: UnsafeRawPointer(data.advanced(by: other.position)), byteCount: slot.width)
      return
    }
  }
  func current32() -> Int32 { data.loadUnaligned(fromByteOffset: at, as: Int32.self) }
  func store32(_ v: Int32) { data.storeBytes(of: v, toByteOffset: at, as: Int32.self) }
  func store8(_ v: Int8) { data.storeBytes(of: v, toByteOffset: at, as: Int8.self) }
  let c = slot.width == 4 ? current32() : 0
  let near: [Int32] = [c &+ 1, c &- 1, c &* 2, c / 2, 0 &- c, 0, 1, -1]
  let limits: [Int32] = [0, 1, -1, 2, 3, 4, 7, 8, 16, 127, 128, -128, 255, 256, 65535, 65536, 1 << 24,
                         Int32.max, Int32.min, Int32.max / 2, 46341, -46341]
  switch slot.kind {
  case .dim:
    store32(r.below(3) == 0 ? r.pick(limits) : r.pick(near + [0, 1, 2, 3, Int32(r.below(64))]))
  case .rank, .ioCount, .quantCount, .dataLength:
    let n = Int32(r.below(Int(max(c, 0)) + 3))
    store32(r.below(10) == 0 ? r.pick(limits) : n)
  case .tensorType:
    store8(r.below(4) == 0 ? Int8(truncatingIfNeeded: r.next()) : r.pick([0, 1, 2, 3, 4, 6, 7, 9, 10, 15, 16, 17, 12, -1]))
  case .bufferIndex, .tensorIndex, .opcodeIndex:
    store32(r.below(4) == 0 ? r.pick(limits) : r.pick(near + [Int32(r.below(16)), -1]))
  case .scale, .constFloat:
    let v: [Float] = [0, -0.0, .nan, .infinity, -.infinity, -1, 1, .leastNonzeroMagnitude, 1e-38, 1e-20, 1e-10,
                      1e10, 1e38, .greatestFiniteMagnitude, 0.5, 2, 3.4e-3]
    let f = data.loadUnaligned(fromByteOffset: at, as: Float.self)
    data.storeBytes(of: r.below(4) == 0 ? f * Float(r.pick([2, 0.5, -1, 1e6, 1e-6])) : r.pick(v), toByteOffset: at, as: Float.self)
  case .zeroPoint, .constInt64:
    let v: [Int64] = [0, 1, -1, 127, -128, 128, -129, 255, 256, Int64(Int32.max), Int64(Int32.min), .max, .min, 1 << 32]
    data.storeBytes(of: r.pick(v), toByteOffset: at, as: Int64.self)
  case .quantizedDimension:
    store32(r.pick([0, 1, 2, 3, 4, 7, 8, -1, Int32.max, Int32.min]))
  case .builtinCode:
    store32(r.below(3) == 0 ? r.pick(limits) : Int32(r.below(210)))
  case .deprecatedCode:
    store8(r.below(3) == 0 ? Int8(truncatingIfNeeded: r.next()) : Int8(r.below(128)))
  case .opVersion:
    store32(r.pick([0, 1, 2, 3, 4, 5, 6, 7, 12, 13, -1, Int32.max]))
  case .optionsType:
    store8(Int8(truncatingIfNeeded: r.below(3) == 0 ? Int(r.next() & 0xFF) : r.below(128)))
  case .option1:
    store8(r.pick([0, 1, 2, 3, 4, 5, 6, -1, 127, -128, Int8(truncatingIfNeeded: r.next())]))
  case .option4:
    if r.below(4) == 0 {
      let v: [Float] = [0, -1, .nan, .infinity, -.infinity, 1e30, 1e-30, 0.5]
      data.storeBytes(of: r.pick(v), toByteOffset: at, as: Float.self)
    } else {
      store32(r.below(2) == 0 ? r.pick(limits) : r.pick(near + [0, 1, 2, 3, -1, -2, 4, 8]))
    }
  case .constInt32:
    store32(r.below(3) == 0 ? r.pick(limits) : r.pick(near + [0, 1, 2, 3, 4, -1, -2, -5, 9]))
  case .flag:
    store8(r.pick([0, 1, 2, -1]))
  case .schemaVersion:
    store32(r.pick([3, 2, 4, 0, -1]))
  }
}

@_cdecl("LLVMFuzzerCustomMutator")
public func fuzzCustomMutator(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
  var r = MutationRandom(seed)
  // A fifth of the time, and whenever the structure is broken, mutate bytes as libFuzzer would.
  if r.below(5) == 0 { return LLVMFuzzerMutate(data, size, maxSize) }
  let raw = UnsafeMutableRawPointer(data)
  let structural: TFLite.Model?
  do throws(MicroError) {
    structural = try FlatBufferVerifier.verifyModel(base: UnsafeRawPointer(raw), size: size)
  } catch {
    structural = nil
  }
  guard let model = structural else { return LLVMFuzzerMutate(data, size, maxSize) }
  var c = SlotCollector(base: UnsafeRawPointer(raw), size: size)
  c.collect(model)
  if c.slots.isEmpty { return LLVMFuzzerMutate(data, size, maxSize) }
  let count = 1 + r.below(3)
  for _ in 0..<count { mutate(raw, r.pick(c.slots), &r, c.slots) }
  return size
}
