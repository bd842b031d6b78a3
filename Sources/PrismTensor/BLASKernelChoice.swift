import CPrismBLAS

/// The CPU features OpenBLAS's x86-64 kernels need, as the CPU reports them (CPUID) and the
/// operating system has enabled them (XGETBV); empty on other architectures.
public struct CPUFeatures: OptionSet, Sendable, Hashable {
    /// The feature bits.
    public let rawValue: UInt32

    /// Features from their bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// AVX2.
    public static let avx2 = CPUFeatures(rawValue: UInt32(PRISM_CPU_AVX2))
    /// FMA3.
    public static let fma = CPUFeatures(rawValue: UInt32(PRISM_CPU_FMA))
    /// AVX-512 Foundation.
    public static let avx512f = CPUFeatures(rawValue: UInt32(PRISM_CPU_AVX512F))
    /// AVX-512 Conflict Detection.
    public static let avx512cd = CPUFeatures(rawValue: UInt32(PRISM_CPU_AVX512CD))
    /// AVX-512 Byte and Word.
    public static let avx512bw = CPUFeatures(rawValue: UInt32(PRISM_CPU_AVX512BW))
    /// AVX-512 Doubleword and Quadword.
    public static let avx512dq = CPUFeatures(rawValue: UInt32(PRISM_CPU_AVX512DQ))
    /// AVX-512 Vector Length.
    public static let avx512vl = CPUFeatures(rawValue: UInt32(PRISM_CPU_AVX512VL))

    /// What OpenBLAS's SkylakeX kernel needs: AVX-512 F, CD, BW, DQ and VL.
    public static let skylakeX: CPUFeatures = [.avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl]
    /// What its Haswell kernel needs: AVX2 and FMA.
    public static let haswell: CPUFeatures = [.avx2, .fma]

    /// This machine's features.
    public static var current: CPUFeatures { CPUFeatures(rawValue: UInt32(prism_cpu_features())) }
}

/// Which OpenBLAS kernel Prism runs, and why.
///
/// OpenBLAS picks its kernel from the CPU when it loads, and Debian's 0.3.21 falls back to a
/// generic one on CPUs it does not know (on a Sapphire Rapids VM, `Prescott`, 4× slower than
/// `SkylakeX`). The rule: a user's `OPENBLAS_CORETYPE` always wins; otherwise OpenBLAS's own
/// choice stands unless it is one of the generic fallbacks, which is replaced by `SkylakeX`
/// when the CPU has AVX-512 F/CD/BW/DQ/VL, or by `Haswell` when it has AVX2 and FMA.
public enum BLASKernelChoice: Equatable, Sendable {
    /// The user's `OPENBLAS_CORETYPE` (OpenBLAS reports the kernel it loaded for it).
    case userSetting(String)
    /// OpenBLAS's own choice, kept.
    case detected(String)
    /// OpenBLAS's generic choice, replaced by one that fits the CPU.
    case override(detected: String, chosen: String)

    /// The cores OpenBLAS falls back to on CPUs it does not recognise (compared case-insensitively).
    public static let genericFallbacks: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "sandybridge", "atom"]

    /// The choice for a CPU with `features`, whose kernel OpenBLAS detected as `detected`, when
    /// the user's `OPENBLAS_CORETYPE` is `userSetting` (nil or empty: not set).
    public static func decide(features: CPUFeatures, detected: String, userSetting: String?) -> BLASKernelChoice {
        if let userSetting, !userSetting.isEmpty { return .userSetting(userSetting) }
        guard genericFallbacks.contains(detected.lowercased()) else { return .detected(detected) }
        if features.isSuperset(of: .skylakeX) { return .override(detected: detected, chosen: "SkylakeX") }
        if features.isSuperset(of: .haswell) { return .override(detected: detected, chosen: "Haswell") }
        return .detected(detected)
    }
}
