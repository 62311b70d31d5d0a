/// One recorded operation: its inputs and the pullback mapping the output gradient to input gradients.
///
/// `id` is the operation's position on the tape; walking ids downward is a reverse topological order.
final class Node {
  let id: Int
  let inputs: [Tensor]
  let outputShape: [Int]
  /// Returns one gradient per input, each either in the input's shape or (for broadcasting
  /// operations) in `outputShape`; the engine reduces the latter. `nil` means "no gradient".
  let pullback: ([Float]) -> [[Float]?]

  init(inputs: [Tensor], outputShape: [Int], pullback: @escaping ([Float]) -> [[Float]?]) {
    GradMode.nextNodeID += 1
    self.id = GradMode.nextNodeID
    self.inputs = inputs
    self.outputShape = outputShape
    self.pullback = pullback
  }
}

extension Tensor {
  /// Wraps a forward result, recording `pullback` on the tape when grad mode is on and an input needs it.
  static func record(_ shape: [Int], _ data: [Float], _ inputs: [Tensor],
                     _ pullback: @escaping ([Float]) -> [[Float]?]) -> Tensor {
    let out = Tensor(shape: shape, data: data)
    if GradMode.enabled && inputs.contains(where: { $0.requiresGrad }) {
      out.requiresGrad = true
      out.node = Node(inputs: inputs, outputShape: shape, pullback: pullback)
    }
    return out
  }

  /// Back-propagates from this tensor, accumulating into `grad` of every leaf that requires it.
  ///
  /// A scalar tensor needs no seed; otherwise pass `gradient` in this tensor's shape. The graph is
  /// released afterwards (as in PyTorch without `retain_graph`).
  public func backward(gradient: Tensor? = nil) {
    precondition(requiresGrad, "backward() on a tensor that does not require grad")
    let seed: [Float]
    if let g = gradient {
      precondition(g.count == count, "gradient shape \(g.shape) does not match \(shape)")
      seed = g.data
    } else {
      precondition(count == 1, "backward() without a gradient needs a scalar, shape is \(shape)")
      seed = [1]
    }
    guard node != nil else { accumulateLeaf(self, seed); return }

    // Collect every recorded tensor reachable from here; sorting by tape position gives the order.
    var order: [Tensor] = []
    var seen = Set<ObjectIdentifier>()
    var stack: [Tensor] = [self]
    seen.insert(ObjectIdentifier(self))
    while let t = stack.popLast() {
      guard let n = t.node else { continue }
      order.append(t)
      for i in n.inputs where i.requiresGrad && i.node != nil && seen.insert(ObjectIdentifier(i)).inserted {
        stack.append(i)
      }
    }
    order.sort { $0.node!.id > $1.node!.id }

    var grads: [ObjectIdentifier: [Float]] = [ObjectIdentifier(self): seed]
    for t in order {
      guard let n = t.node, let g = grads.removeValue(forKey: ObjectIdentifier(t)) else { continue }
      let inputGrads = n.pullback(g)
      for (input, ig) in zip(n.inputs, inputGrads) {
        guard input.requiresGrad, let ig else { continue }
        // The one central place where broadcast gradients are summed back to the input's shape.
        let reduced = ig.count == input.count ? ig : ShapeMath.reduce(ig, from: n.outputShape, to: input.shape)
        if input.node == nil {
          accumulateLeaf(input, reduced)
        } else {
          let key = ObjectIdentifier(input)
          if var acc = grads.removeValue(forKey: key) {
            addInPlace(&acc, reduced)
            grads[key] = acc
          } else {
            grads[key] = reduced
          }
        }
      }
      t.node = nil
    }
  }

  private func accumulateLeaf(_ leaf: Tensor, _ g: [Float]) {
    if let existing = leaf.grad {
      addInPlace(&existing.data, g)
    } else {
      leaf.grad = Tensor(shape: leaf.shape, data: g)
    }
  }
}

/// `a += b`, elementwise.
@inline(__always)
func addInPlace(_ a: inout [Float], _ b: [Float]) {
  precondition(a.count == b.count)
  a.withUnsafeMutableBufferPointer { pa in
    b.withUnsafeBufferPointer { pb in
      for i in 0..<pa.count { pa[i] += pb[i] }
    }
  }
}
