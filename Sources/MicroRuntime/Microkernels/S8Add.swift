// Int8 ADD without broadcasting. Each input's rescaling, multiplier.apply((x − zp) << 20), depends
// on one int8 value only, so prepare tabulates it (256 Int32 per input, persistent); eval adds two
// table entries and requantizes the sum with the branch-free form of the output multiplier, in a
// loop that vectorizes. Bit-identical to Reference.addSubInt8.

#if canImport(MicroKernelsAvx512)
import MicroKernelsAvx512
#endif

/// A prepared int8 ADD over same-shape inputs.
public struct S8AddPlan: BitwiseCopyable {
  /// 256 rescaled values of input A, then 256 of input B, indexed by the int8 bit pattern.
  public var tables: UnsafeMutablePointer<Int32>
  /// The output multiplier, unpacked.
  public var multiplier: Int32, left: Int32, right: Int32
  /// Output zero point and clamp.
  public var outputOffset: Int32, low: Int32, high: Int32
  #if canImport(MicroKernelsAvx512)
  /// On AVX-512 VNNI processors: S8Avx512.add's parameters (persistent), which computes the
  /// rescalings instead of looking them up; with the inputs' offsets and shift.
  public var avx512: UnsafeMutableRawPointer? = nil
  var offsetA: Int32 = 0, offsetB: Int32 = 0, leftShift: Int32 = 0
  #endif

  /// Tabulates the input rescalings of `p` into persistent memory.
  public static func make(_ ctx: inout PrepareContext, _ p: BinaryQuantParams) throws(MicroError) -> S8AddPlan {
    let t = try ctx.allocatePersistent(bytes: 512 * 4, alignment: 32).assumingMemoryBound(to: Int32.self)
    var plan = S8AddPlan(tables: t, params: p)
    if ctx.materializes { plan.fill(p) }
    #if canImport(MicroKernelsAvx512)
    if MicrokernelCatalog.hasAvx512 {
      let parameters = try ctx.allocatePersistent(bytes: S8Avx512.addBytes, alignment: 64)
      if ctx.materializes { plan.useAvx512(parameters, p) }
    }
    #endif
    return plan
  }

  /// The plan over caller-provided table memory (512 Int32); `fill` writes the tables.
  public init(tables: UnsafeMutablePointer<Int32>, params p: BinaryQuantParams) {
    self.tables = tables
    multiplier = p.multiplierOut.multiplier
    left = p.multiplierOut.shift > 0 ? p.multiplierOut.shift : 0
    right = p.multiplierOut.shift > 0 ? 0 : -p.multiplierOut.shift
    outputOffset = p.outputOffset
    low = p.clamp.low
    high = p.clamp.high
  }

  #if canImport(MicroKernelsAvx512)
  /// Computes instead of looking up: lays out S8Avx512.add's parameters for `p` in `parameters`
  /// (S8Avx512.addBytes).
  public mutating func useAvx512(_ parameters: UnsafeMutableRawPointer, _ p: BinaryQuantParams) {
    S8Avx512.fillAdd(parameters, a: (p.multiplierA.multiplier, p.multiplierA.shift),
                     b: (p.multiplierB.multiplier, p.multiplierB.shift),
                     output: (p.multiplierOut.multiplier, p.multiplierOut.shift))
    avx512 = parameters
    offsetA = p.offsetA
    offsetB = p.offsetB
    leftShift = p.leftShift
  }
  #endif

  /// Writes the two tables.
  public func fill(_ p: BinaryQuantParams) {
    for v in -128...127 {
      let i = Int(UInt8(bitPattern: Int8(v)))
      tables[i] = p.multiplierA.apply((Int32(v) &+ p.offsetA) &<< p.leftShift)
      tables[256 + i] = p.multiplierB.apply((Int32(v) &+ p.offsetB) &<< p.leftShift)
    }
  }

  /// out[i] = requantize(A(a[i]) + B(b[i])) for `count` elements.
  public func run(a: UnsafePointer<Int8>, b: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, count: Int) {
    #if canImport(MicroKernelsAvx512)
    if let avx512 {
      S8Avx512.add(count: count, a: a, b: b, offsetA: offsetA, offsetB: offsetB, inputShift: leftShift,
                   parameters: avx512, outputOffset: outputOffset, low: low, high: high, output: output)
      return
    }
    #endif
    let ta = UnsafePointer(tables), tb = UnsafePointer(tables + 256)
    for i in 0..<count {
      let sum = ta[Int(UInt8(bitPattern: a[i]))] &+ tb[Int(UInt8(bitPattern: b[i]))]
      var v = S8Requantization.scale(sum, multiplier: multiplier, left: left, right: right) &+ outputOffset
      v = v < low ? low : v
      v = v > high ? high : v
      output[i] = Int8(truncatingIfNeeded: v)
    }
  }
}
