import PrismTensor

/// Autoregressive sampling of completions for a batch of prompts.
extension TokenPolicy {
    /// Samples one completion per prompt.
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
        var reasons = [FinishReason](repeating: .maxNewTokens, count: prompts.count)
        guard configuration.maxNewTokens > 0 else { return SampledCompletions(completions: completions, finishReasons: reasons) }
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
                    let token = TokenSampling.draw(logits: rowLogits, configuration: configuration, using: &stream)
                    completions[row].append(token)
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
        return SampledCompletions(completions: completions, finishReasons: reasons)
    }

    /// Fills `cache` with the prompts one position at a time and returns each prompt's logits at
    /// its last position, `[B, V]` in prompt order.
    func prefill(_ prompts: [[Int]], cache: KeyValueCache) -> Tensor {
        let vocabulary = configuration.transformer.vocabularySize
        let result = Tensor(uninitializedShape: [prompts.count, vocabulary])
        for position in 0..<prompts.map(\.count).max()! {
            let rows = prompts.indices.filter { prompts[$0].count > position }
            let logits = decodeStep(rows.map { prompts[$0][position] }, rows: rows, cache: cache)
            for (i, row) in rows.enumerated() where prompts[row].count == position + 1 {
                (result.storage.pointer + row * vocabulary).update(from: logits.storage.pointer + i * vocabulary, count: vocabulary)
            }
        }
        return result
    }

    /// The logits at the last real position of each sequence, `[n, V]`, from one full forward over
    /// the right-padded sequences (no cache).
    func lastLogits(_ sequences: [[Int]]) -> Tensor {
        let vocabulary = configuration.transformer.vocabularySize
        let length = sequences.map(\.count).max()!
        var ids = [Int](repeating: SpecialToken.padding.id, count: sequences.count * length)
        for (row, sequence) in sequences.enumerated() {
            for (offset, id) in sequence.enumerated() { ids[row * length + offset] = id }
        }
        let all = withoutGradients { logits(hiddenStates: hiddenStates(ids, batchSize: sequences.count)) }
        let result = Tensor(uninitializedShape: [sequences.count, vocabulary])
        for (row, sequence) in sequences.enumerated() {
            let source = all.storage.pointer + (row * length + sequence.count - 1) * vocabulary
            (result.storage.pointer + row * vocabulary).update(from: source, count: vocabulary)
        }
        return result
    }
}
