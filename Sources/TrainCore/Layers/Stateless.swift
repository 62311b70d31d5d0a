/// Max pooling over NHWC windows.
public final class MaxPool2D: Layer {
  /// Window size along H and W.
  public let poolSize: (Int, Int)
  /// Stride along H and W (defaults to the window size).
  public let strides: (Int, Int)
  /// SAME or VALID padding.
  public let padding: Padding
  /// Unused by pooling; present for the protocol.
  public var isTraining = true

  /// Creates a max-pooling layer.
  public init(poolSize: (Int, Int) = (2, 2), strides: (Int, Int)? = nil, padding: Padding = .valid) {
    self.poolSize = poolSize; self.strides = strides ?? poolSize; self.padding = padding
  }
  /// `.maxPool2D` with this layer's window.
  public var config: LayerConfig {
    .maxPool2D(poolSize: [poolSize.0, poolSize.1], strides: [strides.0, strides.1], padding: padding)
  }
  /// Pools `x`.
  public func forward(_ x: Tensor) -> Tensor { x.maxPool2d(size: poolSize, strides: strides, padding: padding) }
}

/// Average pooling over NHWC windows.
public final class AvgPool2D: Layer {
  /// Window size along H and W.
  public let poolSize: (Int, Int)
  /// Stride along H and W (defaults to the window size).
  public let strides: (Int, Int)
  /// SAME or VALID padding.
  public let padding: Padding
  /// Unused by pooling; present for the protocol.
  public var isTraining = true

  /// Creates an average-pooling layer.
  public init(poolSize: (Int, Int) = (2, 2), strides: (Int, Int)? = nil, padding: Padding = .valid) {
    self.poolSize = poolSize; self.strides = strides ?? poolSize; self.padding = padding
  }
  /// `.avgPool2D` with this layer's window.
  public var config: LayerConfig {
    .avgPool2D(poolSize: [poolSize.0, poolSize.1], strides: [strides.0, strides.1], padding: padding)
  }
  /// Pools `x`.
  public func forward(_ x: Tensor) -> Tensor { x.avgPool2d(size: poolSize, strides: strides, padding: padding) }
}

/// Global average pooling: `[N, H, W, C] -> [N, C]`.
public final class GlobalAvgPool2D: Layer {
  /// Unused; present for the protocol.
  public var isTraining = true
  /// Creates the layer.
  public init() {}
  /// `.globalAvgPool2D`.
  public var config: LayerConfig { .globalAvgPool2D }
  /// Averages over H and W.
  public func forward(_ x: Tensor) -> Tensor { x.globalAvgPool2d().reshaped([x.shape[0], x.shape[3]]) }
}

/// Flattens all axes after the batch axis.
public final class Flatten: Layer {
  /// Unused; present for the protocol.
  public var isTraining = true
  /// Creates the layer.
  public init() {}
  /// `.flatten`.
  public var config: LayerConfig { .flatten }
  /// `[N, ...] -> [N, prod(...)]`.
  public func forward(_ x: Tensor) -> Tensor { x.flattened() }
}

/// Inverted dropout with its own seeded generator; identity in evaluation mode.
public final class Dropout: Layer {
  /// Probability of zeroing an element.
  public let rate: Float
  /// The generator drawing the masks.
  public var rng: Xoshiro256
  /// Dropout is active only in training mode.
  public var isTraining = true

  /// Creates a dropout layer.
  public init(rate: Float, seed: UInt64 = 0) {
    precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1)")
    self.rate = rate
    rng = Xoshiro256(seed: seed)
  }
  /// `.dropout` with this rate.
  public var config: LayerConfig { .dropout(rate: rate) }
  /// Drops elements in training, passes `x` through in evaluation.
  public func forward(_ x: Tensor) -> Tensor { isTraining ? x.dropout(rate: rate, rng: &rng) : x }
}

/// A standalone activation function as a layer.
public final class ActivationLayer: Layer {
  /// The function applied.
  public let activation: Activation
  /// Unused; present for the protocol.
  public var isTraining = true
  /// Creates the layer.
  public init(_ activation: Activation) { self.activation = activation }
  /// `.activation` with this function.
  public var config: LayerConfig { .activation(activation) }
  /// Applies the activation.
  public func forward(_ x: Tensor) -> Tensor { activation(x) }
}
