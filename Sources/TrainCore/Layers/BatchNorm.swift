/// Batch normalization over the last (channel) axis with PyTorch's parameter names and momentum.
public final class BatchNorm: Layer {
  /// The scale γ `[features]`, initialized to ones.
  public let weight: Tensor
  /// The offset β `[features]`, initialized to zeros.
  public let bias: Tensor
  /// The running mean `[features]` used in evaluation.
  public let runningMean: Tensor
  /// The running (unbiased) variance `[features]` used in evaluation.
  public let runningVar: Tensor
  /// Weight of the newest batch in the running statistics.
  public let momentum: Float
  /// Added to the variance before the square root.
  public let epsilon: Float
  /// Training uses batch statistics and updates the running ones; evaluation uses the running ones.
  public var isTraining = true

  /// Creates a batch-norm layer for `features` channels.
  public init(features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
    weight = .ones([features], requiresGrad: true)
    bias = .zeros([features], requiresGrad: true)
    runningMean = .zeros([features])
    runningVar = .ones([features])
    self.momentum = momentum
    self.epsilon = epsilon
  }

  /// `.batchNorm` with this layer's size and constants.
  public var config: LayerConfig { .batchNorm(features: weight.count, momentum: momentum, epsilon: epsilon) }
  /// `weight` (γ) and `bias` (β).
  public var ownParameters: [NamedTensor] { [("weight", weight), ("bias", bias)] }
  /// `running_mean` and `running_var`.
  public var ownBuffers: [NamedTensor] { [("running_mean", runningMean), ("running_var", runningVar)] }

  /// Normalizes `x` according to the current mode.
  public func forward(_ x: Tensor) -> Tensor {
    batchNorm(x, scale: weight, offset: bias, runningMean: runningMean, runningVar: runningVar,
              training: isTraining, momentum: momentum, epsilon: epsilon)
  }
}
