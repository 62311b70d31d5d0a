import Foundation
import XCTest

// Runs the package's executables (`mote`, `mote-benchmark`) as processes for the tests that check
// them as a user sees them. `swift build --build-tests` builds them next to the test bundle.

/// What a finished tool run left behind.
public struct ToolResult {
  /// Exit status (or the signal number when `signaled`).
  public var status: Int32
  /// Whether the process was killed by a signal (a crash).
  public var signaled: Bool
  /// Everything written to stdout.
  public var stdout: String
  /// Everything written to stderr.
  public var stderr: String
}

/// The folder holding the built products (the test bundle's folder).
public var productsDirectory: URL {
  URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
}

/// Runs product `name` with `args` in `directory`; a run still going after `deadline` seconds is
/// killed and fails the calling test as a hang. Output goes through files, so a chatty child never
/// blocks on a full pipe.
public func runTool(_ name: String, _ args: [String], in directory: URL? = nil, deadline: TimeInterval = 120,
                    file: StaticString = #filePath, line: UInt = #line) throws -> ToolResult {
  let p = Process()
  p.executableURL = productsDirectory.appendingPathComponent(name)
  p.arguments = args
  if let directory { p.currentDirectoryURL = directory }
  let tmp = FileManager.default.temporaryDirectory
  let outURL = tmp.appendingPathComponent("tool-out-\(UUID().uuidString)")
  let errURL = tmp.appendingPathComponent("tool-err-\(UUID().uuidString)")
  FileManager.default.createFile(atPath: outURL.path, contents: nil)
  FileManager.default.createFile(atPath: errURL.path, contents: nil)
  defer {
    try? FileManager.default.removeItem(at: outURL)
    try? FileManager.default.removeItem(at: errURL)
  }
  let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
  p.standardOutput = out
  p.standardError = err
  try p.run()
  let start = Date()
  while p.isRunning && Date().timeIntervalSince(start) < deadline { usleep(5_000) }
  if p.isRunning {
    p.terminate()
    XCTFail("\(name) \(args.joined(separator: " ")) hangs (> \(Int(deadline)) s)", file: file, line: line)
  }
  p.waitUntilExit()
  try out.close()
  try err.close()
  func text(_ u: URL) -> String { String(decoding: FileManager.default.contents(atPath: u.path) ?? Data(), as: UTF8.self) }
  return ToolResult(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal,
                    stdout: text(outURL), stderr: text(errURL))
}

/// Asserts a refusal: a non-zero exit that is not a crash, and exactly one stderr line containing `text`.
public func assertOneLineFailure(_ r: ToolResult, mentioning text: String = "", _ what: String = "",
                                 file: StaticString = #filePath, line: UInt = #line) {
  XCTAssertFalse(r.signaled, "\(what): killed by signal \(r.status); stderr: \(r.stderr.prefix(400))", file: file, line: line)
  XCTAssertNotEqual(r.status, 0, "\(what): expected failure", file: file, line: line)
  let lines = r.stderr.split(separator: "\n")
  XCTAssertEqual(lines.count, 1, "\(what): stderr: \(r.stderr.prefix(400))", file: file, line: line)
  if !text.isEmpty {
    XCTAssertTrue(r.stderr.contains(text), "\(what): stderr \(r.stderr) lacks \(text)", file: file, line: line)
  }
}
