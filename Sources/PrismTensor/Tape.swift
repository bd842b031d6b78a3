/// The record of differentiable operations, in the order they ran, for reverse-mode autodiff.
///
/// Every operation whose input requires a gradient appends one node: the inputs it came from and a
/// closure that maps the gradient of its output to the gradients of its inputs. Nodes refer to
/// their parents by index, never by reference, and closures capture only detached values, so
/// releasing a tape of a million nodes frees an array — no recursive deinitialisation, no stack
/// overflow. Creation order is a topological order, so ``Tensor/backward(_:)`` walks the nodes
/// once in reverse.
///
/// Tapes are created on demand: an operation on parameters alone starts a new tape, and an
/// operation combining results of two tapes moves the nodes of one onto the other (the emptied tape
/// forwards its indices). A tape belongs to one thread at a time.
public final class Tape: @unchecked Sendable {
    /// Where a node's input came from.
    enum Parent {
        /// A constant: no gradient flows back.
        case constant
        /// A leaf that accumulates its gradient (a parameter).
        case leaf(GradientAccumulator)
        /// The output of the node at this index of the same tape.
        case node(Int)
    }

    /// One recorded operation.
    struct Node {
        var parents: [Parent]
        /// Maps the output gradient to one gradient per parent (nil where none flows); nil once used.
        var backward: ((Tensor) -> [Tensor?])?
        var shape: [Int]
    }

    var nodes: [Node] = []
    /// Set when this tape was merged into another: the tape that now holds its nodes and the offset
    /// of its first node there.
    var mergedInto: (tape: Tape, offset: Int)?

    init() {}

    /// The tape and index that currently hold node `index` of `tape`, following merges.
    static func resolve(_ tape: Tape, _ index: Int) -> (Tape, Int) {
        var tape = tape
        var index = index
        while let target = tape.mergedInto {
            index += target.offset
            tape = target.tape
        }
        return (tape, index)
    }

    /// Moves every node of `other` to the end of this tape and forwards `other` here.
    func absorb(_ other: Tape) {
        let offset = nodes.count
        nodes.reserveCapacity(nodes.count + other.nodes.count)
        for var node in other.nodes {
            node.parents = node.parents.map {
                if case .node(let index) = $0 { return .node(index + offset) }
                return $0
            }
            nodes.append(node)
        }
        other.nodes = []
        other.mergedInto = (self, offset)
    }

    /// Records an operation with the given inputs, or returns nil when nothing needs a gradient
    /// (no input requires one, or recording is off; see ``withoutGradients(_:)``).
    static func record(
        inputs: [Tensor], shape: [Int], backward: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor.Origin? {
        var anyTracked = false
        for input in inputs where input.origin != nil { anyTracked = true; break }
        guard anyTracked, GradientMode.isEnabled else { return nil }

        var tape: Tape?
        for input in inputs {
            guard case .node(let inputTape, let inputIndex) = input.origin else { continue }
            let owner = resolve(inputTape, inputIndex).0
            if let current = tape {
                if current !== owner { current.absorb(owner) }
            } else {
                tape = owner
            }
        }
        var parents: [Parent] = []
        parents.reserveCapacity(inputs.count)
        for input in inputs {
            switch input.origin {
            case nil: parents.append(.constant)
            case .leaf(let accumulator): parents.append(.leaf(accumulator))
            case .node(let inputTape, let inputIndex): parents.append(.node(resolve(inputTape, inputIndex).1))
            }
        }
        let owner = tape ?? Tape()
        owner.nodes.append(Node(parents: parents, backward: backward, shape: shape))
        return .node(owner, owner.nodes.count - 1)
    }

    /// Runs reverse-mode accumulation from node `root`, seeded with `seed`, into the leaves.
    func propagate(from root: Int, seed: Tensor) {
        var gradients = [Tensor?](repeating: nil, count: root + 1)
        gradients[root] = seed
        for index in stride(from: root, through: 0, by: -1) {
            guard let gradient = gradients[index] else { continue }
            gradients[index] = nil
            guard let backward = nodes[index].backward else {
                preconditionFailure(
                    "backward: the graph behind this tensor was already used by an earlier backward()")
            }
            nodes[index].backward = nil
            let inputGradients = backward(gradient)
            for (parent, inputGradient) in Swift.zip(nodes[index].parents, inputGradients) {
                guard let inputGradient else { continue }
                switch parent {
                case .constant:
                    break
                case .leaf(let accumulator):
                    accumulator.accumulate(inputGradient)
                case .node(let parentIndex):
                    if var existing = gradients[parentIndex] {
                        gradients[parentIndex] = nil  // lets the sum happen in place when unshared
                        existing.accumulate(inputGradient)
                        gradients[parentIndex] = existing
                    } else {
                        gradients[parentIndex] = inputGradient
                    }
                }
            }
        }
    }
}

/// The gradient slot of a leaf tensor (a parameter): backward passes add into it.
public final class GradientAccumulator: @unchecked Sendable {
    /// The accumulated gradient, nil until a backward pass reaches this leaf or after zeroing.
    public var gradient: Tensor?

    init() {}

    func accumulate(_ value: Tensor) {
        guard var total = gradient else {
            gradient = value
            return
        }
        gradient = nil  // keeps `total` uniquely referenced, so the add happens in place
        total.accumulate(value)
        gradient = total
    }
}
