import Foundation
import PrismTensor
import Testing

@testable import PrismNN

/// Optimizer state export and restore: resumed training is bitwise identical to uninterrupted.
@Suite struct OptimizerStateTests {
    /// Two steps, export, load into `fresh` and a rebuilt model, then one more step on both copies.
    func expectResumeIsBitwiseIdentical<O: Optimizer>(_ optimizer: O, fresh: O) throws {
        var uninterrupted = optimizer
        var model = TinyModel()
        for step in 0..<2 {
            model.setGradients(weight: Fixture.weightGradients[step], bias: Fixture.biasGradients[step])
            uninterrupted.step(&model)
        }
        let tensors = uninterrupted.stateTensorDictionary
        let metadata = uninterrupted.stateMetadata
        var resumed = fresh
        try resumed.loadState(tensors: tensors, metadata: metadata)
        #expect(resumed.stateTensors().map(\.name) == uninterrupted.stateTensors().map(\.name))
        #expect(resumed.stateMetadata == metadata)

        var resumedModel = TinyModel(weight: model.weight.scalars, bias: model.bias.scalars)
        for current in [model, resumedModel] {
            current.setGradients(weight: Fixture.weightGradients[2], bias: Fixture.biasGradients[2])
        }
        uninterrupted.step(&model)
        resumed.step(&resumedModel)
        #expect(model.values.map(\.bitPattern) == resumedModel.values.map(\.bitPattern))
        let resumedState = resumed.stateTensors().map(\.tensor.scalars)
        #expect(resumedState == uninterrupted.stateTensors().map(\.tensor.scalars))
    }

    @Test func adamResumesBitwise() throws {
        let adam = Adam(learningRate: 0.01, weightDecay: 0.1)
        try expectResumeIsBitwiseIdentical(adam, fresh: adam)
    }

    @Test func adamWResumesBitwise() throws {
        try expectResumeIsBitwiseIdentical(AdamW(learningRate: 0.01), fresh: AdamW(learningRate: 0.01))
    }

    @Test func sgdResumesBitwise() throws {
        let sgd = SGD(learningRate: 0.1, momentum: 0.9, isNesterov: true)
        try expectResumeIsBitwiseIdentical(sgd, fresh: sgd)
    }

    @Test func adamExportUsesPyTorchNamesAndShapes() {
        var adam = Adam(learningRate: 0.01)
        var model = TinyModel()
        model.setGradients(weight: Fixture.weightGradients[0], bias: Fixture.biasGradients[0])
        adam.step(&model)
        let exported = adam.stateTensors()
        #expect(exported.map(\.name)
            == ["bias.exp_avg", "bias.exp_avg_sq", "weight.exp_avg", "weight.exp_avg_sq"])
        #expect(exported.map(\.tensor.shape) == [[3], [3], [2, 2], [2, 2]])
        #expect(adam.stateMetadata == ["optimizer": "Adam", "weight.step": "1", "bias.step": "1"])
        #expect(AdamW().stateMetadata == ["optimizer": "AdamW"])
    }

    @Test func adamStateIsCodable() throws {
        let state = AdamState(step: 4, shape: [2], firstMoment: [0.25, -1], secondMoment: [0.5, 2])
        let decoded = try JSONDecoder().decode(AdamState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
        let sgdState = SGDState(shape: [1], momentumBuffer: [3])
        #expect(try JSONDecoder().decode(SGDState.self, from: JSONEncoder().encode(sgdState)) == sgdState)
    }

    @Test func loadingBrokenStateNamesTheEntry() throws {
        var adam = Adam(learningRate: 0.01)
        var model = TinyModel()
        model.setGradients(weight: Fixture.weightGradients[0], bias: Fixture.biasGradients[0])
        adam.step(&model)
        let tensors = adam.stateTensorDictionary
        let metadata = adam.stateMetadata
        var fresh = Adam()

        var missing = tensors
        missing["weight.exp_avg_sq"] = nil
        #expect(throws: OptimizerStateError.missingTensor(name: "weight.exp_avg_sq")) {
            try fresh.loadState(tensors: missing, metadata: metadata)
        }
        var misshapen = tensors
        misshapen["bias.exp_avg_sq"] = Tensor.zeros([4])
        let mismatch = OptimizerStateError.shapeMismatch(name: "bias.exp_avg_sq", expected: [3], found: [4])
        #expect(throws: mismatch) {
            try fresh.loadState(tensors: misshapen, metadata: metadata)
        }
        var badStep = metadata
        badStep["bias.step"] = "zero"
        #expect(throws: OptimizerStateError.invalidMetadata(key: "bias.step", value: "zero")) {
            try fresh.loadState(tensors: tensors, metadata: badStep)
        }
        var stray = tensors
        stray["head.exp_avg"] = Tensor.zeros([1])
        #expect(throws: OptimizerStateError.unexpectedTensor(name: "head.exp_avg")) {
            try fresh.loadState(tensors: stray, metadata: metadata)
        }
        var adamW = AdamW()
        #expect(throws: OptimizerStateError.invalidMetadata(key: "optimizer", value: "Adam")) {
            try adamW.loadState(tensors: tensors, metadata: metadata)
        }
        var sgd = SGD(learningRate: 0.1, momentum: 0.9)
        #expect(throws: OptimizerStateError.invalidMetadata(key: "optimizer", value: "Adam")) {
            try sgd.loadState(tensors: tensors, metadata: metadata)
        }
        #expect(fresh.states.isEmpty, "a failed load leaves the state unchanged")
        #expect(OptimizerStateError.missingTensor(name: "weight.exp_avg").description
            == "optimizer state tensor 'weight.exp_avg' is missing")
    }
}
