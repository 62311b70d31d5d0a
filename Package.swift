// swift-tools-version:6.0
import PackageDescription

// One package, all targets. The arrows of DESIGN.md point one way: executables → Converter →
// (TrainCore, Quantize, CFlatbuffers) → MicroRuntime. MicroRuntime depends on the standard library
// and, in this (host) build only, on its own AVX-512 kernels: MicroKernelsAvx512 is a module of its
// own because Swift sets the instruction set per module, and CPUFeatures is the CPUID/XGETBV check
// (C: Swift cannot emit xgetbv). The Embedded device builds (toolchains/) compile MicroRuntime alone.
let hostSwiftFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma"])]

let package = Package(
  name: "Mote",
  products: [
    .executable(name: "mote", targets: ["MoteCLI"]),
    .executable(name: "mote-benchmark", targets: ["Benchmark"]),
    .library(name: "MicroRuntime", targets: ["MicroRuntime"]),
    .library(name: "TrainCore", targets: ["TrainCore"]),
    .library(name: "Converter", targets: ["Converter"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                   providers: [.apt(["libopenblas-dev"])]),
    .target(name: "CFlatbuffers", path: "Sources/CFlatbuffers",
            cxxSettings: [.unsafeFlags(["-std=c++17"])],
            linkerSettings: [.linkedLibrary("stdc++")]),
    // The int8 kernels for AVX-512 VNNI processors: the only module compiled for that instruction
    // set; MicroRuntime calls it after a CPUID check (CPUFeatures), so binaries still run on AVX2.
    .target(name: "CPUFeatures", path: "Sources/CPUFeatures"),
    .target(name: "MicroKernelsAvx512", dependencies: ["CPUFeatures"], path: "Sources/MicroKernelsAvx512",
            swiftSettings: [.unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma", "-Xcc", "-mavx512f", "-Xcc", "-mavx512bw",
                                          "-Xcc", "-mavx512dq", "-Xcc", "-mavx512vl", "-Xcc", "-mavx512vnni"])]),
    .target(name: "MicroRuntime", dependencies: ["MicroKernelsAvx512"], path: "Sources/MicroRuntime",
            swiftSettings: hostSwiftFlags),
    .target(name: "Quantize", dependencies: ["MicroRuntime"]),
    // The .npy container (header, shape, payload) and the one regular-file reader of the host tools,
    // shared by TrainCore (datasets, checkpoints) and MoteIO (models, tensors).
    .target(name: "NumPyFile"),
    .target(name: "TrainCore", dependencies: ["CBLAS", "NumPyFile"]),
    .target(name: "Converter", dependencies: ["TrainCore", "Quantize", "MicroRuntime", "CFlatbuffers"]),
    .target(name: "MoteIO", dependencies: ["MicroRuntime", "NumPyFile"], path: "Sources/MoteIO"),
    .executableTarget(name: "MoteCLI", dependencies: [
      "MicroRuntime", "TrainCore", "Quantize", "Converter", "MoteIO",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
    // One C driver over include/mote.h: the same source is the host tool and the device binaries.
    .executableTarget(name: "Benchmark", dependencies: ["MicroRuntime"], path: "Sources/Benchmark",
                      cSettings: [.unsafeFlags(["-O2"])], linkerSettings: [.linkedLibrary("m")]),
    // Test support shared by the test targets (fixtures, runner, comparison); not a product.
    .target(name: "MoteTestSupport", dependencies: ["MicroRuntime", "MoteIO"], path: "Tests/Support"),
    .testTarget(name: "MicroRuntimeTests", dependencies: ["MicroRuntime", "MicroKernelsAvx512", "MoteIO", "MoteTestSupport"]),
    .testTarget(name: "CFlatbuffersTests", dependencies: ["CFlatbuffers", "MicroRuntime", "MoteIO"]),
    .testTarget(name: "QuantizeTests", dependencies: ["Quantize"]),
    .testTarget(name: "TrainCoreTests", dependencies: ["TrainCore", "NumPyFile"]),
    .testTarget(name: "ConverterTests", dependencies: ["Converter", "MoteIO", "MoteTestSupport"]),
    // The command-line tools, run as processes (they must exist: `swift build` builds them first).
    .testTarget(name: "CLITests", dependencies: ["MicroRuntime", "MoteIO", "MoteTestSupport"]),
  ]
)
