import PrismRecipes

/// A config with nested structs, an optional, a list and a choice with parameters.
struct SampleConfig: RecipeConfig, Equatable {
    enum Loss: String, Codable, CaseIterable, Sendable { case sigmoid, robust, ipo }

    struct Optimizer: Codable, Sendable, Equatable {
        var learningRate: Double = 3e-4
        var betas: [Double] = [0.9, 0.999]
        var schedule = Schedule()
    }

    struct Schedule: Codable, Sendable, Equatable {
        var warmupSteps = 10
        var anneal = true
    }

    var totalSteps = 1000
    var envID = "gridworld/empty-5x5"
    var beta = 0.1
    var loss = Loss.sigmoid
    var labelSmoothing = 0.0
    var tau = 0.05
    var evalEvery: Int?
    var optimizer = Optimizer()

    static let choices = [ConfigChoice(key: "loss", Loss.self, parameters: [.robust: ["label_smoothing"], .ipo: ["tau"]])]

    func validate() throws {
        guard totalSteps > 0 else { throw ConfigValidationError(key: "total_steps", "must be positive") }
        guard labelSmoothing >= 0, labelSmoothing < 0.5 else {
            throw ConfigValidationError(key: "label_smoothing", "must be in [0, 0.5)")
        }
    }
}
