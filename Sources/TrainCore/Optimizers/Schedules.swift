#if canImport(Glibc)
import Glibc
#endif

/// A learning rate as a function of the step (or epoch) index, starting at 0.
public protocol LearningRateSchedule: Sendable {
  /// The learning rate to use at `step`.
  func learningRate(at step: Int) -> Float
}

/// A constant learning rate.
public struct ConstantLR: LearningRateSchedule {
  /// The rate.
  public let rate: Float
  /// Creates a constant schedule.
  public init(_ rate: Float) { self.rate = rate }
  /// Always `rate`.
  public func learningRate(at step: Int) -> Float { rate }
}

/// `base · gamma^(step / stepSize)` (PyTorch `StepLR`).
public struct StepLR: LearningRateSchedule {
  /// Initial rate.
  public let base: Float
  /// Steps between decays.
  public let stepSize: Int
  /// Decay factor.
  public let gamma: Float
  /// Creates a step schedule.
  public init(base: Float, stepSize: Int, gamma: Float = 0.1) {
    precondition(stepSize > 0)
    self.base = base; self.stepSize = stepSize; self.gamma = gamma
  }
  /// The decayed rate.
  public func learningRate(at step: Int) -> Float { base * powf(gamma, Float(step / stepSize)) }
}

/// `min + (base - min) · (1 + cos(π · step / total)) / 2`, held at `min` after `total` (PyTorch `CosineAnnealingLR`).
public struct CosineLR: LearningRateSchedule {
  /// Initial rate.
  public let base: Float
  /// Steps to reach the minimum.
  public let totalSteps: Int
  /// Final rate.
  public let minimum: Float
  /// Creates a cosine schedule.
  public init(base: Float, totalSteps: Int, minimum: Float = 0) {
    precondition(totalSteps > 0)
    self.base = base; self.totalSteps = totalSteps; self.minimum = minimum
  }
  /// The annealed rate.
  public func learningRate(at step: Int) -> Float {
    let t = Double(min(step, totalSteps)) / Double(totalSteps)
    return minimum + (base - minimum) * Float((1 + cos(Double.pi * t)) / 2)
  }
}

/// Linear warm-up over the first `warmupSteps` steps: `inner(step) · (step + 1) / warmupSteps`, then `inner(step)`.
public struct WarmupLR<Inner: LearningRateSchedule>: LearningRateSchedule {
  /// The schedule after (and scaled during) warm-up.
  public let inner: Inner
  /// Length of the warm-up.
  public let warmupSteps: Int
  /// Creates a warm-up wrapper.
  public init(_ inner: Inner, warmupSteps: Int) { self.inner = inner; self.warmupSteps = warmupSteps }
  /// The warmed-up rate.
  public func learningRate(at step: Int) -> Float {
    let r = inner.learningRate(at: step)
    return step < warmupSteps ? r * Float(step + 1) / Float(warmupSteps) : r
  }
}
