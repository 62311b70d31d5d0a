// Greedy-by-size arena planning. Buffers (activation tensors and kernel scratch) are placed in
// decreasing size order; each goes at the lowest offset where it overlaps no already placed buffer
// that is alive at the same time. No memory beyond the records themselves: the placed buffers form
// a list sorted by offset, threaded through `planNext`.

/// The buffers to place and their lifetimes, over tensor records and node scratch slots.
struct PlanItems {
  let records: UnsafeMutablePointer<TensorRecord>
  let tensorCount: Int
  let nodes: UnsafeMutablePointer<NodeRecord>
  let nodeCount: Int
  let includeScratch: Bool

  var count: Int { tensorCount + (includeScratch ? nodeCount * NodeRecord.maxScratch : 0) }

  /// Bytes to place for item `i`; 0 for items that take no arena space.
  func size(_ i: Int) -> Int {
    if i < tensorCount {
      let r = records[i]
      if r.location == .model || r.aliasOf >= 0 || r.firstUse < 0 { return 0 }
      return (r.byteSize + 15) & ~15
    }
    let j = i - tensorCount
    let n = nodes[j / NodeRecord.maxScratch]
    let s = j % NodeRecord.maxScratch
    return s < n.scratchCount ? (n.scratchSize[s] + 15) & ~15 : 0
  }

  func lifetime(_ i: Int) -> (Int32, Int32) {
    if i < tensorCount { return (records[i].firstUse, records[i].lastUse) }
    let node = Int32((i - tensorCount) / NodeRecord.maxScratch)
    return (node, node)
  }

  func offset(_ i: Int) -> Int {
    if i < tensorCount { return records[i].dataOffset }
    let j = i - tensorCount
    return nodes[j / NodeRecord.maxScratch].scratchOffset[j % NodeRecord.maxScratch]
  }

  func setOffset(_ i: Int, _ o: Int) {
    if i < tensorCount { records[i].dataOffset = o; return }
    let j = i - tensorCount
    nodes[j / NodeRecord.maxScratch].scratchOffset[j % NodeRecord.maxScratch] = o
  }

  /// The next placed item after `i` in offset order (tensors: `planNext`; scratch: `scratchNext`).
  func next(_ i: Int) -> Int { Int(i < tensorCount ? records[i].planNext : scratchNext(i)) }

  func setNext(_ i: Int, _ n: Int) {
    if i < tensorCount { records[i].planNext = Int32(n); return }
    setScratchNext(i, n)
  }

  private func scratchNext(_ i: Int) -> Int32 {
    let j = i - tensorCount
    return nodes[j / NodeRecord.maxScratch].scratchNext[j % NodeRecord.maxScratch]
  }

  private func setScratchNext(_ i: Int, _ n: Int) {
    let j = i - tensorCount
    nodes[j / NodeRecord.maxScratch].scratchNext[j % NodeRecord.maxScratch] = Int32(n)
  }
}

/// Places every item with a non-zero size; returns the bytes the placement spans.
func planGreedy(_ items: PlanItems) -> Int {
  let n = items.count
  // Mark everything unplaced: placed items have offset >= 0.
  for i in 0..<n where items.size(i) > 0 { items.setOffset(i, -1); items.setNext(i, -1) }
  var head = -1
  var total = 0
  while true {
    // The largest unplaced item (lowest index on ties).
    var pick = -1
    var pickSize = 0
    for i in 0..<n {
      let s = items.size(i)
      if s > pickSize && items.offset(i) < 0 { pick = i; pickSize = s }
    }
    if pick < 0 { break }
    let (first, last) = items.lifetime(pick)
    // First fit among the placed items alive at the same time, walked in offset order.
    var candidate = 0
    var p = head
    while p >= 0 {
      let (pf, pl) = items.lifetime(p)
      if pf <= last && first <= pl {
        let po = items.offset(p)
        if po >= candidate + pickSize { break }
        candidate = max(candidate, po + items.size(p))
      }
      p = items.next(p)
    }
    items.setOffset(pick, candidate)
    total = max(total, candidate + pickSize)
    // Insert into the offset-sorted list.
    if head < 0 || items.offset(head) > candidate {
      items.setNext(pick, head)
      head = pick
    } else {
      var q = head
      while items.next(q) >= 0 && items.offset(items.next(q)) <= candidate { q = items.next(q) }
      items.setNext(pick, items.next(q))
      items.setNext(q, pick)
    }
  }
  return total
}
