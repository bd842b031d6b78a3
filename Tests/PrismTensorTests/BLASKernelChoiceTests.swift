import CPrismBLAS
import Foundation
@testable import PrismTensor
import Testing

/// The OpenBLAS kernel rule on every branch, and the run-time loading that applies it.
@Suite struct BLASKernelChoiceTests {
    static let avx512: CPUFeatures = CPUFeatures.skylakeX.union(.haswell)

    @Test func aUserSettingAlwaysWins() {
        #expect(BLASKernelChoice.decide(features: Self.avx512, detected: "Prescott", userSetting: "Haswell") == .userSetting("Haswell"))
        #expect(BLASKernelChoice.decide(features: [], detected: "Zen", userSetting: "Sandybridge") == .userSetting("Sandybridge"))
    }

    @Test func anEmptyUserSettingCountsAsUnset() {
        #expect(BLASKernelChoice.decide(features: Self.avx512, detected: "Prescott", userSetting: "")
                == .override(detected: "Prescott", chosen: "SkylakeX"))
    }

    @Test(arguments: ["Zen", "Haswell", "SkylakeX", "Cooperlake", "SapphireRapids", "ARMV8"])
    func aSpecificDetectionIsKept(detected: String) {
        #expect(BLASKernelChoice.decide(features: Self.avx512, detected: detected, userSetting: nil) == .detected(detected))
    }

    @Test(arguments: ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Sandybridge", "Atom", "PRESCOTT", "sandybridge"])
    func aGenericFallbackIsReplacedByWhatTheCPUCanRun(detected: String) {
        #expect(BLASKernelChoice.decide(features: Self.avx512, detected: detected, userSetting: nil)
                == .override(detected: detected, chosen: "SkylakeX"))
        #expect(BLASKernelChoice.decide(features: .haswell, detected: detected, userSetting: nil)
                == .override(detected: detected, chosen: "Haswell"))
    }

    @Test func partialAVX512FallsBackToHaswellAndMissingFMAKeepsOpenBLASsChoice() {
        var noVL = Self.avx512
        noVL.remove(.avx512vl)
        #expect(BLASKernelChoice.decide(features: noVL, detected: "Prescott", userSetting: nil)
                == .override(detected: "Prescott", chosen: "Haswell"))
        #expect(BLASKernelChoice.decide(features: [.avx2], detected: "Prescott", userSetting: nil) == .detected("Prescott"))
        #expect(BLASKernelChoice.decide(features: [], detected: "Prescott", userSetting: nil) == .detected("Prescott"))
    }

    @Test func thisProcessRecordsItsChoice() {
        let user = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
        switch BLAS.kernel {
        case .userSetting(let setting): #expect(setting == user)
        case .detected(let core): #expect(user?.isEmpty ?? true); #expect(core == BLAS.coreName)
        case .override(_, let chosen): #expect(user?.isEmpty ?? true); #expect(chosen.lowercased() == BLAS.coreName.lowercased())
        }
        #expect(!BLAS.coreName.isEmpty && BLAS.threadCount >= 1)
    }

    static let childVariable = "PRISM_BLAS_RELOAD_CHILD"

    /// Runs in a child process of its own (it unloads the library).
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func childReloadsWithAnotherKernel() {
        _ = BLAS.kernel
        #expect(prism_blas_close() == 0)
        #expect(prism_blas_open("Prescott") == 0)
        print("CORE \(String(cString: prism_blas_corename()))")
        print("VARIABLE \(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset")")
    }

    #if arch(x86_64)
    @Test func unloadingAndLoadingWithAKernelSwitchesOpenBLASsKernel() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["--testing-library", "swift-testing", "--filter", "childReloadsWithAnotherKernel"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = "1"
        environment["OPENBLAS_CORETYPE"] = nil
        child.environment = environment
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(child.terminationStatus == 0, "\(text)")
        #expect(text.contains("CORE Prescott\n"), "\(text)")
        #expect(text.contains("VARIABLE unset\n"), "the loader must restore the environment: \(text)")
    }
    #endif
}
