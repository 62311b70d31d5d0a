#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The index of the largest logit in each row of `[N, C]` (first on ties).
public func argmax(rowsOf logits: Tensor) -> [Int] {
  precondition(logits.rank == 2, "argmax needs [N, C], got \(logits.shape)")
  let c = logits.shape[1]
  return (0..<logits.shape[0]).map { r in
    var best = 0
    for j in 1..<max(c, 1) where logits.data[r * c + j] > logits.data[r * c + best] { best = j }
    return best
  }
}

/// Running classification accuracy over batches.
public struct AccuracyMeter {
  /// Correct predictions so far.
  public private(set) var correct = 0
  /// Samples seen so far.
  public private(set) var total = 0
  /// Creates an empty meter.
  public init() {}
  /// Adds a batch of logits and their labels.
  public mutating func add(logits: Tensor, labels: [Int]) {
    for (p, y) in zip(argmax(rowsOf: logits), labels) where p == y { correct += 1 }
    total += labels.count
  }
  /// `correct / total` (0 when empty).
  public var value: Float { total == 0 ? 0 : Float(correct) / Float(total) }
}

/// A running mean weighted by sample counts (e.g. the epoch's loss).
public struct MeanMeter {
  private var sum: Double = 0
  /// The total weight so far.
  public private(set) var count = 0
  /// Creates an empty meter.
  public init() {}
  /// Adds `value` with weight `count`.
  public mutating func add(_ value: Float, count n: Int = 1) { sum += Double(value) * Double(n); count += n }
  /// The weighted mean (0 when empty).
  public var value: Float { count == 0 ? 0 : Float(sum / Double(count)) }
}

/// A one-line progress bar redrawn in place on a terminal; on a pipe it prints only each finished line.
public struct ProgressBar {
  /// Steps in one pass.
  public let total: Int
  /// Whether output goes to a terminal (bar redrawn with `\r`) or not (plain lines).
  public let interactive: Bool
  private let write: (String) -> Void

  /// Creates a bar; `interactive` defaults to whether stdout is a tty.
  public init(total: Int, interactive: Bool = isatty(STDOUT_FILENO) != 0,
              write: @escaping (String) -> Void = { print($0, terminator: ""); fflush(nil) }) {
    self.total = total; self.interactive = interactive; self.write = write
  }

  /// Redraws the bar at `step` of `total` with a prefix and a status text (terminal only).
  public func update(step: Int, prefix: String, status: String) {
    guard interactive else { return }
    let width = 24
    let filled = total == 0 ? width : min(width, step * width / total)
    let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") +
      String(repeating: " ", count: max(0, width - filled - 1))
    write("\r\(prefix) [\(bar)] \(step)/\(total) \(status)\u{1B}[K")
  }

  /// Ends the pass with a final line (replacing the bar on a terminal).
  public func finish(_ line: String) {
    write(interactive ? "\r\(line)\u{1B}[K\n" : line + "\n")
  }
}
