import Converter
import MicroRuntime
import TrainCore
import XCTest

/// Every conversion mode of both digits models opens in LiteRT and MicroRuntime and both give the
/// same outputs: bit for bit against LiteRT's reference kernels where activations are int8, within
/// 1e-5 where they are float.
final class RuntimeAgreementTests: XCTestCase {
  func check(_ arch: String, _ mode: QuantizationMode, io: IOType = .int8) throws {
    var o = ConversionOptions()
    o.quantization = mode
    o.io = io
    let d = try digits(arch)
    if mode == .int8 { o.calibration = samples(d.train) }
    let bytes = try Converter.convert(try trainedModel(arch), inputShape: Architectures.inputShape(arch)!, options: o)
    let xs = Array(samples(d.test).prefix(120))
    let label = "\(arch) \(mode.rawValue)\(mode == .int8 ? " io=\(io.rawValue)" : "")"
    if mode == .int8 {
      let micro = try runMicroRaw(bytes, xs)
      let (_, lite) = try runLiteRTRaw(bytes, xs, reference: true)
      let same = zip(micro, lite).filter { $0.0 == $0.1 }.count
      print("\(label): MicroRuntime equals LiteRT BUILTIN_REF on \(same) of \(xs.count)")
      XCTAssertEqual(same, xs.count, label)
    } else {
      let micro = try runMicro(bytes, xs)
      let lite = try runLiteRT(bytes, xs, reference: true)
      let diff = maxAbsDiff(micro, lite)
      print("\(label): LiteRT vs MicroRuntime max |diff| = \(diff)")
      XCTAssertLessThanOrEqual(diff, 1e-5, label)
    }
  }

  func testMLPAllModes() throws {
    for mode in QuantizationMode.allCases { try check("digits-mlp", mode) }
    try check("digits-mlp", .int8, io: .float32)
  }

  func testCNNAllModes() throws {
    for mode in QuantizationMode.allCases { try check("digits-cnn", mode) }
    try check("digits-cnn", .int8, io: .float32)
  }
}
