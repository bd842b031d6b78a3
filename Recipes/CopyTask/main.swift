import ArgumentParser
import Foundation
import PrismNN
import PrismTensor

/// `copy-task`: trains a tiny causal transformer to copy random strings and prints the falling
/// loss, then the greedy copy accuracy on fresh strings. Prism's demo until the PPO recipe lands.
struct CopyTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-task",
        abstract: "Train a tiny transformer on the copy task and print the falling loss.",
        discussion: "Every run is seed-locked: the same seed and thread count give the same numbers bit for bit.")

    @Option(help: "Training steps.") var steps = 300
    @Option(help: "Sequences per step.") var batchSize = 32
    @Option(help: "AdamW learning rate.") var learningRate: Float = 3e-3
    @Option(help: "Distinct symbols in the strings.") var symbols = 10
    @Option(help: "Length of the string to copy.") var length = 8
    @Option(help: "Model width D.") var width = 64
    @Option(help: "Attention heads.") var heads = 4
    @Option(help: "Transformer blocks.") var layers = 2
    @Option(help: "Seed of every random stream.") var seed: UInt64 = 0
    @Option(help: "OpenBLAS threads.") var threads = 1
    @Option(help: "Print the loss every this many steps.") var logEvery = 25
    @Option(help: "Directory to save the trained model into (model.safetensors).") var checkpoint: String?

    func validate() throws {
        for (name, value) in [("--steps", steps), ("--batch-size", batchSize), ("--symbols", symbols),
                              ("--length", length), ("--layers", layers), ("--threads", threads), ("--log-every", logEvery)]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1, got \(value)")
        }
        guard heads >= 1, width % heads == 0 else {
            throw ValidationError("--width \(width) must be a positive multiple of --heads \(heads)")
        }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be positive") }
    }

    func run() throws {
        BLAS.setThreadCount(threads)
        let task = CopyTask(symbolCount: symbols, length: length)
        let root = RandomStream(seed: seed)
        var initStream = root.child("init")
        var dataStream = root.child("data")
        var model = TransformerLanguageModel(
            TransformerConfiguration(vocabularySize: task.vocabularySize, contextLength: task.contextLength,
                                     width: width, headCount: heads, layerCount: layers),
            using: &initStream)
        var optimizer = AdamW(learningRate: learningRate, weightDecay: 0)
        print("copy task: copy \(length) of \(symbols) symbols; transformer D=\(width) H=\(heads) L=\(layers), "
              + "\(model.parameterCount) parameters; seed \(seed)")
        print(String(format: "chance loss ln(%d) = %.4f", symbols, Foundation.log(Double(symbols))))
        let start = Date()
        var window: [Float] = []
        for step in 1...steps {
            let batch = task.makeBatch(size: batchSize, using: &dataStream)
            let logits = model(batch.inputs, batchSize: batch.size)
            let loss = Tensor.crossEntropy(logits: logits.reshaped(to: [-1, task.vocabularySize]), targets: batch.targets)
            guard loss.item.isFinite else { throw ValidationError("loss became \(loss.item) at step \(step)") }
            model.zeroGradients()
            loss.backward()
            clipGradientNorm(&model, maxNorm: 1)
            optimizer.learningRate = learningRate * LearningRateSchedule.cosine(warmupSteps: steps / 10)
                .multiplier(step: step - 1, totalSteps: steps)
            optimizer.step(&model)
            window.append(loss.item)
            if step % logEvery == 0 || step == steps {
                let elapsed = Date().timeIntervalSince(start)
                let mean = window.reduce(0, +) / Float(window.count)
                print(String(format: "step %5d/%d  loss %.4f  %.0f steps/s  elapsed %.1fs",
                             step, steps, mean, Double(step) / elapsed, elapsed))
                window.removeAll()
            }
        }
        let accuracy = greedyAccuracy(model, task, using: &dataStream)
        print(String(format: "greedy copy accuracy on 256 fresh strings: %.1f%% (chance %.1f%%)",
                     accuracy * 100, 100 / Double(symbols)))
        if let checkpoint {
            try Checkpoint.save(model: model, to: URL(fileURLWithPath: checkpoint),
                                metadata: ["task": "copy", "seed": "\(seed)", "steps": "\(steps)"])
            print("saved \(checkpoint)/\(Checkpoint.modelFileName)")
        }
    }

    /// The fraction of copied symbols right when the model writes each one after reading the
    /// string, the separator and its own earlier outputs (greedy decoding, no teacher forcing).
    func greedyAccuracy(_ model: TransformerLanguageModel, _ task: CopyTask, using stream: inout RandomStream) -> Double {
        let batch = task.makeBatch(size: 256, using: &stream)
        let width = task.contextLength
        var sequences = (0..<batch.size).map { Array(batch.inputs[($0 * width)..<($0 * width + task.length + 1)]) }
        for _ in 0..<task.length {
            let current = sequences[0].count
            let logits = withoutGradients { model(sequences.flatMap { $0 }, batchSize: batch.size) }
            let last = logits.slice(alongAxis: 1, (current - 1)..<current).reshaped(to: [batch.size, task.vocabularySize])
            let scores = last.scalars
            for row in 0..<batch.size {
                let rowScores = scores[(row * task.vocabularySize)..<((row + 1) * task.vocabularySize)]
                let best = rowScores.indices.max { rowScores[$0] < rowScores[$1] } ?? row * task.vocabularySize
                sequences[row].append(best - row * task.vocabularySize)
            }
        }
        var correct = 0
        for (row, sequence) in sequences.enumerated() {
            for i in 0..<task.length where sequence[task.length + 1 + i] == batch.inputs[row * width + i] { correct += 1 }
        }
        return Double(correct) / Double(batch.size * task.length)
    }
}

CopyTaskCommand.main()
