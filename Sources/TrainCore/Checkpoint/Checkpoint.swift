/// Saves and restores a model's parameters and buffers together with its optimizer's state, so a
/// resumed run continues exactly where the saved one left off.
///
/// Keys: model tensors under their stable names (`layers.0.weight`), optimizer slots under
/// `optimizer.<parameter>.<slot>`; metadata `optimizer` (kind), `optimizer_step` and `learning_rate`
/// join the caller's metadata.
public enum Checkpoint {
  /// Writes `model` (and `optimizer`, if given) to a `.safetensors` file atomically.
  public static func save(model: any Layer, optimizer: (any Optimizer)? = nil, metadata: [String: String] = [:],
                          to path: String) throws(SafetensorsError) {
    var tensors = model.stateTensors
    var meta = metadata
    if let optimizer {
      tensors += optimizer.stateTensors().map { ("optimizer." + $0.name, $0.tensor) }
      meta["optimizer"] = optimizer.kind
      meta["optimizer_step"] = String(optimizer.stepCount)
      meta["learning_rate"] = String(optimizer.learningRate)
    }
    try Safetensors.write(tensors, metadata: meta, to: path)
  }

  /// Loads a checkpoint into `model` (every state tensor must be present with its shape) and, if
  /// given, `optimizer`; returns the metadata.
  @discardableResult
  public static func load(into model: any Layer, optimizer: (any Optimizer)? = nil,
                          from path: String) throws -> [String: String] {
    let (tensors, metadata) = try Safetensors.read(path)
    let state = model.stateTensors
    for (name, t) in state {
      guard let stored = tensors[name] else { throw SafetensorsError.missingTensor(name: name) }
      guard stored.shape == t.shape else {
        throw SafetensorsError.shapeMismatch(name: name, expected: t.shape, found: stored.shape)
      }
    }
    for (name, t) in state { t.data = tensors[name]!.data }
    if let optimizer {
      guard let kind = metadata["optimizer"] else { throw OptimizerError.missingState }
      if kind != optimizer.kind {
        throw OptimizerError.wrongKind(expected: optimizer.kind, found: kind)
      }
      var slots: [String: Tensor] = [:]
      for (k, v) in tensors where k.hasPrefix("optimizer.") { slots[String(k.dropFirst("optimizer.".count))] = v }
      try optimizer.loadState(slots, stepCount: Int(metadata["optimizer_step"] ?? "0") ?? 0)
      if let lr = metadata["learning_rate"].flatMap(Float.init) { optimizer.learningRate = lr }
    }
    return metadata
  }
}
