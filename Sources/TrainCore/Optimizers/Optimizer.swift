#if canImport(Glibc)
import Glibc
#endif

/// Errors raised when restoring optimizer state.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
  /// A state tensor's shape differs from its parameter's.
  case shapeMismatch(name: String, expected: [Int], found: [Int])
  /// The saved state belongs to another optimizer kind.
  case wrongKind(expected: String, found: String)
  /// The checkpoint holds no optimizer state.
  case missingState

  /// A one-line explanation.
  public var description: String {
    switch self {
    case let .shapeMismatch(name, e, f): return "optimizer state \(name): expected shape \(e), found \(f)"
    case let .wrongKind(e, f): return "optimizer state is for \(f), not \(e)"
    case .missingState: return "checkpoint holds no optimizer state"
    }
  }
}

/// Updates named parameters from their gradients; only the per-parameter update differs between kinds.
public protocol Optimizer: AnyObject {
  /// The parameters with their stable names (the keys of the optimizer state).
  var parameters: [NamedTensor] { get }
  /// The learning rate used by the next `step()`; schedules write it.
  var learningRate: Float { get set }
  /// The number of `step()` calls so far.
  var stepCount: Int { get }
  /// A short kind name stored in checkpoints (`sgd`, `adam`, `adamw`).
  var kind: String { get }
  /// Applies one update to every parameter that has a gradient.
  func step()
  /// The per-parameter state tensors, named `<parameter>.<slot>` (e.g. `layers.0.weight.exp_avg`).
  func stateTensors() -> [NamedTensor]
  /// Restores state saved by `stateTensors()` and the step count.
  func loadState(_ tensors: [String: Tensor], stepCount: Int) throws
}

extension Optimizer {
  /// Clears every parameter's gradient.
  public func zeroGrad() { for (_, p) in parameters { p.grad = nil } }
}

/// Scales all gradients so that their joint L2 norm is at most `maxNorm` (PyTorch's `clip_grad_norm_`,
/// coefficient `maxNorm / (norm + 1e-6)` clamped to 1); returns the norm before clipping.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
  var sq: Double = 0
  for p in parameters { if let g = p.grad { for v in g.data { sq += Double(v) * Double(v) } } }
  let norm = Float(sq.squareRoot())
  let coef = min(maxNorm / (norm + 1e-6), 1)
  if coef < 1 {
    for p in parameters { if let g = p.grad { for i in 0..<g.count { g.data[i] *= coef } } }
  }
  return norm
}

/// Stochastic gradient descent with PyTorch's momentum, dampening, Nesterov and weight-decay formulas.
public final class SGD: Optimizer {
  /// The parameters being optimized.
  public let parameters: [NamedTensor]
  /// The learning rate for the next step.
  public var learningRate: Float
  /// Momentum factor (0 disables the buffer).
  public let momentum: Float
  /// Dampening applied to new gradients in the momentum buffer.
  public let dampening: Float
  /// Whether to use Nesterov momentum.
  public let nesterov: Bool
  /// L2 penalty added to the gradient.
  public let weightDecay: Float
  /// Steps taken.
  public private(set) var stepCount = 0
  /// `sgd`.
  public let kind = "sgd"
  private var buffers: [Int: [Float]] = [:]

  /// Creates an SGD optimizer.
  public init(parameters: [NamedTensor], learningRate: Float, momentum: Float = 0, dampening: Float = 0,
              nesterov: Bool = false, weightDecay: Float = 0) {
    precondition(!nesterov || (momentum > 0 && dampening == 0), "Nesterov needs momentum and zero dampening")
    self.parameters = parameters; self.learningRate = learningRate; self.momentum = momentum
    self.dampening = dampening; self.nesterov = nesterov; self.weightDecay = weightDecay
  }

  /// `g += wd·p; buf = μ·buf + (1-τ)·g (buf = g at first); g = nesterov ? g + μ·buf : buf; p -= lr·g`.
  public func step() {
    stepCount += 1
    for (k, (_, p)) in parameters.enumerated() {
      guard let grad = p.grad else { continue }
      var g = grad.data
      if weightDecay != 0 { for i in 0..<g.count { g[i] += weightDecay * p.data[i] } }
      if momentum != 0 {
        if var buf = buffers[k] {
          for i in 0..<g.count { buf[i] = momentum * buf[i] + (1 - dampening) * g[i] }
          buffers[k] = buf
        } else {
          buffers[k] = g
        }
        let buf = buffers[k]!
        if nesterov { for i in 0..<g.count { g[i] += momentum * buf[i] } } else { g = buf }
      }
      let lr = learningRate
      p.data.withUnsafeMutableBufferPointer { pd in for i in 0..<pd.count { pd[i] -= lr * g[i] } }
    }
  }

  /// Momentum buffers named `<parameter>.momentum_buffer`.
  public func stateTensors() -> [NamedTensor] {
    parameters.enumerated().compactMap { k, np in
      buffers[k].map { (np.name + ".momentum_buffer", Tensor(shape: np.tensor.shape, data: $0)) }
    }
  }

  /// Restores momentum buffers and the step count.
  public func loadState(_ tensors: [String: Tensor], stepCount: Int) throws {
    buffers = [:]
    for (k, (name, p)) in parameters.enumerated() {
      guard let t = tensors[name + ".momentum_buffer"] else { continue }
      guard t.shape == p.shape else { throw OptimizerError.shapeMismatch(name: name, expected: p.shape, found: t.shape) }
      buffers[k] = t.data
    }
    self.stepCount = stepCount
  }
}

/// Adam and AdamW with PyTorch's exact update (bias corrections applied as in `torch.optim.Adam`).
public final class Adam: Optimizer {
  /// The parameters being optimized.
  public let parameters: [NamedTensor]
  /// The learning rate for the next step.
  public var learningRate: Float
  /// Decay rate of the first moment.
  public let beta1: Float
  /// Decay rate of the second moment.
  public let beta2: Float
  /// Added to the denominator.
  public let epsilon: Float
  /// Weight decay: L2 added to the gradient (Adam) or decoupled shrinkage `p *= 1 - lr·wd` (AdamW).
  public let weightDecay: Float
  /// Whether weight decay is decoupled (AdamW).
  public let decoupled: Bool
  /// Steps taken.
  public private(set) var stepCount = 0
  private var m: [Int: [Float]] = [:]
  private var v: [Int: [Float]] = [:]

  /// `adam` or `adamw`.
  public var kind: String { decoupled ? "adamw" : "adam" }

  /// Creates an Adam optimizer (PyTorch defaults).
  public init(parameters: [NamedTensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
              epsilon: Float = 1e-8, weightDecay: Float = 0) {
    self.parameters = parameters; self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
    self.epsilon = epsilon; self.weightDecay = weightDecay; self.decoupled = false
  }

  /// Creates an AdamW optimizer (decoupled weight decay, PyTorch defaults incl. `weightDecay = 0.01`).
  public init(adamWParameters parameters: [NamedTensor], learningRate: Float = 1e-3, beta1: Float = 0.9,
              beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
    self.parameters = parameters; self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
    self.epsilon = epsilon; self.weightDecay = weightDecay; self.decoupled = true
  }

  /// One Adam(W) update of every parameter with a gradient.
  public func step() {
    stepCount += 1
    let t = Float(stepCount)
    let bc1 = 1 - powf(beta1, t), bc2sqrt = (1 - powf(beta2, t)).squareRoot()
    let stepSize = learningRate / bc1
    for (k, (_, p)) in parameters.enumerated() {
      guard let grad = p.grad else { continue }
      var g = grad.data
      if weightDecay != 0 {
        if decoupled {
          let shrink = 1 - learningRate * weightDecay
          for i in 0..<p.count { p.data[i] *= shrink }
        } else {
          for i in 0..<g.count { g[i] += weightDecay * p.data[i] }
        }
      }
      var mk = m[k] ?? [Float](repeating: 0, count: g.count)
      var vk = v[k] ?? [Float](repeating: 0, count: g.count)
      for i in 0..<g.count {
        mk[i] += (g[i] - mk[i]) * (1 - beta1)
        vk[i] = vk[i] * beta2 + (1 - beta2) * g[i] * g[i]
        let denom = vk[i].squareRoot() / bc2sqrt + epsilon
        p.data[i] -= stepSize * mk[i] / denom
      }
      m[k] = mk; v[k] = vk
    }
  }

  /// Moments named `<parameter>.exp_avg` and `<parameter>.exp_avg_sq`.
  public func stateTensors() -> [NamedTensor] {
    var out: [NamedTensor] = []
    for (k, (name, p)) in parameters.enumerated() {
      if let mk = m[k], let vk = v[k] {
        out.append((name + ".exp_avg", Tensor(shape: p.shape, data: mk)))
        out.append((name + ".exp_avg_sq", Tensor(shape: p.shape, data: vk)))
      }
    }
    return out
  }

  /// Restores both moments and the step count.
  public func loadState(_ tensors: [String: Tensor], stepCount: Int) throws {
    m = [:]; v = [:]
    for (k, (name, p)) in parameters.enumerated() {
      guard let mt = tensors[name + ".exp_avg"], let vt = tensors[name + ".exp_avg_sq"] else { continue }
      for t in [mt, vt] where t.shape != p.shape {
        throw OptimizerError.shapeMismatch(name: name, expected: p.shape, found: t.shape)
      }
      m[k] = mt.data; v[k] = vt.data
    }
    self.stepCount = stepCount
  }
}
