/// SplitMix64, used to expand one 64-bit seed into the state of `Xoshiro256`.
public struct SplitMix64 {
  /// The current state.
  public var state: UInt64
  /// Creates a generator from a seed.
  public init(seed: UInt64) { state = seed }
  /// Returns the next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256**, the seeded generator behind every random choice in TrainCore (shuffles, init, dropout).
public struct Xoshiro256: RandomNumberGenerator {
  /// The four state words; saved in checkpoints so a resumed run draws the same numbers.
  public var state: (UInt64, UInt64, UInt64, UInt64)

  /// Creates a generator whose state is expanded from `seed` by SplitMix64.
  public init(seed: UInt64) {
    var sm = SplitMix64(seed: seed)
    state = (sm.next(), sm.next(), sm.next(), sm.next())
  }

  /// Returns the next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotl(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotl(state.3, 45)
    return result
  }

  @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform float in `[0, 1)` built from the top 24 bits.
  public mutating func nextFloat() -> Float { Float(next() >> 40) * (1.0 / 16_777_216.0) }

  /// A uniform double in `[0, 1)` built from the top 53 bits.
  public mutating func nextDouble() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

  /// A standard normal sample (Box–Muller).
  public mutating func nextNormal() -> Float {
    let u1 = max(nextDouble(), 1e-300), u2 = nextDouble()
    return Float((-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2))
  }

  /// A uniform integer in `0..<bound` (bias-free by rejection).
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0)
    let b = UInt64(bound)
    let limit = UInt64.max - UInt64.max % b
    while true { let v = next(); if v < limit { return Int(v % b) } }
  }

  /// A Fisher–Yates permutation of `0..<n`.
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    if n < 2 { return p }
    for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, nextInt(below: i + 1)) }
    return p
  }
}
