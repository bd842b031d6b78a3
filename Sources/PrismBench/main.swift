import ArgumentParser
import PrismTensor

/// `prism-bench`: Prism's speed figures, one JSON object per line, workloads mirroring the
/// PyTorch reference bench one to one.
struct PrismBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prism-bench",
        abstract: "Times Prism's core workloads and prints one JSON object per workload row.",
        discussion: """
            Workloads: sgemm, ppo-minibatch, ppo-update, ppo-train (end-to-end ppo-gridworld iterations, env steps/s), lm-train-step, otr-step (exact and Monte-Carlo K = 256 rows, each with its ratio to lm-train-step), rl-step (on-policy REINFORCE: sampling 32×4 completions through the KV cache, then one step; reports sampling's share), dpo-step, lm-sample, env-steps, hdf5-write, hdf5-write-bulk, hdf5-read. With no argument every \
            workload runs. Each figure is the median of --runs timed batches after warm-up, each batch \
            sized to about --target-seconds. sgemm always reports 1 and 2 threads. The hdf5 workloads \
            report the median of --runs repetitions of 1,000 episodes × 100 steps each.
            """)

    enum Workload: String, CaseIterable, ExpressibleByArgument {
        case sgemm, ppoMinibatch = "ppo-minibatch", ppoUpdate = "ppo-update", ppoTrain = "ppo-train"
        case lmTrainStep = "lm-train-step", otrStep = "otr-step", rlStep = "rl-step", dpoStep = "dpo-step", lmSample = "lm-sample", envSteps = "env-steps"
        case hdf5Write = "hdf5-write", hdf5WriteBulk = "hdf5-write-bulk", hdf5Read = "hdf5-read"
    }

    @Argument(help: "Workloads to run (default: all).")
    var workloads: [Workload] = []

    @Option(help: "OpenBLAS threads for the training workloads.")
    var threads: Int = 1

    @Option(help: "Timed batches per workload (the median is reported; at least 5).")
    var runs: Int = 7

    @Option(help: "Approximate duration of one timed batch, in seconds.")
    var targetSeconds: Double = 0.3

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard runs >= 5 else { throw ValidationError("--runs must be at least 5, got \(runs)") }
        guard targetSeconds > 0 else { throw ValidationError("--target-seconds must be positive") }
    }

    func run() throws {
        let selected = workloads.isEmpty ? Workload.allCases : workloads
        for workload in selected {
            if workload == .sgemm {
                SgemmWorkload.run(runs: runs, target: targetSeconds).forEach { print($0) }
                continue
            }
            if workload == .envSteps {
                EnvironmentStepsWorkload.run(runs: runs, target: targetSeconds).forEach { print($0) }
                continue
            }
            if workload == .otrStep {
                BLAS.setThreadCount(threads)
                OTRWorkload.run(runs: runs, target: targetSeconds, threads: threads).forEach { print($0) }
                continue
            }
            if workload == .rlStep {
                BLAS.setThreadCount(threads)
                print(ReinforceWorkload.run(runs: runs, target: targetSeconds, threads: threads))
                continue
            }
            if let mode = storageMode(workload) {
                print(StorageWorkload.run(mode, runs: runs))
                continue
            }
            BLAS.setThreadCount(threads)
            print(measure(workload))
        }
    }

    func storageMode(_ workload: Workload) -> StorageWorkload.Mode? {
        switch workload {
        case .hdf5Write: .write
        case .hdf5WriteBulk: .writeBulk
        case .hdf5Read: .read
        default: nil
        }
    }

    func measure(_ workload: Workload) -> String {
        switch workload {
        case .ppoMinibatch:
            var ppo = PPOWorkload(seed: 0, minibatchOnly: true)
            let timing = Timing.measure(runs: runs, target: targetSeconds) { ppo.update() }
            return timing.row(workload.rawValue, threads: threads,
                              extra: [("samples_per_s", 256 / (timing.median / 1000))])
        case .ppoUpdate:
            var ppo = PPOWorkload(seed: 0, minibatchOnly: false)
            let timing = Timing.measure(runs: runs, target: targetSeconds) { ppo.update() }
            return timing.row(workload.rawValue, threads: threads,
                              extra: [("samples_per_s", 4 * 2048 / (timing.median / 1000))])
        case .ppoTrain:
            var ppo = PPOTrainWorkload(seed: 0)
            let timing = Timing.measure(runs: runs, target: targetSeconds) { ppo.iteration() }
            return timing.row(workload.rawValue, threads: threads,
                              extra: [("env_steps_per_s", Double(ppo.stepsPerIteration) / (timing.median / 1000))])
        case .lmTrainStep:
            var lm = LanguageModelWorkload(seed: 0)
            let timing = Timing.measure(runs: runs, target: targetSeconds) { lm.step() }
            return timing.row(workload.rawValue, threads: threads,
                              extra: [("tokens_per_s", 32 * 64 / (timing.median / 1000))])
        case .dpoStep:
            var dpo = DPOWorkload(seed: 0)
            let timing = Timing.measure(runs: runs, target: targetSeconds) { dpo.step() }
            return timing.row(workload.rawValue, threads: threads,
                              extra: [("pairs_per_s", 16 / (timing.median / 1000))])
        case .lmSample:
            var sampling = SamplingWorkload(seed: 0)
            let timing = Timing.measure(runs: runs, target: targetSeconds) { sampling.step() }
            let tokens = Double(SamplingWorkload.batch * SamplingWorkload.newTokens)
            return timing.row(workload.rawValue, threads: threads,
                              extra: [("tokens_per_s", tokens / (timing.median / 1000))])
        case .sgemm, .envSteps, .otrStep, .rlStep, .hdf5Write, .hdf5WriteBulk, .hdf5Read:
            return ""
        }
    }
}

PrismBench.main()
