import Foundation
import PrismTensor
import Testing

@testable import PrismNN

/// Learning-rate multipliers at the boundaries of each schedule, compared exactly.
@Suite struct SchedulesTests {
    @Test func constantIsAlwaysOne() {
        for step in [0, 1, 50, 100, 1000] {
            #expect(LearningRateSchedule.constant.multiplier(step: step, totalSteps: 100) == 1)
        }
    }

    @Test func linearToZeroIsCleanRLAnnealing() {
        let schedule = LearningRateSchedule.linear(finalFraction: 0)
        #expect(schedule.multiplier(step: 0, totalSteps: 100) == 1)
        #expect(schedule.multiplier(step: 50, totalSteps: 100) == 0.5)
        #expect(schedule.multiplier(step: 99, totalSteps: 100) == Float(0.01))
        #expect(schedule.multiplier(step: 100, totalSteps: 100) == 0)
        #expect(schedule.multiplier(step: 250, totalSteps: 100) == 0)
        // CleanRL: frac = 1.0 - (update - 1.0) / num_updates, with update counting from 1.
        let updates = 7
        for update in 1...updates {
            let frac = 1.0 - (Double(update) - 1.0) / Double(updates)
            #expect(schedule.multiplier(step: update - 1, totalSteps: updates) == Float(frac))
        }
    }

    @Test func linearToFinalFraction() {
        let schedule = LearningRateSchedule.linear(finalFraction: 0.1)
        #expect(schedule.multiplier(step: 0, totalSteps: 100) == 1)
        #expect(schedule.multiplier(step: 50, totalSteps: 100) == 0.55)
        #expect(schedule.multiplier(step: 100, totalSteps: 100) == 0.1)
        #expect(schedule.multiplier(step: 101, totalSteps: 100) == 0.1)
        #expect(schedule.multiplier(step: -3, totalSteps: 100) == 1)
    }

    @Test func cosineWarmsUpFromZeroThenDecays() {
        let schedule = LearningRateSchedule.cosine(warmupSteps: 10, totalSteps: 110, minimumFraction: 0.1)
        #expect(schedule.multiplier(step: 0, totalSteps: 500) == 0)
        #expect(schedule.multiplier(step: 5, totalSteps: 500) == 0.5)
        #expect(schedule.multiplier(step: 9, totalSteps: 500) == 0.9)
        #expect(schedule.multiplier(step: 10, totalSteps: 500) == 1)
        #expect(schedule.multiplier(step: 60, totalSteps: 500) == 0.55)
        let quarter = Float(0.1 + 0.9 * 0.5 * (1 + cos(Double.pi * 0.25)))
        #expect(schedule.multiplier(step: 35, totalSteps: 500) == quarter)
        #expect(schedule.multiplier(step: 109, totalSteps: 500) > 0.1)
        #expect(schedule.multiplier(step: 110, totalSteps: 500) == 0.1)
        #expect(schedule.multiplier(step: 400, totalSteps: 500) == 0.1)
    }

    @Test func cosineWithoutHorizonUsesTheRunLength() {
        let schedule = LearningRateSchedule.cosine(warmupSteps: 0)
        #expect(schedule.multiplier(step: 0, totalSteps: 20) == 1)
        #expect(schedule.multiplier(step: 10, totalSteps: 20) == 0.5)
        #expect(schedule.multiplier(step: 20, totalSteps: 20) == 0)
        let decreasing = (0...20).map { schedule.multiplier(step: $0, totalSteps: 20) }
        #expect(zip(decreasing, decreasing.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test func schedulesAreCodable() throws {
        let schedules: [LearningRateSchedule] = [
            .constant, .linear(finalFraction: 0.25),
            .cosine(warmupSteps: 3, totalSteps: nil, minimumFraction: 0.5),
            .cosine(warmupSteps: 3, totalSteps: 40, minimumFraction: 0),
        ]
        let encoded = try JSONEncoder().encode(schedules)
        let decoded = try JSONDecoder().decode([LearningRateSchedule].self, from: encoded)
        #expect(decoded == schedules)
    }
}
