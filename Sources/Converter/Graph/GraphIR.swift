import TrainCore

/// The converter's graph IR: one node per traced layer call (plus the residual additions), values
/// identified by small integers, constants held as float arrays with their parameter names.
public struct GraphIR {
  /// A float constant with the checkpoint name it came from.
  public struct Constant: Equatable {
    /// Stable name (`layers.0.weight`), used as the `.tflite` tensor name.
    public var name: String
    /// Shape in the layout of the TrainCore layer.
    public var shape: [Int]
    /// Row-major values.
    public var values: [Float]
  }

  /// What a node computes.
  public enum Kind: Equatable {
    /// `act(x · weight + bias)`, weight `[in, out]`.
    case dense(weight: Constant, bias: Constant?, activation: Activation)
    /// NHWC convolution, weight HWIO.
    case conv2D(weight: Constant, bias: Constant?, strides: [Int], padding: Padding, dilation: [Int], activation: Activation)
    /// NHWC depthwise convolution, weight `[kh, kw, in, multiplier]`.
    case depthwiseConv2D(weight: Constant, bias: Constant?, strides: [Int], padding: Padding, dilation: [Int], activation: Activation)
    /// Per-channel `x · scale + shift` (a BatchNorm in evaluation mode, already folded to two vectors).
    case channelAffine(scale: Constant, shift: Constant)
    /// Max pooling.
    case maxPool2D(poolSize: [Int], strides: [Int], padding: Padding)
    /// Average pooling.
    case avgPool2D(poolSize: [Int], strides: [Int], padding: Padding)
    /// Mean over H and W.
    case globalAvgPool2D
    /// Reshape to the output shape.
    case reshape
    /// Identity (dropout in evaluation mode).
    case identity
    /// A standalone activation.
    case activation(Activation)
    /// `act(a + b)`.
    case add(activation: Activation)
  }

  /// One node.
  public struct Node {
    /// The layer path it came from (`layers.2`).
    public var name: String
    /// The computation.
    public var kind: Kind
    /// Input value ids.
    public var inputs: [Int]
    /// Output value id.
    public var output: Int
  }

  /// Shapes of every value (batch axis included).
  public var shapes: [[Int]] = []
  /// Nodes in execution order.
  public var nodes: [Node] = []
  /// The graph input value.
  public var input = 0
  /// The graph output value.
  public var output = 0

  /// Adds a value of `shape` and returns its id.
  mutating func newValue(_ shape: [Int]) -> Int {
    shapes.append(shape)
    return shapes.count - 1
  }

  /// The nodes reading each value.
  var consumers: [[Int]] {
    var c = [[Int]](repeating: [], count: shapes.count)
    for (i, n) in nodes.enumerated() { for v in n.inputs { c[v].append(i) } }
    return c
  }

  /// Replaces every use of value `old` (by nodes and as the graph output) with `new`.
  mutating func replaceUses(of old: Int, with new: Int) {
    for i in nodes.indices { nodes[i].inputs = nodes[i].inputs.map { $0 == old ? new : $0 } }
    if output == old { output = new }
  }
}
