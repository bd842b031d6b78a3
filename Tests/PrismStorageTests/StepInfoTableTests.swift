import PrismEnv
import PrismStorage
import Testing

/// Step infos become Minari info columns: typed fields, fills for rows without a field, and
/// `/`-separated extras nested into groups; link names HDF5 cannot hold are refused.
@Suite struct StepInfoTableTests {
    @Test func fieldsBecomeTypedColumnsWithFills() {
        var table = StepInfoTable()
        table.append(StepInfo(stepCount: 0, roomID: 2, mission: "go", extras: ["rubric/format": 1, "distance": 3]))
        table.append(StepInfo(stepCount: 1, isSuccess: true, extras: ["rubric/format": 0.5]))
        let columns = table.columns
        #expect(columns["step_count"] == .int64([0, 1]))
        #expect(columns["room_id"] == .int64([2, -1]))
        #expect(columns["success"] == .bool([false, true]))
        #expect(columns["mission"] == .string(["go", ""]))
        #expect(columns["rubric"] == .group(["format": .float64([1, 0.5])]))
        guard case .float64(let distance, let shape)? = columns["distance"] else { Issue.record("no distance column"); return }
        #expect(distance[0] == 3 && distance[1].isNaN && shape.isEmpty)
        #expect(Set(columns.keys) == ["step_count", "room_id", "success", "mission", "rubric", "distance"])
    }

    @Test func invalidLinkNamesAndShapesAreProblems() {
        let base = Episode(observations: [.discrete(0), .discrete(1)], actions: [.discrete(1)], rewards: [0],
                           terminations: [true], truncations: [false])
        var slashed = base
        slashed.infos = ["a/b": [1, 2]]
        #expect(slashed.consistencyProblems.count == 1 && slashed.consistencyProblems[0].contains("'a/b'"))
        var shaped = base
        shaped.infos = ["agent": .group(["position": .int64([1, 2, 3], rowShape: [2])])]
        #expect(shaped.consistencyProblems == ["info 'infos/agent/position' has 3 values, need 4 (T+1 = 2 rows of shape [2])"])
        var fine = base
        fine.infos = ["agent": .group(["position": .int64([1, 2, 3, 4], rowShape: [2])]), "note": .string(["x", "y"])]
        #expect(fine.consistencyProblems.isEmpty)
    }
}
