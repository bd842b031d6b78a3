import Foundation
import PrismTensor
import PrismTestSupport
import Testing

/// Forward values of the primitives against plain scalar references.
@Suite struct ForwardValueTests {
    @Test func broadcastingArithmetic() {
        let a = TestData.values([1, 2, 3, 4, 5, 6], [2, 3])
        expectClose(a + TestData.values([10, 20, 30]), TestData.values([11, 22, 33, 14, 25, 36], [2, 3]))
        expectClose(a * TestData.values([2, -1], [2, 1]), TestData.values([2, 4, 6, -4, -5, -6], [2, 3]))
        expectClose(TestData.values([1, 2], [2, 1, 1]) - TestData.values([1, 2, 3], [1, 3]),
                    TestData.values([0, -1, -2, 1, 0, -1], [2, 1, 3]))
        expectClose(a / 2, TestData.values([0.5, 1, 1.5, 2, 2.5, 3], [2, 3]))
        expectClose(1 - a, TestData.values([0, -1, -2, -3, -4, -5], [2, 3]))
    }

    @Test func reductionsAndMovement() {
        let a = TestData.values([1, 2, 3, 4, 5, 6], [2, 3])
        expectClose(a.sum(alongAxis: 0), TestData.values([5, 7, 9]))
        expectClose(a.sum(alongAxis: 1), TestData.values([6, 15]))
        expectClose(a.max(alongAxis: 1), TestData.values([3, 6]))
        expectClose(a.mean(), Tensor(3.5))
        expectClose(a.variance(unbiased: true), Tensor(3.5))
        expectClose(a.transposed(), TestData.values([1, 4, 2, 5, 3, 6], [3, 2]))
        expectClose(a.slice(alongAxis: 1, 1..<3), TestData.values([2, 3, 5, 6], [2, 2]))
        expectClose(Tensor.concatenate([a, a.slice(alongAxis: 1, 0..<1)], alongAxis: 1),
                    TestData.values([1, 2, 3, 1, 4, 5, 6, 4], [2, 4]))
        expectClose(Tensor.stack([TestData.values([1, 2]), TestData.values([3, 4])], alongAxis: 1),
                    TestData.values([1, 3, 2, 4], [2, 2]))
        expectClose(a.gathering(lastAxis: [2, 0]), TestData.values([3, 4]))
        expectClose(Tensor.oneHot([2, 0], depth: 3), TestData.values([0, 0, 1, 1, 0, 0], [2, 3]))
        let cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init))
        let permuted = cube.permuted([2, 0, 1])
        #expect(permuted.shape == [4, 2, 3])
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 {
            #expect(permuted.scalars[k * 6 + i * 3 + j] == cube.scalars[i * 12 + j * 4 + k])
        } } }
    }

    @Test func matmulMatchesNaiveProduct() {
        let m = TestData.uniform([7, 9], seed: 1)
        let n = TestData.uniform([9, 5], seed: 2)
        var expected = [Float](repeating: 0, count: 35)
        for i in 0..<7 { for j in 0..<5 { for k in 0..<9 { expected[i * 5 + j] += m.scalars[i * 9 + k] * n.scalars[k * 5 + j] } } }
        expectClose(Tensor.matmul(m, n), TestData.values(expected, [7, 5]), absolute: 1e-5)
        expectClose(Tensor.matmul(m.transposed(), n.transposed(), transposeA: true, transposeB: true),
                    TestData.values(expected, [7, 5]), absolute: 1e-5)
    }

    @Test func vectorisedMathIsAccurate() {
        let xs = (0..<20_001).map { Float($0 - 10_000) / 100 }
        let x = TestData.values(xs)
        let exps = x.exp().scalars
        let tanhs = x.tanh().scalars
        let gelus = x.gelu().scalars
        for (i, value) in xs.enumerated() {
            let reference = Foundation.exp(Double(value))
            if Swift.abs(value) <= 87 { #expect(Swift.abs(Double(exps[i]) - reference) <= 3e-7 * reference, "exp(\(value))") }
            #expect(Swift.abs(Double(tanhs[i]) - Foundation.tanh(Double(value))) <= 2e-7, "tanh(\(value))")
            let gelu = 0.5 * Double(value) * (1 + Foundation.erf(Double(value) / 2.0.squareRoot()))
            #expect(Swift.abs(Double(gelus[i]) - gelu) <= 2e-6 * Swift.max(1, Swift.abs(Double(value))), "gelu(\(value))")
        }
        #expect(TestData.values([-200, 200]).exp().scalars.allSatisfy { $0.isFinite })
    }

    @Test func stableHelpersAtExtremes() {
        let x = TestData.values([-1000, -50, 0, 50, 1000])
        let logSigmoid = x.logSigmoid().scalars
        #expect(logSigmoid[0] == -1000)
        expectClose(logSigmoid[2], -Float(Foundation.log(2.0)))
        #expect(logSigmoid[4] == 0)
        let softplus = x.softplus().scalars
        #expect(softplus[0] == 0 && softplus[4] == 1000)
        let log1mexp = TestData.values([-1e-6, -0.693, -0.694, -40]).log1mexp().scalars
        expectClose(log1mexp[0], Float(Foundation.log(-Foundation.expm1(-1e-6))), relative: 1e-6)
        expectClose(log1mexp[3], Float(Foundation.log1p(-Foundation.exp(-40.0))), absolute: 1e-12)
        let rows = TestData.values([1000, 0, -1000, 3, 3, 3], [2, 3]).softmax().scalars
        expectClose(rows[0], 1)
        expectClose(rows[3], 1.0 / 3)
        expectClose(TestData.values([1000, 1000]).reshaped(to: [1, 2]).logSumExp(alongAxis: 1).item,
                    1000 + Float(Foundation.log(2.0)))
    }
}
