package kaizen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.harness.FinishStatus;
import kaizen.harness.runner.EpisodeRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PairedChangeTest {
    /** Exact two-sided McNemar p-values: 2 * sum_{i<=k} C(n, i) / 2^n, computed in exact integers elsewhere. */
    @Test
    void pValueIsTheExactTwoSidedBinomialTail() {
        assertEquals(2.0 * 4_791_323 / (1 << 28), new PairedChange(20, 8, 128).pValue(), 1e-12);  // 0.0357
        assertEquals(2.0 * 10_903 / (1 << 23), new PairedChange(19, 4, 128).pValue(), 1e-12);  // 0.0026
        assertEquals(2.0 / 256, new PairedChange(0, 8, 10).pValue(), 1e-12);
        assertEquals(2.0 / 32, new PairedChange(5, 0, 12).pValue(), 1e-12);
        assertEquals(1.0, new PairedChange(9, 8, 128).pValue(), 1e-12);  // 2 * P(X <= 8) > 1 is capped
        assertEquals(1.0, new PairedChange(0, 0, 5).pValue());
    }

    /** Far past the 1,074 discordant tasks where 0.5^n underflows, the tail is still a number in (0, 1]. */
    @Test
    void largeRunsGiveFiniteTails() {
        double p = new PairedChange(2_100, 1_900, 5_000).pValue();
        assertEquals(0.0016492663751357, p, 1e-12);  // exact, from integer binomial sums
        assertEquals(0.0, new PairedChange(4_000, 0, 5_000).pValue(), 1e-300);
    }

    @Property
    void pValueIsSymmetricAndAProbability(@ForAll @IntRange(max = 300) int won, @ForAll @IntRange(max = 300) int lost) {
        double p = new PairedChange(won, lost, won + lost).pValue();
        assertEquals(p, new PairedChange(lost, won, won + lost).pValue(), 1e-12);
        assertTrue(p >= 0 && p <= 1, "p = " + p);
    }

    @Test
    void runsOverTheSameTasksPairTaskByTask() {
        RunData before = run(Map.of(0, true, 1, false, 2, false, 3, true), "t");
        RunData after = run(Map.of(0, true, 1, true, 2, true, 3, false), "t");
        assertEquals(Optional.of(new PairedChange(2, 1, 4)), PairedChange.of(before, after));
    }

    /** The same indices over other tasks (another data file, another split) are not paired. */
    @Test
    void runsOverOtherTasksAreNotPaired() {
        RunData before = run(Map.of(0, true, 1, false), "t");
        assertEquals(Optional.empty(), PairedChange.of(before, run(Map.of(0, true, 1, true), "u")), "other task ids");
        assertEquals(Optional.empty(), PairedChange.of(before, run(Map.of(0, true), "t")), "a task missing");
        assertEquals(Optional.empty(), PairedChange.of(run(Map.of(), "t"), run(Map.of(), "t")), "no tasks");
    }

    /** A change too clear for four decimals reads "p < 0.0001", escaped in the HTML report. */
    @Test
    void aVerySmallPValueIsWrittenAsABoundAndEscapedInHtml() {
        Map<Integer, Boolean> lost = new java.util.HashMap<>(), won = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            lost.put(i, false);
            won.put(i, true);
        }
        RunData before = run(lost, "t"), after = run(won, "t");
        assertEquals("won 20, lost 0 of 20 tasks (exact McNemar p < 0.0001)", Formats.paired(PairedChange.of(before, after).orElseThrow()));
        String html = HtmlReport.render(Report.of(List.of(before, after)));
        assertTrue(html.contains(" vs the baseline: won 20, lost 0 of 20 tasks (exact McNemar p &lt; 0.0001)</p>"), html);
        assertFalse(html.contains("p < 0.0001"), "a bare '<' in the page");
    }

    /** A household run whose episode i played task {@code prefix + i}, won or lost as given. */
    private static RunData run(Map<Integer, Boolean> outcomes, String prefix) {
        List<EpisodeView> episodes = new ArrayList<>();
        outcomes.forEach((index, won) -> episodes.add(new EpisodeView(
                new EpisodeRecord(index, won ? FinishStatus.COMPLETED : FinishStatus.TASK_LIMIT_REACHED,
                        Map.of("task_id", prefix + index, "family", "put"), List.of(), won, 3, 10),
                "put", List.of(), List.of(), won ? new Verdict.Success() : new Verdict.Failure(FailureClass.STEP_LIMIT, 3, "limit"))));
        return new RunData(Path.of("run"), "run", Benchmark.HOUSEHOLD, "agent", Optional.empty(), episodes);
    }
}
