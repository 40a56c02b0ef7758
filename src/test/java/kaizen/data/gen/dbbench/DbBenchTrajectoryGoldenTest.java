package kaizen.data.gen.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import kaizen.testing.GoldenFile;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The exact text of one generated trajectory (the first wrong-column recovery of seed 7), as the
 * model will be trained on it. A change to the generator, the expert's wording, the protocol or
 * the observations shows up here. Regenerate after an intended change with
 * {@code -Dkaizen.golden.update=true}.
 */
class DbBenchTrajectoryGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/data/dbbench_trajectory_wrong_column.txt");

    @Test
    void renderedTrajectoryMatchesTheGoldenFile() throws Exception {
        Trajectory t = null;
        for (int slot = 0; t == null; slot++) {
            Trajectory c = DbBenchFactory.slot(TestDatabase.environment(), 7, slot).item().trajectory();
            if (c.metadata().get("variant").equals("wrong-column")) t = c;
        }
        GoldenFile.assertMatches(GOLDEN, render(t));
    }

    static String render(Trajectory t) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(t.source()).append(' ').append(t.taskId()).append(' ').append(t.category()).append(' ')
                .append(t.metadata()).append(" sha256=").append(t.contentHash()).append('\n');
        for (int i = 0; i < t.messages().size(); i++) {
            Message m = t.messages().get(i);
            out.append("\n=== ").append(m.role().wireName()).append(t.trained(i) ? "" : " (weight 0: not trained)").append(" ===\n")
                    .append(m.content()).append('\n');
        }
        return out.toString();
    }
}
