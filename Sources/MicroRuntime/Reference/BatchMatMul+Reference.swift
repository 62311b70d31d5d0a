/// How BATCH_MATMUL walks its operands: up to three broadcast batch dimensions (output sizes and
/// each operand's element stride, 0 where it broadcasts) and the matrix sizes.
public struct MatMulShape: BitwiseCopyable {
  /// Output batch sizes, outermost first (1 for absent dimensions).
  public var batch: (Int, Int, Int)
  /// Left operand strides per batch dimension (0 when broadcast).
  public var lhsStride: (Int, Int, Int)
  /// Right operand strides per batch dimension (0 when broadcast).
  public var rhsStride: (Int, Int, Int)
  /// Output rows, depth, columns: output[m, n] = Σ_k lhs[m, k] · rhs[k, n].
  public var rows: Int, depth: Int, columns: Int
  /// Whether lhs is stored [k, m] (adj_x) and rhs stored [n, k] (adj_y).
  public var adjX: Bool, adjY: Bool
}

extension Reference {
  /// Visits each output matrix with its operands' base offsets.
  @inlinable @inline(__always)
  static func forEachMatrix(_ s: MatMulShape, _ body: (_ lhs: Int, _ rhs: Int, _ out: Int) -> Void) {
    var out = 0
    for i0 in 0..<s.batch.0 {
      for i1 in 0..<s.batch.1 {
        for i2 in 0..<s.batch.2 {
          body(i0 * s.lhsStride.0 + i1 * s.lhsStride.1 + i2 * s.lhsStride.2,
               i0 * s.rhsStride.0 + i1 * s.rhsStride.1 + i2 * s.rhsStride.2, out)
          out += s.rows * s.columns
        }
      }
    }
  }

  /// Float BATCH_MATMUL: output[..., m, n] = Σ_k lhs[..., m, k] · rhs[..., k, n] with broadcast batches.
  public static func batchMatMul(lhs: UnsafePointer<Float>, rhs: UnsafePointer<Float>,
                                 output: UnsafeMutablePointer<Float>, shape s: MatMulShape) {
    forEachMatrix(s) { l, r, o in
      for m in 0..<s.rows {
        for n in 0..<s.columns {
          var acc: Float = 0
          for k in 0..<s.depth {
            acc += lhs[l + (s.adjX ? k * s.rows + m : m * s.depth + k)] * rhs[r + (s.adjY ? n * s.depth + k : k * s.columns + n)]
          }
          output[o + m * s.columns + n] = acc
        }
      }
    }
  }

  /// Int8 BATCH_MATMUL: acc = Σ_k (lhs + lhsOffset) · (rhs + rhsOffset), then the multiplier, the
  /// output offset and the int8 range.
  public static func batchMatMul(lhs: UnsafePointer<Int8>, rhs: UnsafePointer<Int8>,
                                 output: UnsafeMutablePointer<Int8>, shape s: MatMulShape,
                                 lhsOffset: Int32, rhsOffset: Int32, multiplier: QuantizedMultiplier,
                                 outputOffset: Int32) {
    forEachMatrix(s) { l, r, o in
      for m in 0..<s.rows {
        for n in 0..<s.columns {
          var acc: Int32 = 0
          for k in 0..<s.depth {
            let a = Int32(lhs[l + (s.adjX ? k * s.rows + m : m * s.depth + k)]) &+ lhsOffset
            let b = Int32(rhs[r + (s.adjY ? n * s.depth + k : k * s.columns + n)]) &+ rhsOffset
            acc &+= a &* b
          }
          let v = multiplier.apply(acc) &+ outputOffset
          output[o + m * s.columns + n] = Int8(truncatingIfNeeded: Swift.min(Swift.max(v, -128), 127))
        }
      }
    }
  }
}

extension Reference {
  /// Hybrid BATCH_MATMUL (float lhs and output, int8 rhs with one `weightScale`): each lhs row (its
  /// `depth` values) is gathered into `row`, quantized into `quantized` (asymmetric or symmetric), and
  /// output[..., m, n] = Float(Σ_k (q[k] − zeroPoint) · rhs[..., k, n]) · (rowScale · weightScale).
  public static func batchMatMulHybrid(
    lhs: UnsafePointer<Float>, rhs: UnsafePointer<Int8>, output: UnsafeMutablePointer<Float>,
    shape s: MatMulShape, weightScale: Float, asymmetric: Bool, row: UnsafeMutablePointer<Float>,
    quantized: UnsafeMutablePointer<Int8>
  ) {
    forEachMatrix(s) { l, r, o in
      for m in 0..<s.rows {
        for k in 0..<s.depth { row[k] = lhs[l + (s.adjX ? k * s.rows + m : m * s.depth + k)] }
        var rowScale: Float, zeroPoint: Int32 = 0
        if asymmetric {
          (rowScale, zeroPoint) = quantizeAsymmetric(row, count: s.depth, into: quantized)
        } else {
          rowScale = quantizeSymmetric(row, count: s.depth, into: quantized)
        }
        let scale = rowScale * weightScale
        for n in 0..<s.columns {
          var acc: Int32 = 0
          for k in 0..<s.depth {
            acc &+= (Int32(quantized[k]) &- zeroPoint) &* Int32(rhs[r + (s.adjY ? n * s.depth + k : k * s.columns + n)])
          }
          output[o + m * s.columns + n] = Float(acc) * scale
        }
      }
    }
  }
}
