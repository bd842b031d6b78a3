import PrismTensor

/// Autoregressive sampling of completions for a batch of prompts.
extension TokenPolicy {
    /// Samples one completion per prompt, with each token's log-probability under the
    /// distribution it was drawn from.
    ///
    /// Each step draws one token for every unfinished row, rows in prompt order, with
    /// ``TokenSampling/draw(logits:configuration:using:)`` (one 64-bit output per row, none when
    /// greedy), so the same stream state gives the same completions with and without the KV cache.
    /// A completion ends at a stop token (kept), at `maxNewTokens`, or when prompt plus completion
    /// exceed the context by one.
    /// - Precondition: every prompt has 1...contextLength tokens.
    public func sample(prompts: [[Int]], configuration: SamplingConfiguration,
                       using stream: inout RandomStream) -> SampledCompletions {
        let context = self.configuration.transformer.contextLength
        precondition(!prompts.isEmpty && prompts.allSatisfy { (1...context).contains($0.count) },
                     "sample: every prompt needs 1...\(context) tokens")
        var completions = [[Int]](repeating: [], count: prompts.count)
        var logProbabilities = [[Float]](repeating: [], count: prompts.count)
        var reasons = [FinishReason](repeating: .maxNewTokens, count: prompts.count)
        guard configuration.maxNewTokens > 0 else {
            return SampledCompletions(completions: completions, logProbabilities: logProbabilities, finishReasons: reasons)
        }
        let stops = Set(configuration.stopTokens)
        let vocabulary = self.configuration.transformer.vocabularySize
        var active = Array(prompts.indices)
        let cache = configuration.usesKeyValueCache
            ? KeyValueCache(configuration: self.configuration.transformer, batchSize: prompts.count) : nil
        var logits = cache.map { prefill(prompts, cache: $0) } ?? lastLogits(prompts)
        while true {
            var continuing: [Int] = [], fed: [Int] = []
            logits.withUnsafeBufferPointer { buffer in
                for (i, row) in active.enumerated() {
                    let rowLogits = UnsafeBufferPointer(rebasing: buffer[(i * vocabulary)..<((i + 1) * vocabulary)])
                    let (token, logProbability) = TokenSampling.drawWithLogProbability(
                        logits: rowLogits, configuration: configuration, using: &stream)
                    completions[row].append(token)
                    logProbabilities[row].append(logProbability)
                    if stops.contains(token) {
                        reasons[row] = .stopToken
                    } else if completions[row].count == configuration.maxNewTokens {
                        reasons[row] = .maxNewTokens
                    } else if prompts[row].count + completions[row].count > context {
                        reasons[row] = .contextLength
                    } else {
                        continuing.append(row)
                        fed.append(token)
                    }
                }
            }
            active = continuing
            if active.isEmpty { break }
            if let cache {
                logits = decodeStep(fed, rows: active, cache: cache)
            } else {
                logits = lastLogits(active.map { prompts[$0] + completions[$0] })
            }
        }
        return SampledCompletions(completions: completions, logProbabilities: logProbabilities, finishReasons: reasons)
    }

    /// Runs the right-padded prompts through one causal forward pass (the block computation of
    /// ``TransformerBlock``, keeping each layer's keys and values in `cache`) and returns each
    /// prompt's logits at its last position, `[B, V]` in prompt order.
    /// - Precondition: `cache` is empty and has one row per prompt.
    func prefill(_ prompts: [[Int]], cache: KeyValueCache) -> Tensor {
        precondition(cache.batchSize == prompts.count && cache.lengths.allSatisfy { $0 == 0 }, "prefill: cache not empty")
        let (ids, length) = Self.padded(prompts)
        let hidden = withoutGradients {
            let model = languageModel
            let positions = length == model.configuration.contextLength
                ? model.positionEmbedding : model.positionEmbedding.slice(alongAxis: 0, 0..<length)
            var x = model.tokenEmbedding(ids, shape: [prompts.count, length]) + positions
            for (layer, block) in model.blocks.enumerated() {
                let h = block.norm1(x)
                let attention = block.attention
                let (key, value) = (attention.key(h), attention.value(h))
                cache.storePrefix(layer: layer, key: key, value: value)
                x = x + attention.output(Tensor.causalAttention(
                    query: attention.query(h), key: key, value: value, headCount: attention.headCount))
                x = x + block.down(block.up(block.norm2(x)).gelu())
            }
            return model.finalNorm(x)
        }
        cache.setLengths(prompts.map(\.count))
        return lastPositions(hidden, lengths: prompts.map(\.count))
    }

    /// `sequences` right-padded with the padding id, row-major, and the padded length.
    static func padded(_ sequences: [[Int]]) -> (ids: [Int], length: Int) {
        let length = sequences.map(\.count).max()!
        var ids = [Int](repeating: SpecialToken.padding.id, count: sequences.count * length)
        for (row, sequence) in sequences.enumerated() {
            for (offset, id) in sequence.enumerated() { ids[row * length + offset] = id }
        }
        return (ids, length)
    }

    /// The logits `[n, V]` of hidden states `[n, L, D]` at position `lengths[i] − 1` of each row.
    func lastPositions(_ hidden: Tensor, lengths: [Int]) -> Tensor {
        let (length, width) = (hidden.shape[1], hidden.shape[2])
        let last = Tensor(uninitializedShape: [lengths.count, width])
        for (row, count) in lengths.enumerated() {
            (last.storage.pointer + row * width).update(from: hidden.storage.pointer + (row * length + count - 1) * width,
                                                       count: width)
        }
        return withoutGradients { logits(hiddenStates: last) }
    }

    /// The logits at the last real position of each sequence, `[n, V]`, from one full forward over
    /// the right-padded sequences (no cache).
    func lastLogits(_ sequences: [[Int]]) -> Tensor {
        let (ids, _) = Self.padded(sequences)
        let hidden = withoutGradients { hiddenStates(ids, batchSize: sequences.count) }
        return lastPositions(hidden, lengths: sequences.map(\.count))
    }
}
