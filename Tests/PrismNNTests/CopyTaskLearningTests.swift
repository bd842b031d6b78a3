import PrismNN
import PrismTensor
import Testing

/// A 2-layer transformer learns the copy task in a few seconds, and seeded training is
/// bit-reproducible (`OPENBLAS_NUM_THREADS=1`).
@Suite(.serialized) struct CopyTaskLearningTests {
    /// Trains from `seed`; returns the model and the mean loss of the last 10 steps.
    static func train(seed: UInt64, steps: Int) -> (TransformerLanguageModel, Float) {
        BLAS.setThreadCount(1)
        let task = CopyTask(symbolCount: 8, length: 6)
        let stream = RandomStream(seed: seed)
        var initStream = stream.child("init")
        var model = TransformerLanguageModel(
            TransformerConfiguration(vocabularySize: task.vocabularySize, contextLength: task.contextLength,
                                     width: 64, headCount: 4, layerCount: 2),
            using: &initStream)
        var optimizer = AdamW(learningRate: 3e-3, weightDecay: 0)
        var dataStream = stream.child("data")
        var recent: [Float] = []
        for _ in 0..<steps {
            let batch = task.makeBatch(size: 32, using: &dataStream)
            let logits = model(batch.inputs, batchSize: batch.size)
            let loss = Tensor.crossEntropy(logits: logits.reshaped(to: [-1, task.vocabularySize]), targets: batch.targets)
            model.zeroGradients()
            loss.backward()
            clipGradientNorm(&model, maxNorm: 1)
            optimizer.step(&model)
            recent = Array((recent + [loss.item]).suffix(10))
        }
        return (model, recent.reduce(0, +) / Float(recent.count))
    }

    @Test func twoLayerTransformerLearnsToCopy() {
        let (_, loss) = Self.train(seed: 1, steps: 250)
        // Chance is ln 8 ≈ 2.08; copying needs attention to the token n + 1 positions back.
        #expect(loss < 0.05, "final copy loss \(loss)")
    }

    @Test func seededTrainingIsBitIdentical() {
        let (first, firstLoss) = Self.train(seed: 5, steps: 15)
        let (second, secondLoss) = Self.train(seed: 5, steps: 15)
        let (other, _) = Self.train(seed: 6, steps: 15)
        #expect(firstLoss.bitPattern == secondLoss.bitPattern)
        let bits = { (model: TransformerLanguageModel) in model.namedParameters.flatMap { $0.tensor.scalars.map(\.bitPattern) } }
        #expect(bits(first) == bits(second))
        #expect(bits(first) != bits(other))
    }
}
