/// Compares reverse-mode gradients with central finite differences, the test every op must pass.
public enum GradientCheck {
    /// The outcome of one check: the worst disagreement over all input elements.
    public struct Report: CustomStringConvertible, Sendable {
        /// Largest |analytic − numeric| / (absolute + relative·|numeric|): above 1 means a failure.
        public var maximumError: Double = 0
        /// The input index, element index, analytic and numeric values of that worst element.
        public var worst: (input: Int, element: Int, analytic: Double, numeric: Double) = (0, 0, 0, 0)
        /// Whether every element satisfied |analytic − numeric| ≤ absolute + relative·|numeric|.
        public var passed = true

        /// A one-line summary naming the worst element.
        public var description: String {
            "gradient check \(passed ? "passed" : "FAILED"): max error/tolerance \(maximumError) at input \(worst.input) "
                + "element \(worst.element) (analytic \(worst.analytic), numeric \(worst.numeric))"
        }
    }

    /// Checks the gradient of `function` at `inputs`.
    ///
    /// The scalar objective is `Σ wᵢ · f(x)ᵢ` with fixed, distinct weights wᵢ (so every output
    /// element matters and errors cannot cancel). The analytic gradient comes from one backward
    /// pass; the numeric one from `Σ wᵢ (fᵢ(x + h) − fᵢ(x − h)) / 2h` per element, in Float64
    /// with `h = step · max(1, |x|)`.
    /// - Parameters:
    ///   - inputs: the points; each becomes a leaf that requires a gradient.
    ///   - absolute, relative: the tolerance per element.
    public static func check(
        _ function: ([Tensor]) -> Tensor, at inputs: [Tensor], step: Double = 1e-2,
        absolute: Double = 2e-3, relative: Double = 1e-2
    ) -> Report {
        let leaves = inputs.map { input -> Tensor in
            var leaf = input.detached
            leaf.requiresGradient = true
            return leaf
        }
        let output = function(leaves)
        let weights = Tensor(shape: output.shape, scalars: (0..<output.count).map { Float(weight($0)) })
        (output * weights).sum().backward()

        var report = Report()
        for (inputIndex, leaf) in leaves.enumerated() {
            let analytic = leaf.gradient?.scalars ?? [Float](repeating: 0, count: leaf.count)
            for element in 0..<leaf.count {
                let original = Double(leaf.storage.pointer[element])
                let h = step * Swift.max(1, Swift.abs(original))
                let plus = evaluate(function, inputs, inputIndex, element, original + h)
                let minus = evaluate(function, inputs, inputIndex, element, original - h)
                var difference: Double = 0
                for index in plus.indices { difference += weight(index) * (Double(plus[index]) - Double(minus[index])) }
                let numeric = difference / (2 * h)
                let error = Swift.abs(Double(analytic[element]) - numeric)
                    / (absolute + relative * Swift.abs(numeric))
                if !(error <= 1) { report.passed = false }
                if error > report.maximumError || error.isNaN {
                    report.maximumError = error
                    report.worst = (inputIndex, element, Double(analytic[element]), numeric)
                }
            }
        }
        return report
    }

    /// The outputs of `function` with one element of one input replaced. Differences are taken
    /// per output element before weighting, so a huge output elsewhere cannot swamp them.
    static func evaluate(
        _ function: ([Tensor]) -> Tensor, _ inputs: [Tensor], _ inputIndex: Int, _ element: Int, _ value: Double
    ) -> [Float] {
        var perturbed = inputs.map(\.detached)
        perturbed[inputIndex].withUnsafeMutableBufferPointer { $0[element] = Float(value) }
        return withoutGradients { function(perturbed) }.scalars
    }

    /// Fixed, distinct, sign-varying weights in [-1, 1].
    static func weight(_ index: Int) -> Double {
        let phase = Double(index) * 0.618_033_988_749_895
        return (phase - phase.rounded(.down)) * 2 - 1 + 0.05
    }
}
