import Foundation
import PrismTensor

/// Model and optimizer state on disk as safetensors files (`model.safetensors`,
/// `optimizer.safetensors`), named like PyTorch state dicts so Python's `safetensors` reads them.
///
/// Files contain no timestamps, so equal weights give equal bytes; each file is written atomically
/// (temporary file, then rename), so an interrupted save never leaves a truncated checkpoint.
public enum Checkpoint {
    /// The file holding the model's parameters in a checkpoint directory.
    public static let modelFileName = "model.safetensors"
    /// The file holding the optimizer's state in a checkpoint directory.
    public static let optimizerFileName = "optimizer.safetensors"

    /// Writes `model` (and `optimizer`, if given) into `directory`, creating it if needed.
    /// - Parameter metadata: extra string pairs stored in the model file's `__metadata__`.
    /// - Throws: ``SafeTensorsError`` or a file-system error naming the path.
    public static func save(
        model: some Layer, optimizer: (any Optimizer)? = nil, to directory: URL, metadata: [String: String] = [:]
    ) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try SafeTensorsFile(tensors: model.namedParameters, metadata: metadata)
            .write(to: directory.appendingPathComponent(modelFileName))
        if let optimizer {
            try SafeTensorsFile(tensors: optimizer.stateTensors(), metadata: optimizer.stateMetadata)
                .write(to: directory.appendingPathComponent(optimizerFileName))
        }
    }

    /// Loads parameters saved by ``save(model:optimizer:to:metadata:)`` into `model`.
    /// - Throws: ``SafeTensorsError`` for a malformed file (naming it), ``ParameterLoadingError``
    ///   naming the first missing or mis-shaped parameter; the model is unchanged when it throws.
    public static func loadModel(_ model: inout some Layer, from directory: URL) throws {
        let file = try SafeTensorsFile(contentsOf: directory.appendingPathComponent(modelFileName))
        try model.loadParameters(file.tensorDictionary)
    }

    /// Loads the optimizer state of a checkpoint directory into `optimizer`.
    /// - Throws: ``SafeTensorsError`` for a malformed file, ``OptimizerStateError`` naming the entry.
    public static func loadOptimizer(_ optimizer: inout some Optimizer, from directory: URL) throws {
        let state = try SafeTensorsFile(contentsOf: directory.appendingPathComponent(optimizerFileName))
        try optimizer.loadState(tensors: state.tensorDictionary, metadata: state.metadata)
    }
}

extension SafeTensorsFile {
    /// A file holding these named tensors, in order.
    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) throws(SafeTensorsError) {
        try self.init(entries: tensors.map { Entry(name: $0.name, shape: $0.tensor.shape, values: $0.tensor.scalars) },
                      metadata: metadata)
    }

    /// The tensors by name.
    public var tensorDictionary: [String: Tensor] {
        Dictionary(entries.map { ($0.name, Tensor(shape: $0.shape, scalars: $0.values)) },
                   uniquingKeysWith: { first, _ in first })
    }
}
