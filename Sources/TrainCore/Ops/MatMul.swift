// Matrix product through OpenBLAS.

extension Tensor {
  /// The matrix product of `[m, k]` and `[k, n]` tensors (cblas_sgemm).
  public func matmul(_ other: Tensor) -> Tensor {
    precondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                 "matmul needs [m,k]·[k,n], got \(shape)·\(other.shape)")
    let m = shape[0], k = shape[1], n = other.shape[1]
    let a = data, b = other.data
    let out = k == 0 ? [Float](repeating: 0, count: m * n) : BLAS.matmul(a, b, m: m, n: n, k: k)
    let (na, nb) = (requiresGrad, other.requiresGrad)
    return Tensor.record([m, n], out, [self, other]) { g in
      if k == 0 { return [a, b] }
      let ga = na ? BLAS.matmul(g, b, m: m, n: k, k: n, transB: true) : nil   // g · Bᵀ
      let gb = nb ? BLAS.matmul(a, g, m: k, n: n, k: m, transA: true) : nil   // Aᵀ · g
      return [ga, gb]
    }
  }
}
