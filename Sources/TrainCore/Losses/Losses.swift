// Loss functions as compositions of primitives; each returns the batch mean as a scalar tensor.

/// Softmax cross-entropy from `logits [N, C]` and class indices, with optional label smoothing
/// (targets `(1 - s) * onehot + s / C`, as PyTorch's `CrossEntropyLoss(label_smoothing: s)`).
public func crossEntropy(logits: Tensor, labels: [Int], labelSmoothing: Float = 0) -> Tensor {
  precondition(logits.rank == 2 && logits.shape[0] == labels.count,
               "crossEntropy needs logits [N, C] and N labels, got \(logits.shape) and \(labels.count)")
  precondition(labelSmoothing >= 0 && labelSmoothing <= 1, "label smoothing must be in [0, 1]")
  let (n, c) = (logits.shape[0], logits.shape[1])
  var target = [Float](repeating: labelSmoothing / Float(c), count: n * c)
  for (i, y) in labels.enumerated() {
    precondition(y >= 0 && y < c, "label \(y) out of range 0..<\(c)")
    target[i * c + y] += 1 - labelSmoothing
  }
  return -(logits.logSoftmax(axis: 1) * Tensor(shape: [n, c], data: target)).sum() * (1 / Float(n))
}

/// Binary cross-entropy from logits (PyTorch's `BCEWithLogitsLoss`): mean of `softplus(x) - t * x`.
public func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
  precondition(logits.shape == targets.shape, "binaryCrossEntropy shapes differ: \(logits.shape) vs \(targets.shape)")
  return (logits.softplus() - targets.detach() * logits).mean()
}

/// Mean squared error between predictions and targets of one shape.
public func meanSquaredError(_ predictions: Tensor, _ targets: Tensor) -> Tensor {
  precondition(predictions.shape == targets.shape, "meanSquaredError shapes differ: \(predictions.shape) vs \(targets.shape)")
  return (predictions - targets).pow(2).mean()
}
