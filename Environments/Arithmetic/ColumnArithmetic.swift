/// Schoolbook column arithmetic on decimal digits: how many carries a problem needs, and what a
/// solver gets who forgets every carry (or borrow).
///
/// Only carries from one column into the next are counted, not the carry out of the leftmost
/// column (`50+60` needs none: its tens column is written `11` in full). So a problem needs a
/// carry exactly when forgetting carries changes its answer.
/// - Addition: a carry leaves a column, other than the leftmost, whose digit sum plus the
///   incoming carry is 10 or more.
/// - Subtraction: a borrow is taken by a column whose top digit is smaller than its bottom digit
///   plus the incoming borrow (the leftmost column never borrows, as the left operand is the larger).
/// - Multiplication: the left operand is multiplied by each digit of the right one; a carry leaves
///   a digit product plus incoming carry of 10 or more, in any column but the leftmost. Carries
///   in adding the partial products of a multi-digit multiplier are not counted.
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
        case .addition: return additionCarries(problem.left, problem.right)
        case .subtraction: return subtractionBorrows(problem.left, problem.right)
        case .multiplication:
            return digits(problem.right).reduce(0) { $0 + multiplicationCarries(problem.left, by: $1) }
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

    private static func additionCarries(_ left: Int, _ right: Int) -> Int {
        let a = digits(left), b = digits(right)
        var carry = 0, count = 0
        for index in 0..<(max(a.count, b.count) - 1) {
            carry = (digit(a, index) + digit(b, index) + carry) / 10
            count += carry
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

    private static func multiplicationCarries(_ left: Int, by factor: Int) -> Int {
        let a = digits(left)
        var carry = 0, count = 0
        for index in 0..<(a.count - 1) {
            carry = (a[index] * factor + carry) / 10
            if carry > 0 { count += 1 }
        }
        return count
    }

    private static func digit(_ digits: [Int], _ index: Int) -> Int { index < digits.count ? digits[index] : 0 }

    private static func power(_ base: Int, _ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { result, _ in result * base }
    }
}
