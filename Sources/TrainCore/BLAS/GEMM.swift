import CBLAS

/// Thin wrapper over OpenBLAS `cblas_sgemm`, pinned to one thread (small matrices, shared cores).
enum BLAS {
  private static let configured: Bool = {
    openblas_set_num_threads(1)
    return true
  }()

  /// `C = alpha * op(A) · op(B) + beta * C` for row-major `A` (m×k after op), `B` (k×n after op), `C` (m×n).
  static func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                    alpha: Float = 1, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                    beta: Float = 0, _ c: UnsafeMutablePointer<Float>) {
    _ = configured
    if m == 0 || n == 0 { return }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(transA ? m : k), b, Int32(transB ? k : n),
                beta, c, Int32(n))
  }

  /// Array convenience: returns `op(A) · op(B)` as a new m×n array.
  static func matmul(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int,
                     transA: Bool = false, transB: Bool = false) -> [Float] {
    var c = [Float](repeating: 0, count: m * n)
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          sgemm(transA: transA, transB: transB, m: m, n: n, k: k, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
        }
      }
    }
    return c
  }
}
