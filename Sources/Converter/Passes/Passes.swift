import TrainCore

// Graph rewrites, run in this order by `GraphIR.optimize()`: drop identities, fold BatchNorm
// (channelAffine) into the producing conv / dense, fuse standalone relu / relu6 into the producer.

extension GraphIR {
  /// Runs every pass.
  public mutating func optimize() {
    dropIdentities()
    mergeChannelAffines()
    foldChannelAffine()
    fuseActivations()
  }

  /// Constant-folds two consecutive per-channel affines (BatchNorms with nothing between them)
  /// into one: x·s1 + h1 then ·s2 + h2 is x·(s1·s2) + (h1·s2 + h2).
  mutating func mergeChannelAffines() {
    var i = 0
    while i < nodes.count {
      guard case let .channelAffine(s2, h2) = nodes[i].kind,
            let p = nodes.firstIndex(where: { $0.output == nodes[i].inputs[0] }),
            case let .channelAffine(s1, h1) = nodes[p].kind,
            consumers[nodes[p].output].count == 1, nodes[p].output != output, s1.values.count == s2.values.count
      else { i += 1; continue }
      var scale = s1
      var shift = h1
      for c in scale.values.indices {
        scale.values[c] = s1.values[c] * s2.values[c]
        shift.values[c] = h1.values[c] * s2.values[c] + h2.values[c]
      }
      nodes[p].kind = .channelAffine(scale: scale, shift: shift)
      nodes[p].name += "+" + nodes[i].name
      let n = nodes.remove(at: i)
      replaceUses(of: n.output, with: n.inputs[0])
    }
  }

  /// Removes identity nodes (dropout, empty containers), rewiring their consumers.
  mutating func dropIdentities() {
    while let i = nodes.firstIndex(where: { $0.kind == .identity }) {
      let n = nodes.remove(at: i)
      replaceUses(of: n.output, with: n.inputs[0])
    }
  }

  /// Folds a per-channel affine (BatchNorm) into the conv / depthwise / dense that alone feeds it
  /// and has no activation: weight·scale per output channel, bias·scale + shift.
  mutating func foldChannelAffine() {
    var i = 0
    while i < nodes.count {
      guard case let .channelAffine(scale, shift) = nodes[i].kind,
            let p = nodes.firstIndex(where: { $0.output == nodes[i].inputs[0] }),
            consumers[nodes[p].output].count == 1, nodes[p].output != output
      else { i += 1; continue }
      func folded(_ w: Constant, channelStride: Int, channels: Int, _ b: Constant?) -> (Constant, Constant) {
        var w = w
        for k in w.values.indices { w.values[k] *= scale.values[(k / channelStride) % channels] }
        var bias = b ?? Constant(name: w.name.replacingOccurrences(of: ".weight", with: ".bias"), shape: [channels],
                                 values: [Float](repeating: 0, count: channels))
        for c in 0..<channels { bias.values[c] = bias.values[c] * scale.values[c] + shift.values[c] }
        return (w, bias)
      }
      var done = true
      switch nodes[p].kind {
      case let .dense(w, b, .none) where w.shape[1] == scale.values.count:
        let (w2, b2) = folded(w, channelStride: 1, channels: w.shape[1], b)
        nodes[p].kind = .dense(weight: w2, bias: b2, activation: .none)
      case let .conv2D(w, b, s, pad, d, .none) where w.shape[3] == scale.values.count:
        let (w2, b2) = folded(w, channelStride: 1, channels: w.shape[3], b)
        nodes[p].kind = .conv2D(weight: w2, bias: b2, strides: s, padding: pad, dilation: d, activation: .none)
      case let .depthwiseConv2D(w, b, s, pad, d, .none) where w.shape[2] * w.shape[3] == scale.values.count:
        let (w2, b2) = folded(w, channelStride: 1, channels: w.shape[2] * w.shape[3], b)
        nodes[p].kind = .depthwiseConv2D(weight: w2, bias: b2, strides: s, padding: pad, dilation: d, activation: .none)
      default:
        done = false
      }
      if done {
        nodes[p].name += "+" + nodes[i].name
        let n = nodes.remove(at: i)
        replaceUses(of: n.output, with: n.inputs[0])
      } else {
        i += 1
      }
    }
  }

  /// Moves a standalone relu / relu6 into the fused activation of the conv / depthwise / dense / add
  /// that alone feeds it.
  mutating func fuseActivations() {
    var i = 0
    while i < nodes.count {
      guard case let .activation(a) = nodes[i].kind, a == .relu || a == .relu6,
            let p = nodes.firstIndex(where: { $0.output == nodes[i].inputs[0] }),
            consumers[nodes[p].output].count == 1, nodes[p].output != output
      else { i += 1; continue }
      var done = true
      switch nodes[p].kind {
      case let .dense(w, b, .none): nodes[p].kind = .dense(weight: w, bias: b, activation: a)
      case let .conv2D(w, b, s, pad, d, .none): nodes[p].kind = .conv2D(weight: w, bias: b, strides: s, padding: pad, dilation: d, activation: a)
      case let .depthwiseConv2D(w, b, s, pad, d, .none):
        nodes[p].kind = .depthwiseConv2D(weight: w, bias: b, strides: s, padding: pad, dilation: d, activation: a)
      case .add(.none): nodes[p].kind = .add(activation: a)
      default: done = false
      }
      if done {
        let n = nodes.remove(at: i)
        replaceUses(of: n.output, with: n.inputs[0])
      } else {
        i += 1
      }
    }
  }
}
