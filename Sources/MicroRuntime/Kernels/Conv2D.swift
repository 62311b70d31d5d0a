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
    /// Present for int8 with constant weights and one group: the packed GEMM.
    var gemm: S8GemmPlan? = nil
    /// Float32 without groups: the packed filter for the GEMM microkernels.
    var f32Weights: F32PackedWeights? = nil
    /// Float32 other than 1×1 stride 1: the indirection rows of the indirect GEMM.
    var f32Indirection: F32Indirection? = nil
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
      var data = OpData(geometry: geometry, inputChannels: inputChannels, filterChannels: filterChannels,
                        outputChannels: outputChannels,
                        clamp: try FloatClamp.fused(activation, op: node.index), requantization: nil, hybrid: nil)
      if groups == 1 {
        let k = geometry.filterHeight * geometry.filterWidth * inputChannels
        data.f32Weights = try F32PackedWeights.make(&ctx, weights: filter, bias: bias, n: outputChannels, k: k)
        let pointwise = geometry.filterHeight == 1 && geometry.filterWidth == 1 && geometry.strideHeight == 1
          && geometry.strideWidth == 1
        if !pointwise {
          let bytes = F32Depthwise.indirectionBytes(geometry, channels: inputChannels)
          let memory = try ctx.allocatePersistent(bytes: bytes, alignment: MemoryLayout<UnsafeRawPointer>.alignment)
          data.f32Indirection = F32Indirection(memory, geometry, channels: inputChannels, materialize: ctx.materializes)
        }
      }
      return data
    case .int8:
      let taps = geometry.filterHeight * geometry.filterWidth * filterChannels
      try ChannelRequantization.checkAccumulation(taps, node, filter)
      let q = try ChannelRequantization.make(
        node, &ctx, input: input, weights: filter, bias: bias, output: output, channels: outputChannels,
        channelAxis: 0, activation: activation)
      let gemm = groups == 1
        ? try S8GemmPlan.make(&ctx, weights: filter, bias: bias, channels: outputChannels, depth: taps, requantization: q)
        : nil
      return OpData(geometry: geometry, inputChannels: inputChannels, filterChannels: filterChannels,
                    outputChannels: outputChannels,
                    clamp: .none, requantization: q, hybrid: nil, gemm: gemm)
    default:
      throw MicroError(.unsupportedType, op: node.index, tensor: input.index, found: Int64(input.type.rawValue))
    }
  }

  public static func eval(_ node: Node, _ data: OpData, _ ctx: EvalContext) throws(MicroError) {
    let input = ctx.input(node, 0), filter = ctx.input(node, 1), output = ctx.output(node, 0)
    let bias = ctx.optionalInput(node, 2)
    if let gemm = data.gemm {
      gemm.conv2D(input: input.pointer(Int8.self), output: output.pointer(Int8.self), geometry: data.geometry,
                  channels: data.inputChannels, scratch: ctx.scratch(ScratchHandle(slot: gemm.scratchSlot)))
    } else if let q = data.requantization {
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
    } else if let w = data.f32Weights {
      let packed = w.pointer(ctx, weights: filter, bias: bias)
      let g = data.geometry
      if let indirection = data.f32Indirection {
        F32Igemm.run(MicrokernelCatalog.f32Igemm, input: input.floats, geometry: g, inputChannels: data.inputChannels,
                     outputChannels: data.outputChannels, packed: packed, output: output.floats, clamp: data.clamp,
                     indirection: indirection)
      } else {
        let m = g.batches * g.inputHeight * g.inputWidth
        F32Gemm.run(m == 1 ? MicrokernelCatalog.f32Gemv : MicrokernelCatalog.f32Gemm, m: m, n: data.outputChannels,
                    k: data.inputChannels, a: input.floats, aStride: data.inputChannels, packed: packed,
                    c: output.floats, cStride: data.outputChannels, clamp: data.clamp)
      }
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
