/// The built-in architectures, rebuilt by name by `mote train` and the converter.
public enum Architectures {
  /// The names accepted by `make(_:seed:)`.
  public static let names = ["digits-mlp", "digits-cnn"]

  /// Builds a named architecture with weights drawn from `seed`, or `nil` for an unknown name.
  public static func make(_ name: String, seed: UInt64 = 0) -> Sequential? {
    switch name {
    case "digits-mlp": return digitsMLP(seed: seed)
    case "digits-cnn": return digitsCNN(seed: seed)
    default: return nil
    }
  }

  /// The input shape of one sample (without the batch axis) of a named architecture.
  public static func inputShape(_ name: String) -> [Int]? {
    switch name {
    case "digits-mlp": return [64]
    case "digits-cnn": return [8, 8, 1]
    default: return nil
    }
  }

  /// Digits MLP on `[N, 64]`: Dense 64→32 relu, Dense 32→10 (logits).
  public static func digitsMLP(seed: UInt64 = 0) -> Sequential {
    var rng = Xoshiro256(seed: seed)
    return Sequential([
      Dense(inputSize: 64, outputSize: 32, activation: .relu, rng: &rng),
      Dense(inputSize: 32, outputSize: 10, rng: &rng),
    ])
  }

  /// Digits CNN on `[N, 8, 8, 1]`: Conv 3×3×8 SAME relu, MaxPool 2, Conv 3×3×16 SAME relu, MaxPool 2,
  /// Flatten, Dense 64→10 (logits).
  public static func digitsCNN(seed: UInt64 = 0) -> Sequential {
    var rng = Xoshiro256(seed: seed)
    return Sequential([
      Conv2D(inChannels: 1, filters: 8, kernelSize: (3, 3), padding: .same, activation: .relu, rng: &rng),
      MaxPool2D(poolSize: (2, 2)),
      Conv2D(inChannels: 8, filters: 16, kernelSize: (3, 3), padding: .same, activation: .relu, rng: &rng),
      MaxPool2D(poolSize: (2, 2)),
      Flatten(),
      Dense(inputSize: 64, outputSize: 10, rng: &rng),
    ])
  }
}
