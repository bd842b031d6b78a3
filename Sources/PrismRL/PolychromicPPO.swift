import PrismEnv
import PrismPolicy
import PrismTensor

/// Polychromic PPO (Hamid et al., 2025, "Polychromic Objectives for Reinforcement Learning",
/// arXiv 2509.25424, Algorithm 2; docs/algorithms.md §2.3): once per PPO iteration it turns a standard rollout
/// and its GAE batch into the polychromic training batch.
///
/// For each saved rollout state sⱼ it restores copies of the environment to sⱼ, samples N vines
/// with the behaviour policy π_β, forms M sets of n vines, scores each set with
/// f_poly = mean reward × diversity, takes A♯_g = score_g − mean score, and gives A♯ to the first
/// W actions of the vines; those samples replace the rollout's GAE samples from sⱼ over the same
/// window. Every other sample keeps its GAE advantage. The PPO update then adds the KL penalty to
/// π_β (``PolychromicPPOConfiguration/trainerConfiguration(_:)``).
///
/// Choices made where the paper is silent:
/// - **Rollout states** (``rolloutStateRequests(stepCount:environmentCount:)``): p states at evenly
///   spaced steps ⌊(i + ½)·T/p⌋ of the rollout (the replications' choice), state i in environment
///   copy i mod E, or p in every copy (``RolloutStatePlacement``), optionally with each copy's
///   first episode start; picking them draws no randomness and leaves the rollout as it would be
///   without snapshots.
/// - **Vines in several sets**: by default (``SetAdvantageAssignment/marginal``) each vine appears
///   once with the mean A♯ of its sets, the empirical marginal set advantage (docs/algorithms.md §2.1); a vine in
///   no set is dropped. ``SetAdvantageAssignment/duplicated`` adds one copy per set instead, as the
///   replications do; then every action of every vine of set g carries exactly A♯_g.
/// - **Replaced samples**: the rollout's samples of copy e from step t for W steps, stopping after
///   the step that ends the episode (``RolloutBuffer/windowIndices(step:environment:window:)``); the
///   windows of all states are removed once each. A window cut by the end of the rollout removes
///   fewer samples than its vines add.
/// - **Normalisation**: the advantages are not rescaled here; the update normalises A♯ and GAE
///   samples together or each group by itself (``AdvantageNormalization``, read from
///   ``PPOBatch/setAdvantageMask``). `polychromic/advantage_std` and
///   `polychromic/gae_advantage_std` show the two scales.
/// - **Vine tails**: a vine's actions after the window are dropped, or kept once per vine with
///   GAE advantages (``VineTail``).
/// - **Vine value targets**: each vine's discounted returns-to-go (λ = 1) with the PPO discount,
///   bootstrapped from V(last observation) when the vine is cut by the horizon or a time limit; the
///   old log-probabilities and values are π_β's, recorded while sampling.
/// - **Diversity**: by default the set of room ids in a vine's step infos (the paper's "same set
///   of rooms"); the room of the rollout state itself is shared by all vines, so it is left out.
/// - **Randomness**: `stream` is consumed in order: the vines of state 1, its sets, the vines of
///   state 2, and so on.
///
/// A recipe wires it like this, once per iteration:
/// ```swift
/// let polychromic = try PolychromicPPO(configuration: config.polychromic)
/// var trainer = PPOTrainer(model: model, configuration: polychromic.trainerConfiguration(config.ppo),
///                          updateCount: updates)
/// let requests = polychromic.rolloutStateRequests(stepCount: steps, environmentCount: environmentCount)
/// for _ in 0..<updates {
///     let (rollout, states) = try collector.collect(steps: steps, policy: trainer.model,
///                                                   snapshottingAt: requests, using: &sampling)
///     let estimate = rollout.buffer.advantageEstimate(discount: config.ppo.discount,
///                                                     gaeLambda: config.ppo.gaeLambda)
///     let standard = PPOBatch(buffer: rollout.buffer, estimate: estimate)
///     let result = try polychromic.trainingBatch(
///         rollout: rollout.buffer, states: states, standardBatch: standard, policy: trainer.model,
///         environment: collector.environments.environments[0], encode: collector.encode,
///         discount: config.ppo.discount, using: &vineSampling)
///     let update = trainer.update(result.batch, using: &shuffling)
///     log(update.scalars(includesBehaviourKL: true).merging(result.metrics.scalars) { $1 })
/// }
/// ```
/// `policy` must be the model that collected the rollout (π_β, before the update), and
/// `vineSampling` a stream of its own (e.g. `root.child("vines")`) kept across iterations.
public struct PolychromicPPO: Sendable {
    /// The hyper-parameters, validated.
    public let configuration: PolychromicPPOConfiguration

    /// A driver for `configuration`.
    /// - Throws: ``PolychromicPPOConfigurationError`` naming the first invalid field.
    public init(configuration: PolychromicPPOConfiguration = PolychromicPPOConfiguration())
        throws(PolychromicPPOConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
    }

    /// `base` with the KL penalty to the behaviour policy turned on (see
    /// ``PolychromicPPOConfiguration/trainerConfiguration(_:)``).
    public func trainerConfiguration(_ base: PPOConfiguration) -> PPOConfiguration {
        configuration.trainerConfiguration(base)
    }

    /// The `(step, environment)` pairs to snapshot while collecting T steps of E copies, in
    /// collection order: p steps evenly spaced over the rollout (``evenlySpacedSteps(count:stepCount:)``),
    /// state i in copy i mod E (``RolloutStatePlacement/rollout``) or in every copy
    /// (``RolloutStatePlacement/copy``). Episode starts (``PolychromicPPOConfiguration/includesEpisodeStarts``)
    /// are found during the collection and come on top.
    public func rolloutStateRequests(stepCount: Int, environmentCount: Int) -> [(step: Int, environment: Int)] {
        precondition(environmentCount > 0, "PolychromicPPO: environment count \(environmentCount) must be > 0")
        let steps = evenlySpacedSteps(count: configuration.rolloutStateCount, stepCount: stepCount)
        switch configuration.statePlacement {
        case .rollout:
            return steps.enumerated().map { (step: $0.element, environment: $0.offset % environmentCount) }
        case .copy:
            return steps.flatMap { step in (0..<environmentCount).map { (step: step, environment: $0) } }
        }
    }

    /// The polychromic training batch of one PPO iteration (docs/algorithms.md §2.3 steps 2–5).
    ///
    /// The batch holds the samples of `standardBatch` outside every rollout state's window, in
    /// their order, followed by the vine samples of each state in `states` order (within a state:
    /// vines in index order, or for ``SetAdvantageAssignment/duplicated`` set by set), each vine
    /// contributing its first min(W, length) actions.
    /// - Parameters:
    ///   - rollout: the buffer the states were saved from.
    ///   - states: the rollout states, from ``RolloutCollector/collect(steps:policy:snapshottingAt:using:)``
    ///     with ``rolloutStateRequests(stepCount:environmentCount:)``; at least one.
    ///   - standardBatch: `PPOBatch(buffer: rollout, estimate:)`, the GAE samples in buffer order.
    ///   - policy: the behaviour policy π_β, the model that collected `rollout`.
    ///   - environment: any copy of the environment the rollout ran in; vines run in copies of it
    ///     restored to each snapshot, and it is not changed.
    ///   - encode: the observation encoder the rollout used.
    ///   - discount: γ of the vines' value targets (the PPO discount).
    ///   - gaeLambda: λ of the GAE advantages of vine tails (``VineTail/gae``).
    ///   - reward: a vine's reward normalised to [0, 1]: by default its return (the episode's
    ///     remaining return), or e.g. `{ $0.successReward(horizon: 100) }`.
    ///   - signature: equal for vines that count as the same trajectory; by default the set of
    ///     rooms visited.
    ///   - stream: draws the vines' actions and the sets.
    /// - Returns: the merged batch, its metrics and what happened at each rollout state.
    /// - Throws: ``EnvironmentError`` if an environment copy rejects an action.
    /// - Complexity: p·N·(vine horizon) environment steps and one batched forward pass per vine step.
    public func trainingBatch<Env: Restorable, Signature: Hashable>(
        rollout: RolloutBuffer, states: [RolloutState<Env>], standardBatch: PPOBatch, policy: ActorCritic,
        environment: Env, encode: (Env.Observation) -> [Float], discount: Float, gaeLambda: Float = 0.95,
        reward: (Vine) -> Double = { $0.totalReward },
        signature: ([StepInfo]) -> Signature = { Set($0.compactMap(\.roomID)) },
        using stream: inout RandomStream
    ) throws(EnvironmentError) -> PolychromicBatch where Env.Action == Int {
        precondition(!states.isEmpty, "PolychromicPPO.trainingBatch: no rollout states")
        precondition(standardBatch.count == rollout.sampleCount && standardBatch.observationSize == rollout.observationSize,
                     "PolychromicPPO.trainingBatch: the standard batch (\(standardBatch.count) samples) is not the rollout's (\(rollout.sampleCount))")
        precondition(standardBatch.actions == rollout.actions,
                     "PolychromicPPO.trainingBatch: the standard batch's samples are not the rollout's, in buffer order")
        for state in states {
            precondition(state.step >= 0 && state.step < rollout.stepCount
                         && state.environment >= 0 && state.environment < rollout.environmentCount,
                         "PolychromicPPO.trainingBatch: rollout state (\(state.step), \(state.environment)) is outside the rollout")
        }
        var reports: [PolychromicStateReport] = []
        var vineBatches: [PPOBatch] = []
        for state in states {
            let (report, vineBatch) = try vineSets(
                at: state, rollout: rollout, policy: policy, environment: environment, encode: encode,
                discount: discount, gaeLambda: gaeLambda, reward: reward, signature: signature, using: &stream)
            reports.append(report)
            vineBatches.append(vineBatch)
        }
        let replaced = Set(reports.flatMap(\.replacedSamples))
        let kept = standardBatch.removing(replaced)
        var merged = kept
        for (slot, vineBatch) in vineBatches.enumerated() {
            reports[slot].samples = merged.count..<(merged.count + vineBatch.count)
            merged = merged.appending(vineBatch)
        }
        let vineSamples = vineBatches.flatMap { zip($0.advantages, $0.setAdvantageMask) }
        let metrics = Self.metrics(reports: reports, vineAdvantages: vineSamples.filter(\.1).map(\.0),
                                   gaeAdvantages: kept.advantages + vineSamples.filter { !$0.1 }.map(\.0),
                                   replacedCount: replaced.count)
        return PolychromicBatch(batch: merged, metrics: metrics, states: reports)
    }

    /// Steps 3–5 at one rollout state: its vines, their sets and scores, and the vine samples.
    private func vineSets<Env: Restorable, Signature: Hashable>(
        at state: RolloutState<Env>, rollout: RolloutBuffer, policy: ActorCritic, environment: Env,
        encode: (Env.Observation) -> [Float], discount: Float, gaeLambda: Float, reward: (Vine) -> Double,
        signature: ([StepInfo]) -> Signature, using stream: inout RandomStream
    ) throws(EnvironmentError) -> (PolychromicStateReport, PPOBatch) where Env.Action == Int {
        let vines = try sampleVines(
            from: state.snapshot, observation: state.observation, environment: environment,
            count: configuration.vinesPerState, maxSteps: configuration.vineHorizon, policy: policy,
            encode: encode, using: &stream)
        let rewards = vines.map(reward)
        for value in rewards {
            precondition(value >= 0 && value <= 1, "PolychromicPPO.trainingBatch: vine reward \(value) is not in [0, 1]")
        }
        let signatures = vines.map { signature($0.infos) }
        let sets = PolychromicSets(rewards: rewards, signatures: signatures, setSize: configuration.setSize,
                                   setCount: configuration.setCount, using: &stream)
        let report = PolychromicStateReport(
            step: state.step, environment: state.environment, vines: vines, rewards: rewards, sets: sets,
            distinctSignatureCounts: sets.sets.map { set in Set(set.map { signatures[$0] }).count },
            replacedSamples: rollout.windowIndices(step: state.step, environment: state.environment,
                                                   window: configuration.window),
            samples: 0..<0)
        var samples = vineSamples(vines, sets: sets, discount: discount)
        if configuration.vineTail == .gae {
            samples = samples.appending(PPOBatch(vineTails: vines, after: configuration.window, discount: discount,
                                                 gaeLambda: gaeLambda))
        }
        return (report, samples)
    }

    /// The training samples of one state's vines under the configured assignment.
    private func vineSamples(_ vines: [Vine], sets: PolychromicSets, discount: Float) -> PPOBatch {
        switch configuration.setAssignment {
        case .marginal:
            return PPOBatch(vines: vines, advantages: sets.vineAdvantages, window: configuration.window,
                            discount: discount)
        case .duplicated:
            let members = sets.sets.flatMap { $0 }
            let advantages = zip(sets.sets, sets.advantages).flatMap { set, advantage in
                [Double?](repeating: advantage, count: set.count)
            }
            return PPOBatch(vines: members.map { vines[$0] }, advantages: advantages, window: configuration.window,
                            discount: discount)
        }
    }

    /// The batch's metrics from the per-state reports and the two kinds of advantages.
    private static func metrics(reports: [PolychromicStateReport], vineAdvantages: [Float], gaeAdvantages: [Float],
                                replacedCount: Int) -> PolychromicMetrics {
        let scores = meanAndStandardDeviation(reports.flatMap(\.sets.scores))
        let diversities = reports.flatMap(\.diversities)
        let diverse = reports.flatMap(\.distinctSignatureCounts).filter { $0 > 1 }.count
        let advantages = meanAndStandardDeviation(vineAdvantages.map(Double.init))
        let vines = reports.flatMap(\.vines)
        return PolychromicMetrics(
            setScoreMean: scores.mean, setScoreStandardDeviation: scores.standardDeviation,
            diversityMean: meanAndStandardDeviation(diversities).mean,
            fractionDiverseSets: Double(diverse) / Double(diversities.count),
            advantageMean: advantages.mean, advantageStandardDeviation: advantages.standardDeviation,
            gaeAdvantageStandardDeviation: meanAndStandardDeviation(gaeAdvantages.map(Double.init)).standardDeviation,
            vineCount: vines.count, environmentRestoreCount: vines.count,
            vineStepCount: vines.reduce(0) { $0 + $1.length },
            vineRewardMean: meanAndStandardDeviation(reports.flatMap(\.rewards)).mean,
            vineSampleCount: vineAdvantages.count, replacedSampleCount: replacedCount)
    }
}
