package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kaizen.core.Json;
import kaizen.env.db.ServerEndpoint;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the command line: {@code kaizen data gen dbbench} writes tasks that
 * {@code kaizen eval dbbench --agent oracle} scores 1.0 on every metric (one task per category).
 */
class DataGenCliTest {
    @TempDir
    Path dir;

    private static String[] out = new String[2];

    private static int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        }
    }

    /** The shared test server, given by URL as a user would give an existing server. */
    static String dbUrl() {
        ServerEndpoint ep = TestDatabase.server().endpoint();
        return "mysql://" + URLEncoder.encode(ep.adminUser(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(ep.adminPassword(), StandardCharsets.UTF_8) + "@" + ep.host() + ":" + ep.port();
    }

    @Test
    void generatedTasksScoreOneWithTheOracle() throws Exception {
        Path data = dir.resolve("synth");
        int code = run("data", "gen", "dbbench", "--count", "11", "--seed", "3", "--out", data.toString(), "--db-url", dbUrl(), "--no-progress");
        assertEquals(0, code, out[1]);
        assertTrue(out[0].contains("generated 11 tasks"), out[0]);
        assertTrue(out[0].contains("aggregation-AVG") && out[0].contains("rejected draws"), out[0]);
        assertEquals(11, Files.readAllLines(data.resolve("trajectories.jsonl")).size());

        Path eval = dir.resolve("eval");
        code = run("eval", "dbbench", "--data", data.resolve("tasks.jsonl").toString(), "--agent", "oracle", "--out", eval.toString(),
                "--db-url", dbUrl(), "--no-progress");
        assertEquals(0, code, out[1]);
        JsonNode metrics = Json.parse(Files.readString(eval.resolve("metrics.json")));
        assertEquals(11, metrics.get("total").asInt());
        metrics.get("custom").properties().forEach(e -> assertEquals(1.0, e.getValue().asDouble(), e.getKey()));
        assertEquals(12, metrics.get("custom").size());
    }

    @Test
    void helpExplainsTheGenerator() {
        assertEquals(0, run("data", "gen", "dbbench", "--help"));
        assertTrue(out[0].contains("--count") && out[0].contains("--seed") && out[0].contains("same bytes"), out[0]);
    }
}
