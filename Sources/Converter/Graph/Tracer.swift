import TrainCore

extension GraphIR {
  /// Traces one forward pass of `model` on `input` (evaluation mode) into a graph: leaf layers become
  /// nodes, a `Residual` container adds its `act(body + shortcut)`; unsupported layers throw with
  /// their path.
  public static func trace(_ model: any Layer, input: Tensor) throws -> GraphIR {
    let (recorder, output) = LayerCallRecorder.record(model, input: input)
    var g = GraphIR()
    var ids: [ObjectIdentifier: Int] = [:]
    g.input = g.newValue(input.shape)
    ids[ObjectIdentifier(input)] = g.input

    func value(of t: Tensor, for path: String) throws -> Int {
      guard let v = ids[ObjectIdentifier(t)] else {
        throw ConverterError("layer '\(path)': its input does not come from the model input or an earlier layer")
      }
      return v
    }
    func constant(_ layer: any Layer, _ path: String, _ name: String) -> Constant? {
      let all = layer.ownParameters + layer.ownBuffers
      guard let t = all.first(where: { $0.name == name })?.tensor else { return nil }
      return Constant(name: path.isEmpty ? name : path + "." + name, shape: t.shape, values: t.data)
    }
    let byPath = Dictionary(recorder.calls.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })

    for call in recorder.calls {
      let path = call.path
      let label = path.isEmpty ? "(root)" : path
      switch call.layer.config {
      case .sequential:
        // A container only wires its children; an empty one is the identity.
        if ids[ObjectIdentifier(call.output)] == nil {
          let v = try value(of: call.input, for: label)
          let out = g.newValue(call.output.shape)
          g.nodes.append(Node(name: label, kind: .identity, inputs: [v], output: out))
          ids[ObjectIdentifier(call.output)] = out
        }
        continue
      case .residual(let activation):
        let prefix = path.isEmpty ? "" : path + "."
        guard let body = byPath[prefix + "body"] else { throw ConverterError("layer '\(label)': residual body was not called") }
        let a = try value(of: body.output, for: label)
        let b = try byPath[prefix + "shortcut"].map { try value(of: $0.output, for: label) } ?? value(of: call.input, for: label)
        let out = g.newValue(call.output.shape)
        g.nodes.append(Node(name: label, kind: .add(activation: activation), inputs: [a, b], output: out))
        ids[ObjectIdentifier(call.output)] = out
        continue
      default:
        break
      }
      guard call.isLeaf else { throw ConverterError("layer '\(label)' (\(call.layer.config)) is a container the converter does not know") }
      let kind: Kind
      switch call.layer.config {
      case let .dense(_, _, _, activation):
        kind = .dense(weight: constant(call.layer, path, "weight")!, bias: constant(call.layer, path, "bias"), activation: activation)
      case let .conv2D(_, _, _, strides, padding, dilation, _, activation):
        kind = .conv2D(weight: constant(call.layer, path, "weight")!, bias: constant(call.layer, path, "bias"),
                       strides: strides, padding: padding, dilation: dilation, activation: activation)
      case let .depthwiseConv2D(_, _, _, strides, padding, dilation, _, activation):
        kind = .depthwiseConv2D(weight: constant(call.layer, path, "weight")!, bias: constant(call.layer, path, "bias"),
                                strides: strides, padding: padding, dilation: dilation, activation: activation)
      case let .batchNorm(features, _, epsilon):
        guard let gamma = constant(call.layer, path, "weight"), let beta = constant(call.layer, path, "bias"),
              let mean = constant(call.layer, path, "running_mean"), let variance = constant(call.layer, path, "running_var")
        else { throw ConverterError("layer '\(label)': BatchNorm without weight, bias and running statistics") }
        var scale = [Float](repeating: 0, count: features)
        var shift = [Float](repeating: 0, count: features)
        for c in 0..<features {
          scale[c] = gamma.values[c] / (variance.values[c] + epsilon).squareRoot()
          shift[c] = beta.values[c] - mean.values[c] * scale[c]
        }
        kind = .channelAffine(scale: Constant(name: gamma.name, shape: [features], values: scale),
                              shift: Constant(name: beta.name, shape: [features], values: shift))
      case let .maxPool2D(poolSize, strides, padding):
        kind = .maxPool2D(poolSize: poolSize, strides: strides, padding: padding)
      case let .avgPool2D(poolSize, strides, padding):
        kind = .avgPool2D(poolSize: poolSize, strides: strides, padding: padding)
      case .globalAvgPool2D: kind = .globalAvgPool2D
      case .flatten: kind = .reshape
      case .dropout: kind = .identity
      case .activation(let a): kind = .activation(a)
      default:
        throw ConverterError("layer '\(label)' (\(call.layer.config)) is not supported by the converter")
      }
      let v = try value(of: call.input, for: label)
      let out = g.newValue(call.output.shape)
      g.nodes.append(Node(name: label, kind: kind, inputs: [v], output: out))
      ids[ObjectIdentifier(call.output)] = out
    }
    g.output = try value(of: output, for: "(model output)")
    return g
  }
}
