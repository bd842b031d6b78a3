import PrismNN
import PrismPreference
import PrismTensor

/// `lm-train-step`: the tiny pre-LN GPT of `torch_bench.py` (b) — vocab 64, D 128, 4 heads,
/// 2 layers, MLP 4× GELU, learned positions, context 64, batch 32 — one forward, cross-entropy,
/// backward and AdamW(lr 3e-4) step. Tokens/s = 32·64 / step time.
struct LanguageModelWorkload {
    static let (batch, length) = (32, 64)

    var model: TransformerLanguageModel
    var optimizer = AdamW(learningRate: 3e-4)
    let inputs: [Int]
    let targets: [Int]

    init(seed: UInt64) {
        var stream = RandomStream(seed: seed)
        model = TransformerLanguageModel(TransformerConfiguration(), using: &stream)
        let vocabulary = model.configuration.vocabularySize
        let data = (0..<(Self.batch * (Self.length + 1))).map { _ in stream.nextInt(below: vocabulary) }
        var inputs: [Int] = [], targets: [Int] = []
        for row in 0..<Self.batch {
            let sequence = data[(row * (Self.length + 1))..<((row + 1) * (Self.length + 1))]
            inputs += sequence.dropLast()
            targets += sequence.dropFirst()
        }
        (self.inputs, self.targets) = (inputs, targets)
    }

    mutating func step() {
        let logits = model(inputs, batchSize: Self.batch)
        let loss = Tensor.crossEntropy(logits: logits.reshaped(to: [-1, model.configuration.vocabularySize]),
                                       targets: targets)
        model.zeroGradients()
        loss.backward()
        optimizer.step(&model)
    }
}

/// `dpo-step`: `torch_bench.py` (c) — 16 (chosen, rejected) pairs of 64 tokens (prompt 16 +
/// response 48) on the same GPT: policy forward and backward on the 32 sequences, reference forward
/// without gradients, PrismPreference's sigmoid `dpoLoss` with β = 0.1 on response-token log-prob
/// sums, AdamW(lr 1e-5).
struct DPOWorkload {
    static let (pairs, length, prompt, beta) = (16, 64, 16, Float(0.1))

    var policy: TransformerLanguageModel
    let reference: TransformerLanguageModel
    var optimizer = AdamW(learningRate: 1e-5)
    let inputs: [Int], targets: [Int]
    let responseMask: Tensor

    init(seed: UInt64) {
        var stream = RandomStream(seed: seed)
        policy = TransformerLanguageModel(TransformerConfiguration(), using: &stream)
        reference = policy
        let vocabulary = policy.configuration.vocabularySize
        func tokens(_ n: Int) -> [Int] { (0..<n).map { _ in stream.nextInt(below: vocabulary) } }
        var chosen: [[Int]] = [], rejected: [[Int]] = []
        for _ in 0..<Self.pairs {
            let prompt = tokens(Self.prompt)
            chosen.append(prompt + tokens(Self.length - Self.prompt))
            rejected.append(prompt + tokens(Self.length - Self.prompt))
        }
        let sequences = chosen + rejected
        inputs = sequences.flatMap { $0.dropLast() }
        targets = sequences.flatMap { $0.dropFirst() }
        let rowMask = (0..<(Self.length - 1)).map { $0 >= Self.prompt - 1 ? Float(1) : 0 }
        responseMask = Tensor(shape: [1, Self.length - 1], scalars: rowMask)
    }

    /// Σ over response tokens of log π(token | prefix), per sequence: `[2·pairs]`.
    func sequenceLogProbs(_ model: TransformerLanguageModel) -> Tensor {
        let logits = model(inputs, batchSize: 2 * Self.pairs)
        let perToken = logits.logSoftmax().gathering(lastAxis: targets)  // [32, 63]
        return (perToken * responseMask).sum(alongAxis: 1)
    }

    mutating func step() {
        let referenceLogProbs = withoutGradients { sequenceLogProbs(reference) }
        let policyLogProbs = sequenceLogProbs(policy)
        let (chosen, rejected) = (0..<Self.pairs, Self.pairs..<(2 * Self.pairs))
        let lengths = [Int](repeating: Self.length - Self.prompt, count: Self.pairs)
        let output = dpoLoss(
            policyChosen: policyLogProbs.slice(alongAxis: 0, chosen),
            policyRejected: policyLogProbs.slice(alongAxis: 0, rejected),
            referenceChosen: referenceLogProbs.slice(alongAxis: 0, chosen),
            referenceRejected: referenceLogProbs.slice(alongAxis: 0, rejected),
            chosenLengths: lengths, rejectedLengths: lengths, variant: .sigmoid, beta: Self.beta)
        policy.zeroGradients()
        output.loss.backward()
        optimizer.step(&policy)
    }
}
