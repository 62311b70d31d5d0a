// The graph as the planner sees it: when each activation is first and last needed, the data-flow
// checks that come with it, and which reshape-like outputs share their input's storage.

/// Sets each tensor's first and last use and checks the graph's data flow.
func computeLifetimes(_ g: TFLite.SubGraph, _ records: UnsafeMutablePointer<TensorRecord>,
                      _ count: Int) throws(MicroError) {
  let ops = g.operators
  let end = Int32(ops.count)
  let inputs = g.inputs
  for k in 0..<inputs.count {
    let t = Int(inputs[k])
    if records[t].location == .model { throw MicroError(.inputIsConstant, tensor: Int32(t)) }
    // Inputs stay intact for the whole invocation, so a caller may invoke again without refilling.
    records[t].flags |= TensorRecord.isInputFlag
    records[t].firstUse = 0
    records[t].lastUse = end
  }
  for t in 0..<count where records[t].flags & TensorRecord.isVariableFlag != 0 {
    records[t].firstUse = 0
    records[t].lastUse = end
  }
  for i in 0..<ops.count {
    let op = ops[i]
    let ins = op.inputs
    for k in 0..<ins.count where ins[k] >= 0 {
      let t = Int(ins[k])
      if records[t].location == .model { continue }
      if records[t].firstUse < 0 {
        var e = MicroError(.tensorReadBeforeWritten, op: Int32(i), tensor: Int32(t))
        e.field = Int32(k)
        throw e
      }
      records[t].lastUse = max(records[t].lastUse, Int32(i))
    }
    let outs = op.outputs
    for k in 0..<outs.count {
      let t = Int(outs[k])
      if records[t].location == .model { throw MicroError(.outputIsConstant, op: Int32(i), tensor: Int32(t)) }
      if records[t].firstUse >= 0 && records[t].flags & TensorRecord.isVariableFlag == 0 {
        throw MicroError(.tensorWrittenTwice, op: Int32(i), tensor: Int32(t))
      }
      if records[t].firstUse < 0 { records[t].firstUse = Int32(i) }
      records[t].lastUse = max(records[t].lastUse, Int32(i))
    }
  }
  let outputs = g.outputs
  for k in 0..<outputs.count {
    let t = Int(outputs[k])
    records[t].flags |= TensorRecord.isOutputFlag
    if records[t].location == .model { continue }
    if records[t].firstUse < 0 { throw MicroError(.tensorReadBeforeWritten, tensor: Int32(t)) }
    records[t].lastUse = end
  }
}

/// Lets the output of a reshape-like operator share its input's storage when that is safe: the
/// input is an activation (not a constant, not a subgraph input) and the output is no subgraph output.
func aliasReshapes(_ records: UnsafeMutablePointer<TensorRecord>, _ nodes: UnsafeMutablePointer<NodeRecord>,
                   _ count: Int) {
  let keep = TensorRecord.isInputFlag | TensorRecord.isOutputFlag | TensorRecord.isVariableFlag
  for i in 0..<count where nodes[i].registration.aliasesInput {
    let n = nodes[i].node
    let a = Int(n.input(0))
    let b = Int(n.output(0))
    if a < 0 || b < 0 { continue }
    if records[a].location != .arena || records[b].location != .arena { continue }
    if records[a].flags & keep != 0 || records[b].flags & keep != 0 { continue }
    if records[a].byteSize != records[b].byteSize { continue }
    var root = a
    while records[root].aliasOf >= 0 { root = Int(records[root].aliasOf) }
    records[b].aliasOf = Int32(root)
    records[root].lastUse = max(records[root].lastUse, records[b].lastUse)
  }
}
