/// Samples with integer class labels, stored as one tensor whose first axis indexes the sample.
public struct TensorDataset {
  /// All inputs, `[N, ...]`.
  public let inputs: Tensor
  /// One class label per sample.
  public let labels: [Int]

  /// Creates a dataset; `inputs.shape[0]` must equal `labels.count`.
  public init(inputs: Tensor, labels: [Int]) {
    precondition(inputs.rank >= 1 && inputs.shape[0] == labels.count,
                 "dataset has \(inputs.rank >= 1 ? inputs.shape[0] : 0) inputs but \(labels.count) labels")
    self.inputs = inputs
    self.labels = labels
  }

  /// The number of samples.
  public var count: Int { labels.count }
  /// The shape of one sample.
  public var sampleShape: [Int] { Array(inputs.shape.dropFirst()) }

  /// The samples at `indices`, in that order, as one batch.
  public func batch(_ indices: [Int]) -> (inputs: Tensor, labels: [Int]) {
    let size = sampleShape.reduce(1, *)
    var data = [Float](repeating: 0, count: indices.count * size)
    inputs.data.withUnsafeBufferPointer { src in
      data.withUnsafeMutableBufferPointer { dst in
        for (row, i) in indices.enumerated() {
          for k in 0..<size { dst[row * size + k] = src[i * size + k] }
        }
      }
    }
    return (Tensor(shape: [indices.count] + sampleShape, data: data), indices.map { labels[$0] })
  }

  /// A dataset holding only the samples at `indices`.
  public func subset(_ indices: [Int]) -> TensorDataset {
    let b = batch(indices)
    return TensorDataset(inputs: b.inputs, labels: b.labels)
  }

  /// The same samples with each one reshaped to `sampleShape` (e.g. `[64] -> [8, 8, 1]`).
  public func reshaped(sampleShape: [Int]) -> TensorDataset {
    TensorDataset(inputs: inputs.detach().reshaped([count] + sampleShape), labels: labels)
  }
}

/// Splits a dataset into batches, reshuffling each epoch with a generator seeded from `(seed, epoch)`,
/// so any epoch's order can be reproduced (e.g. after resuming from a checkpoint).
public struct DataLoader {
  /// The dataset iterated.
  public let dataset: TensorDataset
  /// Samples per batch (the last batch may be smaller unless `dropLast`).
  public let batchSize: Int
  /// Whether to shuffle each epoch.
  public let shuffle: Bool
  /// The base seed of the shuffles.
  public let seed: UInt64
  /// Whether to drop a final incomplete batch.
  public let dropLast: Bool

  /// Creates a loader.
  public init(_ dataset: TensorDataset, batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0, dropLast: Bool = false) {
    precondition(batchSize > 0, "batch size must be positive")
    self.dataset = dataset; self.batchSize = batchSize; self.shuffle = shuffle; self.seed = seed; self.dropLast = dropLast
  }

  /// The number of batches per epoch.
  public var batchCount: Int {
    dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
  }

  /// The sample order of an epoch.
  public func order(epoch: Int) -> [Int] {
    guard shuffle else { return Array(0..<dataset.count) }
    var rng = Xoshiro256(seed: seed ^ (UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15))
    return rng.permutation(dataset.count)
  }

  /// The batches of an epoch, built lazily one at a time.
  public func batches(epoch: Int) -> some Sequence<(inputs: Tensor, labels: [Int])> {
    let order = order(epoch: epoch)
    let (size, n, ds) = (batchSize, batchCount, dataset)
    return (0..<n).lazy.map { b in ds.batch(Array(order[(b * size)..<min((b + 1) * size, order.count)])) }
  }
}
