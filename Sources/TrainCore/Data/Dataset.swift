import NumPyFile

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

/// Errors from building a dataset out of files.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
  /// The CSV could not be read or parsed.
  case csv(CSVError)
  /// An `.npy` file could not be read or parsed.
  case npy(NPYError)
  /// A label is not a non-negative integer.
  case badLabel(row: Int, value: Float)
  /// The input and label files disagree on the sample count.
  case countMismatch(inputs: Int, labels: Int)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .csv(let e): return e.description
    case .npy(let e): return e.description
    case let .badLabel(r, v): return "row \(r): label \(v) is not a non-negative integer"
    case let .countMismatch(i, l): return "\(i) input samples but \(l) labels"
    }
  }
}

extension TensorDataset {
  /// Loads a numeric CSV whose column `labelColumn` (default: last) holds integer class labels and whose
  /// other columns are the features; `scale` multiplies every feature.
  public static func csv(path: String, labelColumn: Int = -1, hasHeader: Bool = false,
                         scale: Float = 1) throws(DatasetError) -> TensorDataset {
    let table: CSVTable
    do { table = try CSVTable(contentsOf: path, hasHeader: hasHeader) } catch { throw .csv(error) }
    let width = table.rows[0].count
    guard width >= 2 else { throw .csv(.ragged(line: 1, expected: 2, found: width)) }
    let lc = labelColumn < 0 ? width + labelColumn : labelColumn
    precondition(lc >= 0 && lc < width, "label column \(labelColumn) out of range for \(width) columns")
    var features = [Float]()
    features.reserveCapacity(table.rows.count * (width - 1))
    var labels = [Int]()
    for (r, row) in table.rows.enumerated() {
      guard let label = Int(exactly: row[lc]), label >= 0 else { throw .badLabel(row: r + 1, value: row[lc]) }
      labels.append(label)
      for (c, v) in row.enumerated() where c != lc { features.append(v * scale) }
    }
    return TensorDataset(inputs: Tensor(shape: [labels.count, width - 1], data: features), labels: labels)
  }

  /// Loads inputs `[N, ...]` (any supported dtype, as float) and integer labels `[N]` from two `.npy` files.
  public static func npy(inputs inputsPath: String, labels labelsPath: String) throws(DatasetError) -> TensorDataset {
    let x: NPYArray, y: NPYArray
    do { x = try NPYArray(contentsOf: inputsPath); y = try NPYArray(contentsOf: labelsPath) } catch { throw .npy(error) }
    let n = x.shape.first ?? 0
    guard y.floats.count == n else { throw .countMismatch(inputs: n, labels: y.floats.count) }
    var labels = [Int]()
    for (r, v) in y.floats.enumerated() {
      guard let l = Int(exactly: v), l >= 0 else { throw .badLabel(row: r + 1, value: v) }
      labels.append(l)
    }
    return TensorDataset(inputs: x.tensor, labels: labels)
  }
}
