import Foundation

/// A learning-rate schedule: the factor by which the base learning rate is multiplied at each step.
///
/// Steps count from 0 (the first update is step 0). Multipliers are computed in Double and rounded
/// to Float once, so the boundary values below are exact.
public enum LearningRateSchedule: Codable, Sendable, Equatable {
    /// Always 1.
    case constant
    /// Linear annealing from 1 at step 0 to `finalFraction` at step `totalSteps`:
    /// `1 − (1 − finalFraction)·min(step, totalSteps)/totalSteps`, then `finalFraction` after.
    /// With `finalFraction` 0 this is CleanRL's `frac = 1 − (update − 1)/num_updates` with
    /// `step = update − 1`.
    case linear(finalFraction: Float)
    /// Linear warmup from 0, then cosine decay to `minimumFraction` (nanoGPT's `get_lr`, with the
    /// warmup starting at 0). With W = `warmupSteps`, T = `totalSteps` (the run's total steps when
    /// nil, or a shorter decay horizon like nanoGPT's `lr_decay_iters`) and f = `minimumFraction`:
    /// `step/W` for `step < W`; `f` for `step ≥ T`; otherwise
    /// `f + (1 − f)·½·(1 + cos(π·(step − W)/(T − W)))`.
    case cosine(warmupSteps: Int, totalSteps: Int? = nil, minimumFraction: Float = 0)

    /// The learning-rate multiplier at `step` (0-based) of a run of `totalSteps` updates.
    /// - Parameters:
    ///   - step: the number of updates already made; negative steps count as 0.
    ///   - totalSteps: the run's number of updates, > 0 (unused by ``constant``).
    /// - Returns: the factor for the base learning rate, as given by each case's formula.
    public func multiplier(step: Int, totalSteps: Int) -> Float {
        let step = Swift.max(step, 0)
        switch self {
        case .constant:
            return 1
        case .linear(let finalFraction):
            precondition(totalSteps > 0, "LearningRateSchedule.linear: totalSteps \(totalSteps) must be > 0")
            let progress = Double(Swift.min(step, totalSteps)) / Double(totalSteps)
            return Float(1 - (1 - Double(finalFraction)) * progress)
        case .cosine(let warmupSteps, let horizon, let minimumFraction):
            let total = horizon ?? totalSteps
            precondition(warmupSteps >= 0,
                         "LearningRateSchedule.cosine: warmupSteps \(warmupSteps) is negative")
            precondition(total > 0, "LearningRateSchedule.cosine: totalSteps \(total) must be > 0")
            if step < warmupSteps { return Float(Double(step) / Double(warmupSteps)) }
            if step >= total { return minimumFraction }
            let ratio = Double(step - warmupSteps) / Double(total - warmupSteps)
            let coefficient = 0.5 * (1 + cos(Double.pi * ratio))
            let floor = Double(minimumFraction)
            return Float(floor + (1 - floor) * coefficient)
        }
    }
}
