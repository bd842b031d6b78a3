/// A recipe's configuration: a `Codable` struct whose `init()` gives a default for every field.
///
/// Files and `--set` overrides only name the fields they change; ``ConfigResolver`` fills the
/// rest from `init()`. Keys are the field names in snake_case (`learningRate` is
/// `learning_rate`, `envID` is `env_id`), nested structs give dotted keys (`ppo.clip_coef`).
///
/// ```swift
/// struct DPOConfig: RecipeConfig {
///     enum Loss: String, Codable, CaseIterable, Sendable { case sigmoid, robust, ipo }
///     var beta = 0.1
///     var loss = Loss.sigmoid
///     var labelSmoothing = 0.0
///     static let choices = [ConfigChoice(key: "loss", Loss.self, parameters: [.robust: ["label_smoothing"]])]
///     func validate() throws {
///         guard beta > 0 else { throw ConfigValidationError(key: "beta", "must be positive, got \(beta)") }
///     }
/// }
/// ```
public protocol RecipeConfig: Codable, Sendable {
    /// The default config.
    init()

    /// Rejects values that decode but make no sense (throw ``ConfigValidationError`` to name the
    /// key); called once the config is resolved, before any compute.
    func validate() throws

    /// The enum-valued fields whose cases take parameters as sibling keys.
    static var choices: [ConfigChoice] { get }

    /// The fields that name presets of sibling keys.
    static var presets: [ConfigPreset] { get }
}

extension RecipeConfig {
    /// Accepts every value.
    public func validate() throws {}

    /// No enum-valued fields with parameters.
    public static var choices: [ConfigChoice] { [] }

    /// No presets.
    public static var presets: [ConfigPreset] { [] }
}
