/// Process-wide switch for recording operations on the tape.
///
/// TrainCore's tape is single-threaded: build and differentiate a graph on one thread.
public enum GradMode {
  nonisolated(unsafe) static var enabled = true
  nonisolated(unsafe) static var nextNodeID = 0

  /// Whether new operations are currently recorded for differentiation.
  public static var isEnabled: Bool { enabled }
}

/// Runs `body` without recording operations (like `torch.no_grad()`), restoring the previous mode after.
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
  let saved = GradMode.enabled
  GradMode.enabled = false
  defer { GradMode.enabled = saved }
  return try body()
}
