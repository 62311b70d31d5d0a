/// A fully connected layer `y = act(x · weight + bias)` with Keras' weight layout `[inputSize, outputSize]`.
public final class Dense: Layer {
  /// The weight matrix `[inputSize, outputSize]` (Glorot-uniform initialized).
  public let weight: Tensor
  /// The bias `[outputSize]` (zero initialized), or `nil` when disabled.
  public let bias: Tensor?
  /// The fused activation.
  public let activation: Activation
  /// Whether the layer is in training mode (no effect on Dense).
  public var isTraining = true

  /// Creates a dense layer with Glorot-uniform weights drawn from `rng` and zero bias.
  public init(inputSize: Int, outputSize: Int, activation: Activation = .none, useBias: Bool = true,
              rng: inout Xoshiro256) {
    let limit = (6 / Float(inputSize + outputSize)).squareRoot()
    weight = .uniform([inputSize, outputSize], low: -limit, high: limit, rng: &rng, requiresGrad: true)
    bias = useBias ? .zeros([outputSize], requiresGrad: true) : nil
    self.activation = activation
  }

  /// The input feature count.
  public var inputSize: Int { weight.shape[0] }
  /// The output feature count.
  public var outputSize: Int { weight.shape[1] }

  /// `.dense` with this layer's sizes and activation.
  public var config: LayerConfig {
    .dense(inputSize: inputSize, outputSize: outputSize, useBias: bias != nil, activation: activation)
  }

  /// `weight` and, if present, `bias`.
  public var ownParameters: [NamedTensor] { [("weight", weight)] + (bias.map { [("bias", $0)] } ?? []) }

  /// Applies the layer to `[N, inputSize]` (higher ranks are flattened to that first).
  public func forward(_ x: Tensor) -> Tensor {
    let x2 = x.rank == 2 ? x : x.reshaped([-1, inputSize])
    var y = x2.matmul(weight)
    if let bias { y = y + bias }
    return activation(y)
  }
}
