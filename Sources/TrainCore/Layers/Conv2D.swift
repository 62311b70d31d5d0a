/// A 2-D convolution on NHWC input with weight `[kh, kw, inChannels, filters]` (HWIO, like Keras).
public final class Conv2D: Layer {
  /// The filter `[kh, kw, inChannels, filters]` (Glorot-uniform initialized).
  public let weight: Tensor
  /// The bias `[filters]` (zero initialized), or `nil` when disabled.
  public let bias: Tensor?
  /// Stride along H and W.
  public let strides: (Int, Int)
  /// SAME or VALID padding.
  public let padding: Padding
  /// Dilation along H and W.
  public let dilation: (Int, Int)
  /// The fused activation.
  public let activation: Activation
  /// Whether the layer is in training mode (no effect on Conv2D).
  public var isTraining = true

  /// Creates a convolution with Glorot-uniform filters drawn from `rng` and zero bias.
  public init(inChannels: Int, filters: Int, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1),
              padding: Padding = .valid, dilation: (Int, Int) = (1, 1), activation: Activation = .none,
              useBias: Bool = true, rng: inout Xoshiro256) {
    let area = kernelSize.0 * kernelSize.1
    let limit = (6 / Float(area * (inChannels + filters))).squareRoot()
    weight = .uniform([kernelSize.0, kernelSize.1, inChannels, filters], low: -limit, high: limit, rng: &rng,
                      requiresGrad: true)
    bias = useBias ? .zeros([filters], requiresGrad: true) : nil
    self.strides = strides; self.padding = padding; self.dilation = dilation; self.activation = activation
  }

  /// `.conv2D` with this layer's hyperparameters.
  public var config: LayerConfig {
    .conv2D(inChannels: weight.shape[2], filters: weight.shape[3], kernelSize: [weight.shape[0], weight.shape[1]],
            strides: [strides.0, strides.1], padding: padding, dilation: [dilation.0, dilation.1],
            useBias: bias != nil, activation: activation)
  }

  /// `weight` and, if present, `bias`.
  public var ownParameters: [NamedTensor] { [("weight", weight)] + (bias.map { [("bias", $0)] } ?? []) }

  /// Applies the convolution, bias and activation to `[N, H, W, inChannels]`.
  public func forward(_ x: Tensor) -> Tensor {
    var y = x.conv2d(weight, strides: strides, padding: padding, dilation: dilation)
    if let bias { y = y + bias }
    return activation(y)
  }
}

/// A depthwise 2-D convolution with weight `[kh, kw, inChannels, depthMultiplier]` (TF layout).
public final class DepthwiseConv2D: Layer {
  /// The filter `[kh, kw, inChannels, depthMultiplier]`.
  public let weight: Tensor
  /// The bias `[inChannels * depthMultiplier]`, or `nil` when disabled.
  public let bias: Tensor?
  /// Stride along H and W.
  public let strides: (Int, Int)
  /// SAME or VALID padding.
  public let padding: Padding
  /// Dilation along H and W.
  public let dilation: (Int, Int)
  /// The fused activation.
  public let activation: Activation
  /// Whether the layer is in training mode (no effect here).
  public var isTraining = true

  /// Creates a depthwise convolution with Glorot-uniform filters drawn from `rng` and zero bias.
  public init(inChannels: Int, depthMultiplier: Int = 1, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1),
              padding: Padding = .valid, dilation: (Int, Int) = (1, 1), activation: Activation = .none,
              useBias: Bool = true, rng: inout Xoshiro256) {
    let area = kernelSize.0 * kernelSize.1
    let limit = (6 / Float(area * (inChannels + depthMultiplier))).squareRoot()
    weight = .uniform([kernelSize.0, kernelSize.1, inChannels, depthMultiplier], low: -limit, high: limit,
                      rng: &rng, requiresGrad: true)
    bias = useBias ? .zeros([inChannels * depthMultiplier], requiresGrad: true) : nil
    self.strides = strides; self.padding = padding; self.dilation = dilation; self.activation = activation
  }

  /// `.depthwiseConv2D` with this layer's hyperparameters.
  public var config: LayerConfig {
    .depthwiseConv2D(inChannels: weight.shape[2], depthMultiplier: weight.shape[3],
                     kernelSize: [weight.shape[0], weight.shape[1]], strides: [strides.0, strides.1],
                     padding: padding, dilation: [dilation.0, dilation.1], useBias: bias != nil,
                     activation: activation)
  }

  /// `weight` and, if present, `bias`.
  public var ownParameters: [NamedTensor] { [("weight", weight)] + (bias.map { [("bias", $0)] } ?? []) }

  /// Applies the depthwise convolution, bias and activation.
  public func forward(_ x: Tensor) -> Tensor {
    var y = x.depthwiseConv2d(weight, strides: strides, padding: padding, dilation: dilation)
    if let bias { y = y + bias }
    return activation(y)
  }
}
