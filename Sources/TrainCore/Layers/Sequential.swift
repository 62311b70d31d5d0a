/// Layers applied one after another; child `i` is named `layers.i`.
public final class Sequential: Layer {
  /// The layers in call order.
  public let layers: [any Layer]
  /// Training mode (propagate with `setTraining(_:)`).
  public var isTraining = true

  /// Creates a sequence of layers.
  public init(_ layers: [any Layer]) { self.layers = layers }

  /// `.sequential`.
  public var config: LayerConfig { .sequential }
  /// `layers.0`, `layers.1`, ...
  public var children: [NamedLayer] { layers.enumerated().map { ("layers.\($0.offset)", $0.element) } }

  /// Applies each layer in turn.
  public func forward(_ x: Tensor) -> Tensor {
    var y = x
    for (i, layer) in layers.enumerated() { y = call(child: "layers.\(i)", layer, y) }
    return y
  }
}

/// A residual block `act(body(x) + shortcut(x))`; the shortcut is the identity when `nil`.
public final class Residual: Layer {
  /// The main path (child `body`).
  public let body: any Layer
  /// The projection on the skip path (child `shortcut`), or `nil` for identity.
  public let shortcut: (any Layer)?
  /// Applied after the sum.
  public let activation: Activation
  /// Training mode (propagate with `setTraining(_:)`).
  public var isTraining = true

  /// Creates a residual block.
  public init(body: any Layer, shortcut: (any Layer)? = nil, activation: Activation = .relu) {
    self.body = body; self.shortcut = shortcut; self.activation = activation
  }

  /// `.residual` with the post-sum activation.
  public var config: LayerConfig { .residual(activation: activation) }
  /// `body` and, if present, `shortcut`.
  public var children: [NamedLayer] { [("body", body)] + (shortcut.map { [("shortcut", $0)] } ?? []) }

  /// `act(body(x) + shortcut(x))`.
  public func forward(_ x: Tensor) -> Tensor {
    let main = call(child: "body", body, x)
    let skip = shortcut.map { call(child: "shortcut", $0, x) } ?? x
    return activation(main + skip)
  }
}
