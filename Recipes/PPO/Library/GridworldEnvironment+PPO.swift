import Gridworld
import PrismEnv
import PrismRecipes

extension GridworldEnvironment: PPOEnvironment {
    /// The gridworld of a `Gridworld/<Name>-v0` id.
    /// - Throws: ``ConfigValidationError`` for `env`, listing the ids, when `id` is not one.
    public static func make(id: String) throws -> GridworldEnvironment {
        guard let environment = Gridworld.make(id) else {
            throw ConfigValidationError(key: "env", "'\(id)' is not a gridworld id; ids: \(Gridworld.ids.joined(separator: ", "))")
        }
        return environment
    }

    /// The step count, room and mission of the current state.
    public var currentInfo: StepInfo {
        StepInfo(stepCount: state.stepCount, roomID: state.roomID, mission: state.mission)
    }

    /// 151: the 147 image values and the direction one-hot (``ObservationEncoders/flat(_:)``).
    public var encodedObservationSize: Int { ObservationEncoders.flatCount }
    /// The 7 Minigrid actions.
    public var actionCount: Int { GridAction.allCases.count }
    /// ``ObservationEncoders/flat(_:)``.
    public func encode(_ observation: GridObservation) -> [Float] { ObservationEncoders.flat(observation) }
    /// Always: gridworld snapshots hold the whole world and stream.
    public var supportsBranching: Bool { true }
    /// The level's step limit.
    public var episodeStepLimit: Int? { level.maxSteps }
    /// ``GridworldExpert``'s plan from the current state.
    public func expertPlan() -> [Int]? { GridworldExpert().plan(from: state)?.map(\.rawValue) }
    /// Minigrid's action numbers are the policy's.
    public func spaceAction(_ action: Int) -> Int { action }
    /// Minigrid's action numbers are the policy's.
    public func policyAction(_ spaceAction: Int) -> Int? { (0..<actionCount).contains(spaceAction) ? spaceAction : nil }
}
