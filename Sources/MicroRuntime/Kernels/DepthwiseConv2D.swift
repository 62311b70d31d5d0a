/// DEPTHWISE_CONV_2D over NHWC tensors with filter [1, fH, fW, inC · depthMultiplier]: float32, and
/// int8 with per-tensor or per-channel (axis 3) symmetric weights and int32 bias, and hybrid (float
/// input and output, per-channel int8 filter; each batch image is quantized asymmetrically in eval).
public enum DepthwiseConv2D: Kernel {
  // Options: padding, stride_w/h, depth_multiplier, dilation_w/h_factor, fused_activation_function.

  /// What eval needs.
  public struct OpData: BitwiseCopyable {
    var geometry: WindowGeometry
    var inputChannels: Int
    var depthMultiplier: Int
    var clamp: FloatClamp
    /// Present for int8.
    var requantization: ChannelRequantization?
    /// Present for hybrid.
    var hybrid: HybridWeights?
    /// Present for int8 with depth multiplier 1: the channel-vectorized kernel.
    var s8: S8DepthwisePlan? = nil
    /// Float32 with multiplier 1: the indirection rows of the vector microkernels.
    var f32Indirection: F32Indirection? = nil
  }

  public static func prepare(_ node: Node, _ ctx: inout PrepareContext) throws(MicroError) -> OpData {
    try ctx.expectCounts(node, inputs: 2...3, outputs: 1...1)
    guard let options = node.op.builtinOptionsAsDepthwiseConv2DOptions else {
      throw MicroError(.invalidOption, op: node.index)
    }
    let input = try ctx.input(node, 0)
    let filter = try ctx.input(node, 1)
    let bias = ctx.optionalInput(node, 2)
    let output = try ctx.output(node, 0)
    try checkRank(filter, 4...4, node)
    try check(filter.dims[0] == 1, .shapeMismatch, node, filter, expected: 1, found: filter.dims[0])
    let geometry = try WindowGeometry.make(
      node, padding: options.padding, input: input, output: output,
      filterHeight: filter.dims[1], filterWidth: filter.dims[2],
      strideHeight: Int(options.strideH), strideWidth: Int(options.strideW),
      dilationHeight: Int(options.dilationHFactor), dilationWidth: Int(options.dilationWFactor))
    let inputChannels = input.dims[3]
    let outputChannels = filter.dims[3]
    try check(inputChannels > 0 && outputChannels % inputChannels == 0, .shapeMismatch, node, filter,
              expected: inputChannels, found: outputChannels)
    // The multiplier follows from the shapes (as in LiteRT); a stored one must agree.
    let depthMultiplier = outputChannels / inputChannels
    try check(options.depthMultiplier == 0 || Int(options.depthMultiplier) == depthMultiplier, .invalidOption, node,
              filter, expected: depthMultiplier, found: Int(options.depthMultiplier))
    try check(output.dims[3] == outputChannels, .shapeMismatch, node, output, expected: outputChannels, found: output.dims[3])
    if let bias {
      try check(bias.elementCount == outputChannels, .shapeMismatch, node, bias, expected: outputChannels, found: bias.elementCount)
    }
    let activation = options.fusedActivationFunction
    switch input.type {
    case .float32 where filter.type == .int8:
      let taps = geometry.filterHeight * geometry.filterWidth
      try ChannelRequantization.checkAccumulation(taps, node, filter)
      // LiteRT runs hybrid depthwise convolutions only with per-channel filters.
      try check(filter.scaleCount == outputChannels, .quantizationChannelMismatch, node, filter,
                expected: outputChannels, found: filter.scaleCount)
      let h = try HybridWeights.make(
        node, &ctx, input: input, weights: filter, bias: bias, output: output, channels: outputChannels,
        channelAxis: 3, batchElements: geometry.inputHeight * geometry.inputWidth * inputChannels, asymmetric: true)
      return OpData(geometry: geometry, inputChannels: inputChannels, depthMultiplier: depthMultiplier,
                    clamp: try FloatClamp.fused(activation, op: node.index), requantization: nil, hybrid: h)
    case .float32:
      try checkType(filter, .float32, node)
      try checkType(output, .float32, node)
      if let bias { try checkType(bias, .float32, node) }
      var data = OpData(geometry: geometry, inputChannels: inputChannels, depthMultiplier: depthMultiplier,
                        clamp: try FloatClamp.fused(activation, op: node.index), requantization: nil, hybrid: nil)
      if depthMultiplier == 1 {
        let bytes = F32Depthwise.indirectionBytes(geometry, channels: inputChannels)
        let memory = try ctx.allocatePersistent(bytes: bytes, alignment: MemoryLayout<UnsafeRawPointer>.alignment)
        data.f32Indirection = F32Indirection(memory, geometry, channels: inputChannels, materialize: ctx.materializes)
      }
      return data
    case .int8:
      let taps = geometry.filterHeight * geometry.filterWidth
      try ChannelRequantization.checkAccumulation(taps, node, filter)
      let q = try ChannelRequantization.make(
        node, &ctx, input: input, weights: filter, bias: bias, output: output, channels: outputChannels,
        channelAxis: 3, activation: activation)
      let s8 = depthMultiplier == 1 ? try S8DepthwisePlan.make(
        &ctx, channels: outputChannels, taps: taps, filter: filter, bias: bias, requantization: q) : nil
      return OpData(geometry: geometry, inputChannels: inputChannels, depthMultiplier: depthMultiplier,
                    clamp: .none, requantization: q, hybrid: nil, s8: s8)
    default:
      throw MicroError(.unsupportedType, op: node.index, tensor: input.index, found: Int64(input.type.rawValue))
    }
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0), filter = ctx.input(node, 1), output = ctx.output(node, 0)
    let bias = ctx.optionalInput(node, 2)
    if let s8 = data.s8 {
      s8.run(input: input.pointer(Int8.self), filter: filter.pointer(Int8.self), bias: bias?.pointer(Int32.self),
             output: output.pointer(Int8.self), geometry: data.geometry, channels: data.inputChannels,
             scratch: ctx.scratch(ScratchHandle(slot: s8.scratchSlot)))
    } else if let q = data.requantization {
      Reference.depthwiseConv2D(
        input: input.pointer(Int8.self), filter: filter.pointer(Int8.self), bias: bias?.pointer(Int32.self),
        output: output.pointer(Int8.self), geometry: data.geometry, inputChannels: data.inputChannels,
        depthMultiplier: data.depthMultiplier, requantization: q)
    } else if let h = data.hybrid {
      Reference.depthwiseConv2DHybrid(
        input: input.floats, filter: filter.pointer(Int8.self), scales: h.scales, bias: bias?.floats,
        output: output.floats, geometry: data.geometry, inputChannels: data.inputChannels,
        depthMultiplier: data.depthMultiplier,
        quantized: ctx.scratch(ScratchHandle(slot: h.scratchSlot)).assumingMemoryBound(to: Int8.self), clamp: data.clamp)
    } else if let indirection = data.f32Indirection {
      let g = data.geometry
      F32Depthwise.run(
        g.filterHeight * g.filterWidth == 9 ? MicrokernelCatalog.f32Depthwise9 : MicrokernelCatalog.f32Depthwise,
        input: input.floats, geometry: g, channels: data.inputChannels, weights: filter.floats, bias: bias?.floats,
        output: output.floats, clamp: data.clamp, indirection: indirection)
    } else {
      Reference.depthwiseConv2D(
        input: input.floats, filter: filter.floats, bias: bias?.floats, output: output.floats,
        geometry: data.geometry, inputChannels: data.inputChannels, depthMultiplier: data.depthMultiplier,
        clamp: data.clamp)
    }
  }

  /// The registration for DEPTHWISE_CONV_2D (float32, int8, hybrid).
  public static var registration: Registration {
    registration(.depthwiseConv2D, versions: 1...7, prepare: { DepthwiseConv2D.prepareEntry($0, $1, $2) }, eval: { DepthwiseConv2D.evalEntry($0, $1, $2) })
  }
}
