import CHDF5
import PrismEnv

/// One finding of ``RolloutReader/validate()``.
public struct ValidationProblem: Equatable, Sendable, CustomStringConvertible {
    /// Errors make the dataset unfit for Minari; warnings do not.
    public enum Severity: String, Equatable, Sendable { case error, warning }

    /// How serious the problem is.
    public var severity: Severity
    /// The HDF5 object or file the problem is about.
    public var object: String
    /// What is wrong.
    public var message: String

    /// `error: /episode_3/observations: ...`.
    public var description: String { "\(severity.rawValue): \(object): \(message)" }
}

extension RolloutReader {
    /// Minari versions whose layout this reader and Minari 0.5.4 accept.
    static let supportedVersions: Set<String> = ["0.4.0", "0.4.1", "0.4.2", "0.4.3", "0.5.0", "0.5.1", "0.5.2", "0.5.3", "0.5.4"]

    /// Checks the dataset against Minari's rules: sequential ids, `total_steps` sums, T+1
    /// observations, flags set only at the end, dtypes matching the spaces. A group past the
    /// count (a half-written episode) is a warning, not an error.
    public func validate() -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        func add(_ severity: ValidationProblem.Severity, _ object: String, _ message: String) {
            problems.append(ValidationProblem(severity: severity, object: object, message: message))
        }
        if !Self.supportedVersions.contains(metadata.minariVersion) {
            add(.error, "metadata.json", "minari_version \(metadata.minariVersion) is not supported by Minari 0.5.4")
        }
        var stepSum = 0
        for index in 0..<episodeCount {
            let name = "episode_\(index)"
            let here = context.child(name)
            guard isGroup(file.id, name) else { add(.error, here.object, "missing (metadata counts \(episodeCount) episodes)"); continue }
            do {
                let steps = try validateGroup(name, index: index, here, add)
                stepSum += steps
            } catch {
                add(.error, here.object, "\(error)")
            }
        }
        if stepSum != metadata.totalSteps {
            add(.error, "metadata.json", "total_steps is \(metadata.totalSteps) but the episodes hold \(stepSum)")
        }
        let names = (try? linkNames(file.id, context)) ?? []
        for name in names where name.hasPrefix("episode_") {
            guard let number = Int(name.dropFirst("episode_".count)) else { add(.warning, "/" + name, "not an episode id"); continue }
            if number >= episodeCount {
                add(.warning, "/" + name, "a group past the counted \(episodeCount) episodes (half-written or uncounted); readers ignore it")
            }
        }
        return problems
    }

    private func validateGroup(
        _ name: String, index: Int, _ here: H5Context, _ add: (ValidationProblem.Severity, String, String) -> Void
    ) throws(StorageError) -> Int {
        let group = try H5Handle.group(H5Gopen2(file.id, name, prism_h5p_default()), here, "H5Gopen2")
        if let id = try H5IO.readInt64Attribute("id", on: group.id, here), id != Int64(index) {
            add(.error, here.object, "attribute id is \(id), expected \(index) (ids must be sequential)")
        }
        let actions = try SpaceCodec.read(space: actionSpace, name: "actions", in: group.id, count: nil, here)
        let steps = actions.count
        if let total = try H5IO.readInt64Attribute("total_steps", on: group.id, here), total != Int64(steps) {
            add(.error, here.object, "attribute total_steps is \(total) but there are \(steps) actions")
        }
        let observations = try SpaceCodec.read(space: observationSpace, name: "observations", in: group.id, count: nil, here)
        if observations.count != steps + 1 {
            add(.error, here.child("observations").object, "\(observations.count) observations for \(steps) actions (need T+1)")
        }
        let rewardsContext = here.child("rewards")
        let rewards = try H5IO.open("rewards", in: group.id, rewardsContext)
        if ![.float64, .float32].contains(try rewards.elementKind(rewardsContext)) {
            add(.error, rewardsContext.object, "rewards are not floating point")
        }
        if try rewards.dimensions(rewardsContext) != [steps] {
            add(.error, rewardsContext.object, "shape \(try rewards.dimensions(rewardsContext)), expected [\(steps)]")
        }
        for flagName in ["terminations", "truncations"] {
            let flagContext = here.child(flagName)
            let dataset = try H5IO.open(flagName, in: group.id, flagContext)
            let kind = try dataset.elementKind(flagContext)
            if kind != .bool { add(.error, flagContext.object, "stored as \(kind), not numpy bool (int8 enum FALSE/TRUE)") }
            let dims = try dataset.dimensions(flagContext)
            guard dims == [steps] else { add(.error, flagContext.object, "shape \(dims), expected [\(steps)]"); continue }
            if try H5IO.readBools(dataset, count: steps, flagContext).dropLast().contains(true) {
                add(.error, flagContext.object, "a flag is set before the last step")
            }
        }
        let infos = try readInfos(in: group.id, here)
        for problem in InfoColumn.group(infos.columns).problems(path: here.child("infos").object, rows: steps + 1) {
            add(.error, here.child("infos").object, problem)
        }
        for path in infos.skipped {
            add(.warning, path, "an info of a type Prism does not read (skipped by the reader)")
        }
        return steps
    }
}
