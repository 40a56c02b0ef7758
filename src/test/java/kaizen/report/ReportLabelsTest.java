package kaizen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportLabelsTest {
    /** GRPO's sampled held-out folders are all named "sampled": their step tells them apart, other runs keep their name. */
    @Test
    void runsWhoseFoldersShareANameGetTheirParentsNames() {
        List<RunData> runs = Report.distinctLabels(List.of(run("/r/held-out/step-0000000/sampled"),
                run("/r/held-out/step-0000074/sampled"), run("/r/evals/base")));
        assertEquals(List.of("step-0000000/sampled", "step-0000074/sampled", "base"), runs.stream().map(RunData::label).toList());
    }

    @Test
    void onlyAsManyParentsAsTellThemApart() {
        List<RunData> runs = Report.distinctLabels(List.of(run("/a/x/run/sampled"), run("/b/x/run/sampled"), run("/b/y")));
        assertEquals(List.of("a/x/run/sampled", "b/x/run/sampled", "y"), runs.stream().map(RunData::label).toList());
    }

    @Test
    void theSameFolderTwiceKeepsItsWholePath() {
        List<RunData> runs = Report.distinctLabels(List.of(run("/a/b"), run("/a/b")));
        assertEquals(List.of("a/b", "a/b"), runs.stream().map(RunData::label).toList());
    }

    private static RunData run(String dir) {
        Path p = Path.of(dir);
        return new RunData(p, p.getFileName().toString(), Benchmark.HOUSEHOLD, "agent", Optional.empty(), List.of());
    }
}
