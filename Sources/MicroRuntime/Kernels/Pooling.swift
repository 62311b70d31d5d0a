// What AVERAGE_POOL_2D and MAX_POOL_2D share: reading Pool2DOptions into a checked geometry and the
// output clamp, for float32 and int8 (input and output with equal scale and zero point).

/// The prepared data of a 2-D pool.
public struct PoolData: BitwiseCopyable {
  var geometry: WindowGeometry
  var channels: Int
  var quantized: Bool
  var floatClamp: FloatClamp
  var quantizedClamp: QuantizedClamp
}

extension PoolData {
  /// Checks a pool node (one NHWC input, one output of TFLite's size, same type and quantization).
  static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> PoolData {
    try ctx.expectCounts(node, inputs: 1...1, outputs: 1...1)
    guard let options = node.op.builtinOptionsAsPool2DOptions else {
      throw MicroError(.invalidOption, op: node.index)
    }
    let input = try ctx.input(node, 0)
    let output = try ctx.output(node, 0)
    let geometry = try WindowGeometry.make(
      node, padding: options.padding, input: input, output: output,
      filterHeight: Int(options.filterHeight), filterWidth: Int(options.filterWidth),
      strideHeight: Int(options.strideH), strideWidth: Int(options.strideW))
    let channels = input.dims[3]
    try check(output.dims[3] == channels, .shapeMismatch, node, output, expected: channels, found: output.dims[3])
    try checkSameType(input, output, node)
    let activation = options.fusedActivationFunction
    switch input.type {
    case .float32:
      return PoolData(geometry: geometry, channels: channels, quantized: false,
                      floatClamp: try FloatClamp.fused(activation, op: node.index),
                      quantizedClamp: QuantizedClamp(low: -128, high: 127))
    case .int8:
      try ChannelRequantization.checkActivation(input, node)
      try ChannelRequantization.checkActivation(output, node)
      try check(input.scale == output.scale, .invalidQuantization, node, output)
      try check(input.zeroPoint == output.zeroPoint, .invalidQuantization, node, output,
                expected: Int(input.zeroPoint), found: Int(output.zeroPoint))
      // The int32 window sum of an average pool stays far from overflow.
      try check(geometry.filterHeight * geometry.filterWidth <= 1 << 23, .invalidFilterSize, node,
                found: geometry.filterHeight * geometry.filterWidth)
      let clamp = try QuantizedClamp.fused(activation, scale: output.scale, zeroPoint: output.zeroPoint,
                                           typeMin: -128, typeMax: 127, op: node.index)
      return PoolData(geometry: geometry, channels: channels, quantized: true, floatClamp: .none, quantizedClamp: clamp)
    default:
      throw MicroError(.unsupportedType, op: node.index, tensor: input.index, found: Int64(input.type.rawValue))
    }
  }
}
