/// The complete mutable world of a gridworld episode (everything but the random stream).
public struct GridworldState: Sendable, Hashable, Codable {
    /// The cells.
    public var grid: Grid
    /// The agent's cell.
    public var agentPosition: GridPosition
    /// The agent's direction (0 right, 1 down, 2 left, 3 up).
    public var agentDirection: Int
    /// The object in the agent's hands.
    public var carrying: WorldObject?
    /// Steps taken in the episode.
    public var stepCount: Int
    /// The step budget (`max_steps`).
    public var maxSteps: Int
    /// The mission text.
    public var mission: String
    /// The success condition.
    public var task: GridTask
    /// Room id of every cell, row-major.
    public var roomIDs: [Int]
    /// Whether the view ignores occlusion.
    public var seeThroughWalls: Bool

    /// The state at the start of an episode of `layout`.
    public init(layout: LevelLayout, maxSteps: Int, seeThroughWalls: Bool) {
        grid = layout.grid
        agentPosition = layout.agentPosition
        agentDirection = layout.agentDirection
        carrying = nil
        stepCount = 0
        self.maxSteps = maxSteps
        mission = layout.mission
        task = layout.task
        roomIDs = layout.roomIDs
        self.seeThroughWalls = seeThroughWalls
    }

    /// The cell in front of the agent (`front_pos`).
    public var frontPosition: GridPosition { agentPosition.moved(agentDirection) }

    /// The room the agent stands in.
    public var roomID: Int {
        grid.contains(agentPosition.x, agentPosition.y) ? roomIDs[agentPosition.y * grid.width + agentPosition.x] : -1
    }

    /// Minigrid's success reward `1 − 0.9·step_count/max_steps`.
    public var successReward: Double { 1 - 0.9 * (Double(stepCount) / Double(maxSteps)) }

    /// What one step did.
    public struct Outcome: Sendable, Hashable {
        /// The reward.
        public var reward: Double
        /// Whether the episode reached a terminal state.
        public var terminated: Bool
        /// Whether the task was achieved.
        public var isSuccess: Bool
        /// Whether the step count reached `maxSteps`.
        public var truncated: Bool
    }

    /// Applies one action exactly as Minigrid's `MiniGridEnv.step` (then the level's task check,
    /// as KeyCorridor, Unlock and BabyAI's verifier do).
    public mutating func apply(_ action: GridAction) -> Outcome {
        stepCount += 1
        var reward = 0.0
        var terminated = false
        var success = false
        let front = frontPosition
        let frontCell = grid[front]
        switch action {
        case .left:
            agentDirection = (agentDirection + 3) % 4
        case .right:
            agentDirection = (agentDirection + 1) % 4
        case .forward:
            if grid.contains(front.x, front.y) && (frontCell == nil || frontCell?.canOverlap == true) {
                agentPosition = front
            }
            if case .goal = frontCell {
                terminated = true
                success = true
                reward = successReward
            }
            if case .lava = frontCell { terminated = true }
        case .pickup:
            if let object = frontCell, object.canPickUp, carrying == nil {
                carrying = object
                grid[front] = nil
            }
        case .drop:
            if frontCell == nil, let object = carrying, grid.contains(front.x, front.y) {
                grid[front] = object
                carrying = nil
            }
        case .toggle:
            toggle(at: front)
        case .done:
            break
        }
        if let taskOutcome = checkTask(after: action) {
            terminated = true
            success = taskOutcome
            reward = taskOutcome ? successReward : 0
        }
        return Outcome(reward: reward, terminated: terminated, isSuccess: success, truncated: stepCount >= maxSteps)
    }

    /// Minigrid's `toggle` of the object at `position`.
    mutating func toggle(at position: GridPosition) {
        switch grid[position] {
        case .door(let color, .locked):
            if case .key(let keyColor) = carrying, keyColor == color { grid[position] = .door(color, .open) }
        case .door(let color, .closed):
            grid[position] = .door(color, .open)
        case .door(let color, .open):
            grid[position] = .door(color, .closed)
        case .box(_, let contents):
            grid[position] = contents
        default:
            break
        }
    }

    /// The level task's verdict after `action`: true success, false failure, nil undecided.
    func checkTask(after action: GridAction) -> Bool? {
        switch task {
        case .reachGoal:
            return nil
        case .pickUp(let kind, let color):
            guard action == .pickup, let held = carrying, held.kind == kind, held.color == color else { return nil }
            return true
        case .openDoor(let door):
            guard action == .toggle, grid[door]?.doorState == .open else { return nil }
            return true
        case .goTo(let kind, let color):
            guard action == .done else { return nil }
            let object = grid[frontPosition]
            return object?.kind == kind && object?.color == color
        }
    }
}
