import MicroRuntime
import TrainCore

extension GraphIR {
  /// Lowers the (optimized) graph to float32 TFLite operators: tensor names are the layer paths and
  /// parameter names, weights are transposed to TFLite's layouts, relu / relu6 go into
  /// `fused_activation_function` and every other activation becomes its own operator.
  public func lower() throws -> TFLiteGraph {
    var t = TFLiteGraph()
    var tensorOf = [Int32](repeating: -1, count: shapes.count)
    tensorOf[input] = t.add(.init(name: "input", shape: shapes[input].map(Int32.init), type: .float32))
    t.inputs = [tensorOf[input]]
    t.inputNames = ["input_0"]

    func fused(_ a: Activation) -> (TFLite.ActivationFunctionType, Activation) {
      switch a {
      case .none: return (.none, .none)
      case .relu: return (.relu, .none)
      case .relu6: return (.relu6, .none)
      default: return (.none, a)
      }
    }
    func activationOp(_ a: Activation) -> (TFLite.BuiltinOperator, TFLiteGraph.Options) {
      switch a {
      case .none, .relu: return (.relu, .none)
      case .relu6: return (.relu6, .none)
      case .tanh: return (.tanh, .none)
      case .sigmoid: return (.logistic, .none)
      case .hardSwish: return (.hardSwish, .hardSwish)
      case .leakyRelu(let alpha): return (.leakyRelu, .leakyRelu(alpha: alpha))
      }
    }
    func padding(_ p: Padding) -> TFLite.Padding { p == .same ? .same : .valid }
    func bias(_ b: Constant?, channels: Int, name: String) -> Int32 {
      let c = b ?? Constant(name: name, shape: [channels], values: [Float](repeating: 0, count: channels))
      return t.addConstant(name: c.name, shape: [channels], floats: c.values)
    }

    for n in nodes {
      let shape = shapes[n.output].map(Int32.init)
      let x = tensorOf[n.inputs[0]]
      // Emits `code` writing a fresh tensor; returns that tensor.
      func emit(_ code: TFLite.BuiltinOperator, _ inputs: [Int32], _ options: TFLiteGraph.Options, name: String) -> Int32 {
        let out = t.add(.init(name: name, shape: shape, type: .float32))
        t.operators.append(.init(code: code, inputs: inputs, outputs: [out], options: options, origin: n.name))
        return out
      }
      // Emits the main operator, then a standalone activation when it cannot be fused.
      func emitWithActivation(_ code: TFLite.BuiltinOperator, _ inputs: [Int32], _ rest: Activation,
                              _ options: TFLiteGraph.Options) -> Int32 {
        let y = emit(code, inputs, options, name: rest == .none ? n.name : n.name + "/pre_activation")
        if rest == .none { return y }
        let (ac, ao) = activationOp(rest)
        return emit(ac, [y], ao, name: n.name)
      }
      let result: Int32
      switch n.kind {
      case let .dense(w, b, activation):
        let (inSize, outSize) = (w.shape[0], w.shape[1])
        var wt = [Float](repeating: 0, count: w.values.count)
        for i in 0..<inSize { for o in 0..<outSize { wt[o * inSize + i] = w.values[i * outSize + o] } }
        let wi = t.addConstant(name: w.name, shape: [outSize, inSize], floats: wt)
        let bi = bias(b, channels: outSize, name: n.name + ".bias")
        let (f, rest) = fused(activation)
        result = emitWithActivation(.fullyConnected, [x, wi, bi], rest,
                                    .fullyConnected(activation: f, keepNumDims: false, asymmetricQuantizeInputs: false))
      case let .conv2D(w, b, strides, pad, dilation, activation):
        let (kh, kw, ci, co) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        var ohwi = [Float](repeating: 0, count: w.values.count)
        for h in 0..<kh { for ww in 0..<kw { for i in 0..<ci { for o in 0..<co {
          ohwi[((o * kh + h) * kw + ww) * ci + i] = w.values[((h * kw + ww) * ci + i) * co + o]
        } } } }
        let wi = t.addConstant(name: w.name, shape: [co, kh, kw, ci], floats: ohwi)
        let bi = bias(b, channels: co, name: n.name + ".bias")
        let (f, rest) = fused(activation)
        result = emitWithActivation(.conv2D, [x, wi, bi], rest,
                                    .conv2D(padding: padding(pad), strideW: Int32(strides[1]), strideH: Int32(strides[0]),
                                            activation: f, dilationW: Int32(dilation[1]), dilationH: Int32(dilation[0])))
      case let .depthwiseConv2D(w, b, strides, pad, dilation, activation):
        let (kh, kw, ci, m) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        let wi = t.addConstant(name: w.name, shape: [1, kh, kw, ci * m], floats: w.values)
        let bi = bias(b, channels: ci * m, name: n.name + ".bias")
        let (f, rest) = fused(activation)
        result = emitWithActivation(.depthwiseConv2D, [x, wi, bi], rest,
                                    .depthwiseConv2D(padding: padding(pad), strideW: Int32(strides[1]), strideH: Int32(strides[0]),
                                                     depthMultiplier: Int32(m), activation: f,
                                                     dilationW: Int32(dilation[1]), dilationH: Int32(dilation[0])))
      case let .channelAffine(scale, shift):
        let si = t.addConstant(name: scale.name, shape: [scale.values.count], floats: scale.values)
        let hi = t.addConstant(name: shift.name, shape: [shift.values.count], floats: shift.values)
        let y = emit(.mul, [x, si], .mul(activation: .none), name: n.name + "/scale")
        result = emit(.add, [y, hi], .add(activation: .none), name: n.name)
      case let .maxPool2D(size, strides, pad):
        result = emit(.maxPool2D, [x], .pool2D(padding: padding(pad), strideW: Int32(strides[1]), strideH: Int32(strides[0]),
                                               filterW: Int32(size[1]), filterH: Int32(size[0]), activation: .none), name: n.name)
      case let .avgPool2D(size, strides, pad):
        result = emit(.averagePool2D, [x], .pool2D(padding: padding(pad), strideW: Int32(strides[1]), strideH: Int32(strides[0]),
                                                   filterW: Int32(size[1]), filterH: Int32(size[0]), activation: .none), name: n.name)
      case .globalAvgPool2D:
        let axes = t.addConstant(name: n.name + "/axes", shape: [2], ints: [1, 2])
        result = emit(.mean, [x, axes], .reducer(keepDims: false), name: n.name)
      case .reshape:
        let s = t.addConstant(name: n.name + "/shape", shape: [shape.count], ints: shape)
        result = emit(.reshape, [x, s], .reshape(newShape: nil), name: n.name)
      case .identity:
        result = x
      case .activation(let a):
        if a == .none { result = x } else {
          let (code, options) = activationOp(a)
          result = emit(code, [x], options, name: n.name)
        }
      case .add(let activation):
        let (f, rest) = fused(activation)
        result = emitWithActivation(.add, [x, tensorOf[n.inputs[1]]], rest, .add(activation: f))
      }
      tensorOf[n.output] = result
    }
    guard tensorOf[output] >= 0 else { throw ConverterError("the model output is not computed by any layer") }
    t.outputs = [tensorOf[output]]
    t.outputNames = ["output_0"]
    t.tensors[Int(t.outputs[0])].name = "output"
    return t
  }
}
