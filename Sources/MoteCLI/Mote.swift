import ArgumentParser

@main
struct Mote: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mote",
    abstract: "Train, convert and run TensorFlow Lite models on small Linux devices.",
    subcommands: [Train.self])
}
