import PrismRL
import Testing

/// `passAtK`: the numbers of docs/algorithms.md §2 invariant 5 and the binomial definition.
@Suite struct PassAtKTests {
    @Test func documentedNumbers() {
        #expect(Swift.abs(passAtK(n: 10, c: 3, k: 1) - 0.3) < 1e-12)
        #expect(Swift.abs(passAtK(n: 10, c: 3, k: 5) - 0.916_666_666_666_7) < 1e-12)
        #expect(passAtK(n: 10, c: 0, k: 5) == 0)
        #expect(passAtK(n: 10, c: 10, k: 1) == 1)
        #expect(passAtK(n: 10, c: 6, k: 5) == 1)
    }

    @Test func equalsOneMinusTheBinomialRatio() {
        func choose(_ n: Int, _ k: Int) -> Double {
            guard k >= 0 && k <= n else { return 0 }
            return (0..<k).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) }
        }
        for n in 1...12 {
            for c in 0...n {
                for k in 1...n {
                    let expected = 1 - choose(n - c, k) / choose(n, k)
                    #expect(Swift.abs(passAtK(n: n, c: c, k: k) - expected) < 1e-12, "n \(n) c \(c) k \(k)")
                }
            }
        }
    }
}
