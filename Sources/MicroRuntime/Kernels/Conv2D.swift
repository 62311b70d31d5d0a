/// CONV_2D over NHWC tensors with filter [outC, fH, fW, inC / groups] (grouped when the filter has
/// fewer channels than the input): float32, and int8 with per-tensor or
/// per-channel (axis 0) symmetric weights and int32 bias, and hybrid (float input and output, int8
/// filter; each batch image is quantized in eval, asymmetrically when the filter is per-channel).
public enum Conv2D: Kernel {
  // Options: padding (SAME/VALID), stride_w/h, dilation_w/h_factor, fused_activation_function.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var geometry: WindowGeometry
    var inputChannels: Int
    var filterChannels: Int
    var outputChannels: Int
    var clamp: FloatClamp
    /// Present for int8.
    var requantization: ChannelRequantization?
    /// Present for hybrid.
    var hybrid: HybridWeights?
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...3, outputs: 1...1)
    guard let options = node.op.builtinOptionsAsConv2DOptions else {
      throw MicroError(.invalidOption, op: node.index)
    }
    let input = try ctx.input(node, 0)
    let filter = try ctx.input(node, 1)
    let bias = ctx.optionalInput(node, 2)
    let output = try ctx.output(node, 0)
    try checkRank(filter, 4...4, node)
    let filterChannels = filter.dims[3]
    let outputChannels = filter.dims[0]
    let geometry = try WindowGeometry.make(
      node, padding: options.padding, input: input, output: output,
      filterHeight: filter.dims[1], filterWidth: filter.dims[2],
      strideHeight: Int(options.strideH), strideWidth: Int(options.strideW),
      dilationHeight: Int(options.dilationHFactor), dilationWidth: Int(options.dilationWFactor))
    let inputChannels = input.dims[3]
    // Grouped convolution: the input's channels split into groups of the filter's depth, and the
    // output channels split evenly over the groups.
    try check(filterChannels > 0 && inputChannels % filterChannels == 0, .shapeMismatch, node, input,
              expected: filterChannels, found: inputChannels)
    let groups = inputChannels / filterChannels
    try check(groups > 0 && outputChannels > 0 && outputChannels % groups == 0, .shapeMismatch, node, filter,
              expected: groups, found: outputChannels)
    try check(output.dims[3] == outputChannels, .shapeMismatch, node, output, expected: outputChannels, found: output.dims[3])
    if let bias {
      try check(bias.elementCount == outputChannels, .shapeMismatch, node, bias, expected: outputChannels, found: bias.elementCount)
    }
    let activation = options.fusedActivationFunction
    switch input.type {
    case .float32 where filter.type == .int8:
      let taps = geometry.filterHeight * geometry.filterWidth * filterChannels
      try ChannelRequantization.checkAccumulation(taps, node, filter)
      // LiteRT quantizes the input asymmetrically for per-channel filters, symmetrically otherwise.
      let h = try HybridWeights.make(
        node, &ctx, input: input, weights: filter, bias: bias, output: output, channels: outputChannels,
        batchElements: geometry.inputHeight * geometry.inputWidth * inputChannels, asymmetric: filter.scaleCount > 1)
      return OpData(geometry: geometry, inputChannels: inputChannels, filterChannels: filterChannels,
                    outputChannels: outputChannels,
                    clamp: try FloatClamp.fused(activation, op: node.index), requantization: nil, hybrid: h)
    case .float32:
      try checkType(filter, .float32, node)
      try checkType(output, .float32, node)
      if let bias { try checkType(bias, .float32, node) }
      return OpData(geometry: geometry, inputChannels: inputChannels, filterChannels: filterChannels,
                    outputChannels: outputChannels,
                    clamp: try FloatClamp.fused(activation, op: node.index), requantization: nil, hybrid: nil)
    case .int8:
      let taps = geometry.filterHeight * geometry.filterWidth * filterChannels
      try ChannelRequantization.checkAccumulation(taps, node, filter)
      let q = try ChannelRequantization.make(
        node, &ctx, input: input, weights: filter, bias: bias, output: output, channels: outputChannels,
        channelAxis: 0, activation: activation)
      return OpData(geometry: geometry, inputChannels: inputChannels, filterChannels: filterChannels,
                    outputChannels: outputChannels,
                    clamp: .none, requantization: q, hybrid: nil)
    default:
      throw MicroError(.unsupportedType, op: node.index, tensor: input.index, found: Int64(input.type.rawValue))
    }
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0), filter = ctx.input(node, 1), output = ctx.output(node, 0)
    let bias = ctx.optionalInput(node, 2)
    if let q = data.requantization {
      Reference.conv2D(
        input: input.pointer(Int8.self), filter: filter.pointer(Int8.self), bias: bias?.pointer(Int32.self),
        output: output.pointer(Int8.self), geometry: data.geometry, inputChannels: data.inputChannels,
        filterChannels: data.filterChannels, outputChannels: data.outputChannels, requantization: q)
    } else if let h = data.hybrid {
      Reference.conv2DHybrid(
        input: input.floats, filter: filter.pointer(Int8.self), scales: h.scales, bias: bias?.floats,
        output: output.floats, geometry: data.geometry, inputChannels: data.inputChannels,
        filterChannels: data.filterChannels, outputChannels: data.outputChannels, asymmetric: h.asymmetric,
        quantized: ctx.scratch(ScratchHandle(slot: h.scratchSlot)).assumingMemoryBound(to: Int8.self), clamp: data.clamp)
    } else {
      Reference.conv2D(
        input: input.floats, filter: filter.floats, bias: bias?.floats, output: output.floats,
        geometry: data.geometry, inputChannels: data.inputChannels, filterChannels: data.filterChannels,
        outputChannels: data.outputChannels, clamp: data.clamp)
    }
  }

  /// The registration for CONV_2D (float32, int8, hybrid).
  public static var registration: Registration {
    registration(.conv2D, versions: 1...8, prepare: { Conv2D.prepareEntry($0, $1, $2) }, eval: { Conv2D.evalEntry($0, $1, $2) })
  }
}
