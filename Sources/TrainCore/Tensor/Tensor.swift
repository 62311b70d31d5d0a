/// A dense, row-major float32 tensor that records its history for reverse-mode autograd.
///
/// Images use NHWC layout, as TensorFlow Lite does. A tensor owns its `data` array (value
/// semantics underneath, so a detached copy shares storage until one side writes).
public final class Tensor {
  /// The extent of each axis, outermost first.
  public private(set) var shape: [Int]
  /// The elements in row-major order; `data.count == shape.reduce(1, *)`.
  public var data: [Float]
  /// Whether gradients flow to this tensor during `backward()`.
  public var requiresGrad: Bool
  /// The accumulated gradient of a leaf tensor after `backward()`; `nil` until the first one.
  public var grad: Tensor?
  /// The operation that produced this tensor, when it was recorded on the tape.
  var node: Node?

  /// Creates a tensor from its shape and row-major elements.
  public init(shape: [Int], data: [Float], requiresGrad: Bool = false) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
    precondition(shape.reduce(1, *) == data.count,
                 "shape \(shape) needs \(shape.reduce(1, *)) elements, got \(data.count)")
    self.shape = shape
    self.data = data
    self.requiresGrad = requiresGrad
  }

  /// Creates a tensor of the given shape filled with one value.
  public convenience init(repeating value: Float, shape: [Int], requiresGrad: Bool = false) {
    self.init(shape: shape, data: [Float](repeating: value, count: shape.reduce(1, *)),
              requiresGrad: requiresGrad)
  }

  /// Creates a rank-0 tensor holding one value.
  public convenience init(_ scalar: Float) {
    self.init(shape: [], data: [scalar])
  }

  /// Creates a tensor of zeros.
  public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
    Tensor(repeating: 0, shape: shape, requiresGrad: requiresGrad)
  }

  /// Creates a tensor of ones.
  public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
    Tensor(repeating: 1, shape: shape, requiresGrad: requiresGrad)
  }

  /// Creates a tensor of independent uniform samples in `[low, high)`.
  public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1,
                             rng: inout Xoshiro256, requiresGrad: Bool = false) -> Tensor {
    let n = shape.reduce(1, *)
    var d = [Float](repeating: 0, count: n)
    for i in 0..<n { d[i] = low + (high - low) * rng.nextFloat() }
    return Tensor(shape: shape, data: d, requiresGrad: requiresGrad)
  }

  /// Creates a tensor of independent normal samples with the given mean and standard deviation.
  public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1,
                            rng: inout Xoshiro256, requiresGrad: Bool = false) -> Tensor {
    let n = shape.reduce(1, *)
    var d = [Float](repeating: 0, count: n)
    for i in 0..<n { d[i] = mean + std * rng.nextNormal() }
    return Tensor(shape: shape, data: d, requiresGrad: requiresGrad)
  }

  /// The number of axes.
  public var rank: Int { shape.count }
  /// The number of elements.
  public var count: Int { data.count }
  /// The single value of a one-element tensor.
  public var item: Float {
    precondition(data.count == 1, "item needs one element, tensor has shape \(shape)")
    return data[0]
  }
  /// Whether this tensor was created by the user rather than by a recorded operation.
  public var isLeaf: Bool { node == nil }

  /// A tensor sharing this one's values but cut off from the tape (no gradient flows through it).
  public func detach() -> Tensor { Tensor(shape: shape, data: data) }

  /// Resets the accumulated gradient to `nil`.
  public func zeroGrad() { grad = nil }

  /// Overwrites the elements (and, when the count matches, the shape) in place; used by loaders.
  public func assign(shape newShape: [Int], data newData: [Float]) {
    precondition(newShape.reduce(1, *) == newData.count, "shape \(newShape) does not fit \(newData.count) elements")
    shape = newShape
    data = newData
  }
}

extension Tensor: CustomStringConvertible {
  /// A short description: shape and up to eight leading values.
  public var description: String {
    let head = data.prefix(8).map { String($0) }.joined(separator: ", ")
    return "Tensor(shape: \(shape), data: [\(head)\(data.count > 8 ? ", ..." : "")])"
  }
}
