package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import kaizen.harness.FinishStatus;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.train.reward.EpisodeReward;
import org.junit.jupiter.api.Test;

class RolloutTasksTest {
    private static RolloutTasks.Played played(boolean success, double progress, FinishStatus status) {
        return new RolloutTasks.Played(EpisodeReward.of(success, progress, 0.5),
                new EpisodeRecord(0, status, Map.of(), List.of(), success, 1, 0));
    }

    @Test
    void theInvalidActionPenaltyLowersOnlyThatEnding() {
        var loop = played(false, 0.5, FinishStatus.AGENT_INVALID_ACTION);
        var limit = played(false, 0.5, FinishStatus.TASK_LIMIT_REACHED);
        var won = played(true, 1.0, FinishStatus.COMPLETED);
        assertEquals(0.25, loop.shaped(0.0));
        assertEquals(0.0, loop.shaped(0.25));
        assertEquals(0.25, limit.shaped(0.25));
        assertEquals(1.0, won.shaped(0.25));
    }

    @Test
    void withThePenaltyAGroupOfEqualFailuresRanksTheLoopLast() {
        var loop = played(false, 0.5, FinishStatus.AGENT_INVALID_ACTION);
        var limit = played(false, 0.5, FinishStatus.TASK_LIMIT_REACHED);
        assertArrayEquals(new double[3], GroupAdvantages.of(new double[] {loop.shaped(0), limit.shaped(0), limit.shaped(0)}),
                "without it the group is flat: nothing learned about looping");
        double[] adv = GroupAdvantages.of(new double[] {loop.shaped(0.2), limit.shaped(0.2), limit.shaped(0.2)});
        assertTrue(adv[0] < 0 && adv[1] > 0 && adv[2] > 0);
    }

    @Test
    void episodesMapToTheTasksTheyPlayedByTheirOwnIndexNotTheirPosition() {
        EpisodeRecord second = new EpisodeRecord(1, FinishStatus.COMPLETED, Map.of(), List.of(), true, 1, 0);
        EpisodeRecord first = new EpisodeRecord(0, FinishStatus.COMPLETED, Map.of(), List.of(), true, 1, 0);
        assertEquals(Map.of(1, "c", 0, "a"), RolloutTasks.byEpisodeIndex(List.of(2, 0), List.of(second, first), List.of("a", "b", "c")));
        var e = assertThrows(IllegalArgumentException.class,
                () -> RolloutTasks.byEpisodeIndex(List.of(0), List.of(second, first), List.of("a")));
        assertEquals("1 task positions for 2 episodes", e.getMessage());
    }
}
