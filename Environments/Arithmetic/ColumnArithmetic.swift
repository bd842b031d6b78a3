/// Schoolbook column arithmetic on decimal digits: how many carries a problem needs, and what a
/// solver gets who forgets every carry (or borrow).
///
/// - Addition: a carry is a column whose digit sum plus the incoming carry is 10 or more.
/// - Subtraction: a borrow is a column whose top digit is smaller than the bottom digit plus the
///   incoming borrow.
/// - Multiplication: the left operand is multiplied by each digit of the right one; a carry is a
///   digit product plus incoming carry of 10 or more, or a carry in the column sum of the
///   shifted partial products.
public enum ColumnArithmetic {
    /// The decimal digits of `value`, least significant first (`[0]` for zero).
    public static func digits(_ value: Int) -> [Int] {
        var digits: [Int] = []
        var rest = value
        repeat {
            digits.append(rest % 10)
            rest /= 10
        } while rest > 0
        return digits
    }

    /// The number of carries or borrows the problem needs.
    public static func carryCount(_ problem: ArithmeticProblem) -> Int {
        switch problem.operation {
        case .addition: return additionCarries([problem.left, problem.right])
        case .subtraction: return subtractionBorrows(problem.left, problem.right)
        case .multiplication:
            let multiplier = digits(problem.right)
            let productCarries = multiplier.reduce(0) { $0 + multiplicationCarries(problem.left, by: $1) }
            let partials = multiplier.enumerated().map { problem.left * $0.element * power(10, $0.offset) }
            return productCarries + (partials.count > 1 ? additionCarries(partials) : 0)
        }
    }

    /// The answer of a solver who forgets every carry or borrow: each column keeps only its
    /// units digit (addition), takes its top digit minus its bottom digit modulo 10 without paying
    /// the borrow back (subtraction), or keeps only the units of each digit product
    /// (multiplication; the partial products are then added correctly). The leftmost column is
    /// written out in full, as such a solver writes it. `37+45 → 72`, `52-17 → 45`, `47*6 → 242`.
    public static func droppedCarryResult(_ problem: ArithmeticProblem) -> Int {
        switch problem.operation {
        case .addition:
            let a = digits(problem.left), b = digits(problem.right)
            let width = max(a.count, b.count)
            return columnsWithoutCarry(width) { index in digit(a, index) + digit(b, index) }
        case .subtraction:
            let a = digits(problem.left), b = digits(problem.right)
            return columnsWithoutCarry(a.count) { index in
                let difference = digit(a, index) - digit(b, index)
                return index == a.count - 1 ? difference : (difference + 10) % 10
            }
        case .multiplication:
            let multiplier = digits(problem.right)
            return multiplier.indices.reduce(0) { sum, index in
                let a = digits(problem.left)
                let partial = columnsWithoutCarry(a.count) { column in a[column] * multiplier[index] }
                return sum + partial * power(10, index)
            }
        }
    }

    /// Writes `width` columns: the units digit of every column but the last, which is written in
    /// full.
    private static func columnsWithoutCarry(_ width: Int, column: (Int) -> Int) -> Int {
        var result = 0
        for index in 0..<width {
            let value = column(index)
            result += (index == width - 1 ? value : value % 10) * power(10, index)
        }
        return result
    }

    private static func additionCarries(_ terms: [Int]) -> Int {
        let columns = terms.map(digits)
        let width = columns.map(\.count).max() ?? 0
        var carry = 0, count = 0
        for index in 0..<width {
            let sum = columns.reduce(carry) { $0 + digit($1, index) }
            carry = sum / 10
            if carry > 0 { count += 1 }
        }
        return count
    }

    private static func subtractionBorrows(_ left: Int, _ right: Int) -> Int {
        let a = digits(left), b = digits(right)
        var borrow = 0, count = 0
        for index in a.indices {
            let difference = a[index] - digit(b, index) - borrow
            borrow = difference < 0 ? 1 : 0
            count += borrow
        }
        return count
    }

    private static func multiplicationCarries(_ left: Int, by digit: Int) -> Int {
        var carry = 0, count = 0
        for a in digits(left) {
            carry = (a * digit + carry) / 10
            if carry > 0 { count += 1 }
        }
        return count
    }

    private static func digit(_ digits: [Int], _ index: Int) -> Int { index < digits.count ? digits[index] : 0 }

    private static func power(_ base: Int, _ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { result, _ in result * base }
    }
}
