/// One layer call seen while tracing, in completion order (children before their container).
public struct LayerCall {
  /// The dotted path of the layer (`layers.0`, `layers.3.body.layers.1`; "" for the root).
  public let path: String
  /// The layer object itself: read `config`, `ownParameters`, `ownBuffers` and concrete properties from it.
  public let layer: any Layer
  /// The input tensor; `ObjectIdentifier(input)` equals the identifier of the producing call's output.
  public let input: Tensor
  /// The output tensor.
  public let output: Tensor
  /// Whether the layer has no children (a leaf maps to operators; a container only wires its children).
  public var isLeaf: Bool { layer.children.isEmpty }
}

/// A `LayerTracer` that records every call: the starting point of a converter's graph capture.
///
/// Tensors are identified by object identity: a call's `input` is the same object as the `output` of
/// the call that produced it (or the model input), so the calls form a data-flow graph. A `Residual`
/// container's own call (recorded after its children) adds `activation(body output + shortcut output)`.
public final class LayerCallRecorder: LayerTracer {
  /// The recorded calls in completion order.
  public private(set) var calls: [LayerCall] = []

  /// Creates an empty recorder.
  public init() {}

  /// Runs `model` on `input` under tracing in evaluation mode (so BatchNorm uses and keeps its running
  /// statistics and Dropout is the identity), restores each layer's mode, and returns the recorder.
  public static func record(_ model: any Layer, input: Tensor) -> (recorder: LayerCallRecorder, output: Tensor) {
    var modes: [(any Layer, Bool)] = []
    model.visitLayers { _, layer in modes.append((layer, layer.isTraining)) }
    model.setTraining(false)
    defer { for (layer, mode) in modes { layer.isTraining = mode } }
    let r = LayerCallRecorder()
    let y = Tracing.trace(with: r) { model(input) }
    return (r, y)
  }

  /// Ignored: calls are recorded when they complete.
  public func willCall(_ layer: any Layer, path: String, input: Tensor) {}

  /// Records a completed call.
  public func didCall(_ layer: any Layer, path: String, input: Tensor, output: Tensor) {
    calls.append(LayerCall(path: path, layer: layer, input: input, output: output))
  }
}
