import Foundation

/// The result of one pass over a dataset.
public struct EpochResult: Equatable, Sendable {
  /// Mean loss per sample.
  public var loss: Float
  /// Fraction of correctly classified samples.
  public var accuracy: Float
  /// Creates a result.
  public init(loss: Float, accuracy: Float) { self.loss = loss; self.accuracy = accuracy }
}

/// Training-loop building blocks for classifiers trained with softmax cross-entropy.
public enum Training {
  /// One epoch of minibatch training; `onStep` sees each step's index within the epoch and the loss.
  public static func trainEpoch(model: any Layer, optimizer: any Optimizer, loader: DataLoader, epoch: Int,
                                labelSmoothing: Float = 0, clipNorm: Float? = nil,
                                schedule: (any LearningRateSchedule)? = nil,
                                onStep: (Int, Float) -> Void = { _, _ in }) -> EpochResult {
    model.setTraining(true)
    var loss = MeanMeter(), acc = AccuracyMeter()
    for (i, batch) in loader.batches(epoch: epoch).enumerated() {
      if let schedule { optimizer.learningRate = schedule.learningRate(at: optimizer.stepCount) }
      optimizer.zeroGrad()
      let logits = model(batch.inputs)
      let l = crossEntropy(logits: logits, labels: batch.labels, labelSmoothing: labelSmoothing)
      l.backward()
      if let clipNorm { clipGradNorm(optimizer.parameters.map(\.tensor), maxNorm: clipNorm) }
      optimizer.step()
      loss.add(l.item, count: batch.labels.count)
      acc.add(logits: logits, labels: batch.labels)
      onStep(i, l.item)
    }
    return EpochResult(loss: loss.value, accuracy: acc.value)
  }

  /// Loss and accuracy in evaluation mode without recording gradients.
  public static func evaluate(model: any Layer, dataset: TensorDataset, batchSize: Int = 256) -> EpochResult {
    model.setTraining(false)
    defer { model.setTraining(true) }
    var loss = MeanMeter(), acc = AccuracyMeter()
    withNoGrad {
      for batch in DataLoader(dataset, batchSize: batchSize, shuffle: false).batches(epoch: 0) {
        let logits = model(batch.inputs)
        loss.add(crossEntropy(logits: logits, labels: batch.labels).item, count: batch.labels.count)
        acc.add(logits: logits, labels: batch.labels)
      }
    }
    return EpochResult(loss: loss.value, accuracy: acc.value)
  }
}
