import PrismNN
import PrismTensor

/// The shape of an ``ActorCritic`` network; defaults as CleanRL's `ppo.py` agent.
public struct ActorCriticConfiguration: Codable, Sendable, Equatable {
    /// The width F of an encoded observation.
    public var observationSize: Int
    /// The number of discrete actions A.
    public var actionCount: Int
    /// The hidden layer widths of each MLP (of the trunk, when shared).
    public var hiddenSizes: [Int] = [64, 64]
    /// The nonlinearity after every hidden layer.
    public var activation: Activation = .tanh
    /// Whether actor and critic share one hidden trunk with two linear heads, instead of being
    /// separate MLPs (CleanRL's Atari agents share; its classic-control agent does not).
    public var sharesTrunk: Bool = false

    /// A configuration for `observationSize` inputs and `actionCount` actions.
    public init(observationSize: Int, actionCount: Int, hiddenSizes: [Int] = [64, 64],
                activation: Activation = .tanh, sharesTrunk: Bool = false) {
        self.observationSize = observationSize
        self.actionCount = actionCount
        self.hiddenSizes = hiddenSizes
        self.activation = activation
        self.sharesTrunk = sharesTrunk
    }
}

/// A categorical actor-critic for discrete actions: a policy head giving `[B, A]` logits and a
/// value head giving `[B]` state values (Mnih et al., 2016; the PPO agent of Schulman et al., 2017).
///
/// Initialisation is CleanRL's `layer_init`: orthogonal weights with gain √2 on hidden layers, 0.01
/// on the policy head and 1 on the value head, zero biases, so the initial policy is near uniform.
/// Parameters are named `actor.layers.<i>.…` and `critic.layers.<i>.…` (and `trunk.layers.<i>.…`
/// with a shared trunk, whose heads are then single layers), in the order trunk, actor, critic.
public struct ActorCritic: Layer {
    /// The shared hidden layers, or nil for separate networks.
    public var trunk: MLP?
    /// The policy network (or head, with a trunk): features → A logits.
    public var actor: MLP
    /// The value network (or head, with a trunk): features → 1 value.
    public var critic: MLP
    /// The nonlinearity after the trunk's last layer.
    public let activation: Activation

    /// A freshly initialised network; draws the trunk, then the actor, then the critic from `stream`.
    public init(_ configuration: ActorCriticConfiguration, using stream: inout RandomStream) {
        precondition(configuration.observationSize > 0 && configuration.actionCount > 0,
                     "ActorCritic: observationSize and actionCount must be > 0")
        let hidden = Initialization.orthogonal(gain: Float(2).squareRoot())
        let policyHead = Initialization.orthogonal(gain: 0.01)
        let valueHead = Initialization.orthogonal(gain: 1)
        let sizes = [configuration.observationSize] + configuration.hiddenSizes
        activation = configuration.activation
        if configuration.sharesTrunk && !configuration.hiddenSizes.isEmpty {
            trunk = MLP(sizes: sizes, activation: configuration.activation, hiddenInitialization: hidden,
                        using: &stream)
            let width = sizes[sizes.count - 1]
            actor = MLP(sizes: [width, configuration.actionCount], activation: configuration.activation,
                        hiddenInitialization: policyHead, using: &stream)
            critic = MLP(sizes: [width, 1], activation: configuration.activation,
                         hiddenInitialization: valueHead, using: &stream)
        } else {
            trunk = nil
            actor = MLP(sizes: sizes + [configuration.actionCount], activation: configuration.activation,
                        hiddenInitialization: hidden, outputInitialization: policyHead, using: &stream)
            critic = MLP(sizes: sizes + [1], activation: configuration.activation,
                         hiddenInitialization: hidden, outputInitialization: valueHead, using: &stream)
        }
    }

    /// The features both heads read: the observations themselves, or the trunk's activations.
    func features(_ observations: Tensor) -> Tensor {
        guard let trunk else { return observations }
        return activation(trunk(observations))
    }

    /// Policy logits and state values of a batch of encoded observations.
    /// - Parameter observations: `[B, F]`.
    /// - Returns: logits `[B, A]` and values `[B]`.
    public func callAsFunction(_ observations: Tensor) -> (logits: Tensor, values: Tensor) {
        precondition(observations.rank == 2, "ActorCritic: observations must be [B, F], got \(observations.shape)")
        let h = features(observations)
        return (actor(h), critic(h).reshaped(to: [observations.shape[0]]))
    }

    /// The action distributions at a batch of observations `[B, F]`.
    public func policy(_ observations: Tensor) -> Categorical {
        Categorical(logits: actor(features(observations)))
    }

    /// The state values `[B]` of a batch of observations `[B, F]`.
    public func value(_ observations: Tensor) -> Tensor {
        critic(features(observations)).reshaped(to: [observations.shape[0]])
    }

    /// `trunk.…` (if any), then `actor.…`, then `critic.…`.
    public mutating func visitParameters(prefix: String, _ visit: (String, inout Tensor) throws -> Void) rethrows {
        if trunk != nil {
            var shared = trunk
            trunk = nil  // keeps the trunk's tensors uniquely referenced during in-place updates
            defer { trunk = shared }
            try shared?.visitParameters(prefix: prefix + "trunk.", visit)
        }
        try actor.visitParameters(prefix: prefix + "actor.", visit)
        try critic.visitParameters(prefix: prefix + "critic.", visit)
    }
}
