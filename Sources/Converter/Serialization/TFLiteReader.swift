import MicroRuntime

extension TFLiteGraph {
  /// Reads subgraph 0 of a `.tflite` model (verified by MicroRuntime first) into a graph: tensors
  /// with constant bytes and quantization, operators with the options the converter understands.
  /// Throws for operators whose options it cannot carry over (`CUSTOM`, unknown option tables).
  public init(reading bytes: [UInt8]) throws {
    self.init()
    let aligned = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
    defer { aligned.deallocate() }
    aligned.copyBytes(from: bytes)
    let raw = UnsafeRawBufferPointer(start: aligned.baseAddress, count: bytes.count)
    let verified: VerifiedModel
    do { verified = try VerifiedModel(bytes: raw) } catch { throw ConverterError("not a valid .tflite model: \(describe(error))") }
    let m = verified.model
    let g = m.subgraphs[0]
    let buffers = m.buffers
    func str(_ s: FlatString?) -> String { s.map { String(decoding: $0.bytes, as: UTF8.self) } ?? "" }
    func array<T>(_ v: FlatVector<T>) -> [T] { (0..<v.count).map { v[$0] } }

    for i in 0..<g.tensors.count {
      let t = g.tensors[i]
      var data: [UInt8]? = nil
      if t.buffer != 0, Int(t.buffer) < buffers.count {
        let b = buffers[Int(t.buffer)]
        if b.hasData && b.data.count > 0 {
          data = Array(UnsafeRawBufferPointer(start: b.data.baseAddress, count: b.data.count))
        } else if b.offset > 1 {
          let start = Int(b.offset), count = Int(b.size)
          data = Array(raw[start..<(start + count)])
        }
      }
      var q: Quantization? = nil
      if let qp = t.quantization, qp.scale.count > 0 {
        q = Quantization(scales: array(qp.scale), zeroPoints: array(qp.zeroPoint), axis: qp.quantizedDimension)
      }
      tensors.append(Tensor(name: str(t.name), shape: array(t.shape), type: t.type, data: data, quantization: q))
    }
    inputs = array(g.inputs)
    outputs = array(g.outputs)
    inputNames = inputs.indices.map { "input_\($0)" }
    outputNames = outputs.indices.map { "output_\($0)" }
    if m.signatureDefs.count > 0 {
      let s = m.signatureDefs[0]
      for k in 0..<s.inputs.count {
        if let j = inputs.firstIndex(of: Int32(s.inputs[k].tensorIndex)) { inputNames[j] = str(s.inputs[k].name) }
      }
      for k in 0..<s.outputs.count {
        if let j = outputs.firstIndex(of: Int32(s.outputs[k].tensorIndex)) { outputNames[j] = str(s.outputs[k].name) }
      }
    }
    description = str(m.description)

    let codes = m.operatorCodes
    for i in 0..<g.operators.count {
      let op = g.operators[i]
      let code = VerifiedModel.builtinCode(codes[Int(op.opcodeIndex)])
      let name = code.name.map { "\($0)" } ?? "operator code \(code.rawValue)"
      let options = try Self.readOptions(op, code, name: name, index: i)
      operators.append(Operator(code: code, inputs: array(op.inputs), outputs: array(op.outputs), options: options,
                                origin: "\(name) #\(i)"))
    }
  }

  /// Decodes the builtin options of one operator.
  static func readOptions(_ op: TFLite.Operator, _ code: TFLite.BuiltinOperator, name: String, index: Int) throws -> Options {
    switch code {
    case .conv2D:
      guard let o = op.builtinOptionsAsConv2DOptions else { break }
      return .conv2D(padding: o.padding, strideW: o.strideW, strideH: o.strideH, activation: o.fusedActivationFunction,
                     dilationW: o.dilationWFactor, dilationH: o.dilationHFactor)
    case .depthwiseConv2D:
      guard let o = op.builtinOptionsAsDepthwiseConv2DOptions else { break }
      return .depthwiseConv2D(padding: o.padding, strideW: o.strideW, strideH: o.strideH, depthMultiplier: o.depthMultiplier,
                              activation: o.fusedActivationFunction, dilationW: o.dilationWFactor, dilationH: o.dilationHFactor)
    case .maxPool2D, .averagePool2D:
      guard let o = op.builtinOptionsAsPool2DOptions else { break }
      return .pool2D(padding: o.padding, strideW: o.strideW, strideH: o.strideH, filterW: o.filterWidth,
                     filterH: o.filterHeight, activation: o.fusedActivationFunction)
    case .fullyConnected:
      guard let o = op.builtinOptionsAsFullyConnectedOptions else { return .fullyConnected(activation: .none, keepNumDims: false, asymmetricQuantizeInputs: false) }
      return .fullyConnected(activation: o.fusedActivationFunction, keepNumDims: o.keepNumDims, asymmetricQuantizeInputs: o.asymmetricQuantizeInputs)
    case .softmax:
      return .softmax(beta: op.builtinOptionsAsSoftmaxOptions?.beta ?? 1)
    case .concatenation:
      guard let o = op.builtinOptionsAsConcatenationOptions else { break }
      return .concatenation(axis: o.axis, activation: o.fusedActivationFunction)
    case .add:
      return .add(activation: op.builtinOptionsAsAddOptions?.fusedActivationFunction ?? .none)
    case .mul:
      return .mul(activation: op.builtinOptionsAsMulOptions?.fusedActivationFunction ?? .none)
    case .reshape:
      if let o = op.builtinOptionsAsReshapeOptions, o.hasNewShape {
        return .reshape(newShape: (0..<o.newShape.count).map { o.newShape[$0] })
      }
      return .reshape(newShape: nil)
    case .pad: return .pad
    case .mean: return .reducer(keepDims: op.builtinOptionsAsReducerOptions?.keepDims ?? false)
    case .dequantize: return .dequantize
    case .quantize: return .quantize
    case .leakyRelu: return .leakyRelu(alpha: op.builtinOptionsAsLeakyReluOptions?.alpha ?? 0.2)
    case .hardSwish: return .hardSwish
    case .relu, .relu6, .logistic, .tanh: return .none
    default:
      throw ConverterError("operator \(index) (\(name)) is not supported by the converter")
    }
    throw ConverterError("operator \(index) (\(name)) has no builtin options")
  }
}
