/// Minigrid's seven actions with their indices (`Discrete(7)`).
public enum GridAction: Int, CaseIterable, Sendable, Hashable, Codable {
    /// Turn left (counter-clockwise).
    case left = 0
    /// Turn right (clockwise).
    case right = 1
    /// Move one cell forward if the cell is empty or overlappable.
    case forward = 2
    /// Pick up the object in front when the agent's hands are free.
    case pickup = 3
    /// Drop the carried object onto the empty cell in front.
    case drop = 4
    /// Toggle the object in front (open/close a door, unlock with a matching key, open a box).
    case toggle = 5
    /// Declare the task done (does nothing in Minigrid's base environment).
    case done = 6
}
