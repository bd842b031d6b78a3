/// A physical dimension the convert tool knows.
public enum UnitDimension: String, CaseIterable, Sendable {
    case length, mass, temperature, time
}

/// One unit: its symbol, its names, and the affine map to the dimension's base unit
/// (`base = value * scale + offset`; base units are metre, kilogram, kelvin and second).
public struct ConversionUnit: Hashable, Sendable {
    /// The canonical symbol the tools and tasks use (`km`, `lb`, `C`).
    public let symbol: String
    /// The singular and plural names accepted as aliases (`kilometre`, `kilometers`, ...).
    public let names: [String]
    /// The dimension.
    public let dimension: UnitDimension
    /// Base units per unit.
    public let scale: Double
    /// Added after scaling (non-zero only for Celsius and Fahrenheit).
    public let offset: Double
}

/// Why a conversion failed.
public enum ConversionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The unit is not in the tables.
    case unknownUnit(String)
    /// The units measure different dimensions.
    case incompatible(from: String, to: String, UnitDimension, UnitDimension)

    /// A one-line message for the error observation.
    public var description: String {
        switch self {
        case .unknownUnit(let unit):
            "unknown unit '\(clip(unit))'; units are \(UnitTable.units.map(\.symbol).joined(separator: ", "))"
        case let .incompatible(from, to, a, b):
            "cannot convert \(from) (\(a.rawValue)) to \(to) (\(b.rawValue))"
        }
    }
}

/// The unit conversion tables (exact definitions: 1 in = 2.54 cm, 1 lb = 0.45359237 kg,
/// °F = °C × 9/5 + 32, K = °C + 273.15).
public enum UnitTable {
    /// Every unit, grouped by dimension.
    public static let units: [ConversionUnit] = [
        ConversionUnit(symbol: "m", names: ["metre", "metres", "meter", "meters"], dimension: .length, scale: 1, offset: 0),
        ConversionUnit(symbol: "km", names: ["kilometre", "kilometres", "kilometer", "kilometers"], dimension: .length, scale: 1000, offset: 0),
        ConversionUnit(symbol: "cm", names: ["centimetre", "centimetres", "centimeter", "centimeters"], dimension: .length, scale: 0.01, offset: 0),
        ConversionUnit(symbol: "mm", names: ["millimetre", "millimetres", "millimeter", "millimeters"], dimension: .length, scale: 0.001, offset: 0),
        ConversionUnit(symbol: "mi", names: ["mile", "miles"], dimension: .length, scale: 1609.344, offset: 0),
        ConversionUnit(symbol: "yd", names: ["yard", "yards"], dimension: .length, scale: 0.9144, offset: 0),
        ConversionUnit(symbol: "ft", names: ["foot", "feet"], dimension: .length, scale: 0.3048, offset: 0),
        ConversionUnit(symbol: "in", names: ["inch", "inches"], dimension: .length, scale: 0.0254, offset: 0),
        ConversionUnit(symbol: "kg", names: ["kilogram", "kilograms"], dimension: .mass, scale: 1, offset: 0),
        ConversionUnit(symbol: "g", names: ["gram", "grams"], dimension: .mass, scale: 0.001, offset: 0),
        ConversionUnit(symbol: "mg", names: ["milligram", "milligrams"], dimension: .mass, scale: 0.000001, offset: 0),
        ConversionUnit(symbol: "t", names: ["tonne", "tonnes"], dimension: .mass, scale: 1000, offset: 0),
        ConversionUnit(symbol: "lb", names: ["pound", "pounds"], dimension: .mass, scale: 0.45359237, offset: 0),
        ConversionUnit(symbol: "oz", names: ["ounce", "ounces"], dimension: .mass, scale: 0.028349523125, offset: 0),
        ConversionUnit(symbol: "K", names: ["kelvin"], dimension: .temperature, scale: 1, offset: 0),
        ConversionUnit(symbol: "C", names: ["celsius", "degrees celsius"], dimension: .temperature, scale: 1, offset: 273.15),
        ConversionUnit(symbol: "F", names: ["fahrenheit", "degrees fahrenheit"], dimension: .temperature, scale: 5.0 / 9.0,
             offset: 273.15 - 32 * 5.0 / 9.0),
        ConversionUnit(symbol: "s", names: ["second", "seconds"], dimension: .time, scale: 1, offset: 0),
        ConversionUnit(symbol: "min", names: ["minute", "minutes"], dimension: .time, scale: 60, offset: 0),
        ConversionUnit(symbol: "h", names: ["hour", "hours"], dimension: .time, scale: 3600, offset: 0),
        ConversionUnit(symbol: "d", names: ["day", "days"], dimension: .time, scale: 86400, offset: 0),
        ConversionUnit(symbol: "wk", names: ["week", "weeks"], dimension: .time, scale: 604_800, offset: 0),
    ]

    /// The unit written as a symbol (case-sensitive: `m`, `K`) or a name (case-insensitive).
    public static func unit(_ text: String) -> ConversionUnit? {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if let unit = units.first(where: { $0.symbol == trimmed }) { return unit }
        let lowered = trimmed.lowercased()
        return units.first { $0.names.contains(lowered) }
    }

    /// The units of one dimension.
    public static func units(of dimension: UnitDimension) -> [ConversionUnit] { units.filter { $0.dimension == dimension } }

    /// `value` in `from` expressed in `to`.
    /// - Throws: ``ConversionError`` for an unknown unit or different dimensions.
    public static func convert(_ value: Double, from: String, to: String) throws(ConversionError) -> Double {
        guard let source = unit(from) else { throw .unknownUnit(from) }
        guard let target = unit(to) else { throw .unknownUnit(to) }
        guard source.dimension == target.dimension else {
            throw .incompatible(from: source.symbol, to: target.symbol, source.dimension, target.dimension)
        }
        if source == target { return value }
        let base = value * source.scale + source.offset
        return (base - target.offset) / target.scale
    }
}
