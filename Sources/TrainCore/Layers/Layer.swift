/// A fusable activation function; an enum (not a closure) so a converter can map it to TFLite's
/// `fused_activation_function` or to a standalone operator.
public enum Activation: Equatable, Sendable {
  /// Identity.
  case none
  /// `max(x, 0)`.
  case relu
  /// `min(max(x, 0), 6)`.
  case relu6
  /// Hyperbolic tangent.
  case tanh
  /// Logistic sigmoid.
  case sigmoid
  /// `x * relu6(x + 3) / 6`.
  case hardSwish
  /// `x` for positive inputs, `alpha * x` otherwise.
  case leakyRelu(alpha: Float)

  /// Applies the activation to a tensor.
  public func callAsFunction(_ x: Tensor) -> Tensor {
    switch self {
    case .none: return x
    case .relu: return x.relu()
    case .relu6: return x.relu6()
    case .tanh: return x.tanh()
    case .sigmoid: return x.sigmoid()
    case .hardSwish: return x.hardSwish()
    case .leakyRelu(let alpha): return x.leakyRelu(alpha: alpha)
    }
  }
}

/// The kind and hyperparameters of a layer: everything a converter needs besides the parameter tensors.
public enum LayerConfig: Equatable, Sendable {
  /// `y = act(x · weight + bias)`, weight `[inputSize, outputSize]`.
  case dense(inputSize: Int, outputSize: Int, useBias: Bool, activation: Activation)
  /// NHWC convolution, weight `[kh, kw, inChannels, filters]`.
  case conv2D(inChannels: Int, filters: Int, kernelSize: [Int], strides: [Int], padding: Padding,
              dilation: [Int], useBias: Bool, activation: Activation)
  /// NHWC depthwise convolution, weight `[kh, kw, inChannels, depthMultiplier]`.
  case depthwiseConv2D(inChannels: Int, depthMultiplier: Int, kernelSize: [Int], strides: [Int],
                       padding: Padding, dilation: [Int], useBias: Bool, activation: Activation)
  /// Batch normalization over the last axis (PyTorch momentum convention).
  case batchNorm(features: Int, momentum: Float, epsilon: Float)
  /// Max pooling.
  case maxPool2D(poolSize: [Int], strides: [Int], padding: Padding)
  /// Average pooling (SAME counts only real elements).
  case avgPool2D(poolSize: [Int], strides: [Int], padding: Padding)
  /// Mean over H and W: `[N, H, W, C] -> [N, C]`.
  case globalAvgPool2D
  /// `[N, ...] -> [N, prod(...)]`.
  case flatten
  /// Inverted dropout in training, identity in evaluation.
  case dropout(rate: Float)
  /// A standalone activation.
  case activation(Activation)
  /// Children applied in order.
  case sequential
  /// `act(body(x) + shortcut(x))`, the shortcut being identity when absent.
  case residual(activation: Activation)
}

/// A named tensor: a parameter or buffer with its stable, dotted name (a checkpoint key).
public typealias NamedTensor = (name: String, tensor: Tensor)

/// A named child layer.
public typealias NamedLayer = (name: String, layer: any Layer)

/// A neural-network building block: callable, with explicitly listed children, parameters and config.
///
/// Conformers implement `forward`; callers use `layer(x)`, which also reports to an active `LayerTracer`.
public protocol Layer: AnyObject {
  /// Kind and hyperparameters, for converters and checkpoints.
  var config: LayerConfig { get }
  /// Sub-layers in call order with their names (`layers.0`, `body`, ...); empty for leaf layers.
  var children: [NamedLayer] { get }
  /// Trainable tensors owned directly by this layer (not by children), e.g. `weight`, `bias`.
  var ownParameters: [NamedTensor] { get }
  /// Non-trainable state owned directly by this layer, e.g. `running_mean`.
  var ownBuffers: [NamedTensor] { get }
  /// Whether the layer behaves as in training (dropout active, batch statistics) or evaluation.
  var isTraining: Bool { get set }
  /// Computes the layer's output; call the layer itself instead so tracing sees it.
  func forward(_ x: Tensor) -> Tensor
}

extension Layer {
  /// Leaf layers have no children by default.
  public var children: [NamedLayer] { [] }
  /// Layers own no parameters by default.
  public var ownParameters: [NamedTensor] { [] }
  /// Layers own no buffers by default.
  public var ownBuffers: [NamedTensor] { [] }

  /// Runs the layer, reporting the call to the active tracer if there is one.
  public func callAsFunction(_ x: Tensor) -> Tensor {
    guard let tracer = Tracing.current else { return forward(x) }
    let path = Tracing.path.joined(separator: ".")
    tracer.willCall(self, path: path, input: x)
    let y = forward(x)
    tracer.didCall(self, path: path, input: x, output: y)
    return y
  }

  /// Runs a child layer under `name`, so tracers see its dotted path (use from composite `forward`s).
  public func call(child name: String, _ layer: any Layer, _ x: Tensor) -> Tensor {
    guard Tracing.current != nil else { return layer.forward(x) }
    Tracing.path.append(name)
    defer { Tracing.path.removeLast() }
    return layer(x)
  }

  /// Visits this layer and every descendant, depth-first in call order, with dotted paths ("" for self).
  public func visitLayers(prefix: String = "", _ visit: (String, any Layer) -> Void) {
    visit(prefix, self)
    for (name, child) in children { child.visitLayers(prefix: prefix.isEmpty ? name : prefix + "." + name, visit) }
  }

  /// Every trainable tensor in the tree with its stable name, e.g. `layers.0.weight`.
  public var namedParameters: [NamedTensor] {
    var out: [NamedTensor] = []
    visitLayers { path, layer in
      for (n, t) in layer.ownParameters { out.append((path.isEmpty ? n : path + "." + n, t)) }
    }
    return out
  }

  /// Every buffer in the tree with its stable name, e.g. `layers.1.running_var`.
  public var namedBuffers: [NamedTensor] {
    var out: [NamedTensor] = []
    visitLayers { path, layer in
      for (n, t) in layer.ownBuffers { out.append((path.isEmpty ? n : path + "." + n, t)) }
    }
    return out
  }

  /// Parameters followed by buffers: the complete state a checkpoint stores.
  public var stateTensors: [NamedTensor] { namedParameters + namedBuffers }

  /// The trainable tensors without names.
  public var parameters: [Tensor] { namedParameters.map(\.tensor) }

  /// Sets training mode on this layer and all descendants.
  public func setTraining(_ training: Bool) {
    visitLayers { _, layer in layer.isTraining = training }
  }

  /// Clears the gradients of every parameter.
  public func zeroGrad() { for p in parameters { p.grad = nil } }
}

/// Receives every layer call made while tracing: the hook a converter uses to record a graph.
public protocol LayerTracer: AnyObject {
  /// Called before `layer` runs on `input`; `path` is its dotted name ("" for the root).
  func willCall(_ layer: any Layer, path: String, input: Tensor)
  /// Called after `layer` produced `output` from `input`.
  func didCall(_ layer: any Layer, path: String, input: Tensor, output: Tensor)
}

/// The tracing state: the active tracer and the path of the layer being called.
public enum Tracing {
  nonisolated(unsafe) static var current: (any LayerTracer)?
  nonisolated(unsafe) static var path: [String] = []

  /// Runs `body` with `tracer` receiving every layer call (nested calls included), in eval-safe no-grad mode.
  public static func trace<R>(with tracer: any LayerTracer, _ body: () throws -> R) rethrows -> R {
    let (savedTracer, savedPath) = (current, path)
    current = tracer
    path = []
    defer { current = savedTracer; path = savedPath }
    return try withNoGrad(body)
  }
}
