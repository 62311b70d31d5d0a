/// Errors from loading the digits data set.
public enum DigitsError: Error, Equatable, CustomStringConvertible {
  /// The CSV could not be parsed.
  case csv(CSVError)
  /// A row does not hold 64 pixels and a label.
  case badRow(line: Int, reason: String)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .csv(let e): return "digits: \(e)"
    case let .badRow(l, r): return "digits CSV line \(l): \(r)"
    }
  }
}

/// The UCI 8×8 handwritten digits (1,797 images; scikit-learn's `digits.csv`): 64 pixel values in 0...16
/// then the label per row. Pixels are scaled to [0, 1] by `value / 16`.
public enum Digits {
  /// The seed of the documented train/test permutation.
  public static let splitSeed: UInt64 = 0
  /// The number of test samples (the last 20% of the permutation, rounded up).
  public static func testCount(total: Int) -> Int { (total + 4) / 5 }

  /// Loads all samples as `[N, 64]` inputs in [0, 1] and labels 0...9.
  public static func load(csvPath: String) throws(DigitsError) -> TensorDataset {
    let table: CSVTable
    do { table = try CSVTable(contentsOf: csvPath) } catch { throw .csv(error) }
    var pixels = [Float]()
    pixels.reserveCapacity(table.rows.count * 64)
    var labels = [Int]()
    for (i, row) in table.rows.enumerated() {
      guard row.count == 65 else { throw .badRow(line: i + 1, reason: "\(row.count) fields, expected 65") }
      guard let label = Int(exactly: row[64]), (0...9).contains(label) else {
        throw .badRow(line: i + 1, reason: "label \(row[64]) is not a digit")
      }
      for v in row[0..<64] {
        guard v >= 0 && v <= 16 else { throw .badRow(line: i + 1, reason: "pixel \(v) outside 0...16") }
        pixels.append(v / 16)
      }
      labels.append(label)
    }
    return TensorDataset(inputs: Tensor(shape: [labels.count, 64], data: pixels), labels: labels)
  }

  /// The fixed split: a `Xoshiro256(seed: splitSeed)` permutation of all rows; its first 80% train, the rest test.
  public static func split(_ all: TensorDataset) -> (train: TensorDataset, test: TensorDataset) {
    var rng = Xoshiro256(seed: splitSeed)
    let perm = rng.permutation(all.count)
    let nTrain = all.count - testCount(total: all.count)
    return (all.subset(Array(perm[..<nTrain])), all.subset(Array(perm[nTrain...])))
  }
}
