import ArgumentParser
import Foundation
import MicroRuntime
import MoteIO

@main
struct Mote: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mote",
    abstract: "Train, convert and run TensorFlow Lite models on small Linux devices.",
    subcommands: [Inspect.self, Ops.self, Run.self, Train.self, Convert.self, Eval.self])
}

/// Prints `message` as one line on stderr and exits with status 1.
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(("mote: " + message + "\n").data(using: .utf8)!)
  exit(1)
}

/// Runs `body`, turning any error into one line on stderr and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) -> T {
  do {
    return try body()
  } catch let e as ToolError {
    fail(e.description)
  } catch let e as MicroError {
    fail(e.text)
  } catch let e as ValidationError {
    fail(e.message)
  } catch {
    fail("\(error)")
  }
}
