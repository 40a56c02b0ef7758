package kaizen.data.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.data.Trajectory;
import kaizen.data.decontam.ContaminationIndex;
import kaizen.data.decontam.Finding;
import kaizen.data.decontam.GateSettings;
import kaizen.data.gen.household.HouseholdFactory;
import kaizen.data.negatives.Negatives;
import org.junit.jupiter.api.Test;

/**
 * The default dataset's household experts — exactly the ones {@code kaizen data build --default}
 * generates (same counts and seeds) — and their negatives have no finding in the decontamination
 * gate against DBBench dev and every ALFWorld game. (The whole default build passes the gate too;
 * this keeps the part that once matched ALFWorld's task templates under test.)
 */
class DefaultDatasetGateTest {
    @Test
    void theDefaultSourcesHaveNoBenchmarkMatch() {
        Path shared = Path.of("../shared/data");
        ContaminationIndex index = ContaminationIndex.load(List.of(shared.resolve("dbbench/dev.jsonl")),
                List.of(shared.resolve("alfworld/json_2.1.1")), GateSettings.DEFAULT);
        List<Trajectory> all = new ArrayList<>();
        List<Trajectory> house = new ArrayList<>(HouseholdFactory.generate(
                new HouseholdFactory.Settings(DefaultDataset.HOUSEHOLD_COUNT, 1, false, true, false)).trajectories());
        house.addAll(HouseholdFactory.generate(new HouseholdFactory.Settings(DefaultDataset.HOUSEHOLD_COUNT, 2, true, true, false)).trajectories());
        all.addAll(house);
        all.addAll(Negatives.household(house, new Negatives.Settings(1, DefaultDataset.RECOVERY_SHARE, false)).trajectories());
        List<Finding> findings = new ArrayList<>();
        for (Trajectory t : all) findings.addAll(index.check(t.source(), t.taskId(), t.messages()));
        assertEquals(List.of(), findings.stream().map(Finding::toString).toList());
    }
}
