import Foundation
import MoteIO
import TrainCore

/// Finds the digits CSV for the commands that use it: `explicit` when given, else
/// `models/data/digits.csv` under the working directory or any ancestor of the executable's folder.
func findDigitsCSV(_ explicit: String?) throws -> String {
  if let explicit { return explicit }
  let rel = "models/data/digits.csv"
  if FileManager.default.fileExists(atPath: rel) { return rel }
  var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
  while dir.path != "/" {
    let candidate = dir.appendingPathComponent(rel).path
    if FileManager.default.fileExists(atPath: candidate) { return candidate }
    dir = dir.deletingLastPathComponent()
  }
  throw ToolError("cannot find \(rel); pass --data PATH")
}

/// The fixed train/test split of the digits data.
func digitsSplit(_ explicit: String?) throws -> (train: TensorDataset, test: TensorDataset) {
  let path = try findDigitsCSV(explicit)
  do { return Digits.split(try Digits.load(csvPath: path)) } catch { throw ToolError("\(path): \(error)") }
}
