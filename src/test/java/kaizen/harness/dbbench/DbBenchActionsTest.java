package kaizen.harness.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import org.junit.jupiter.api.Test;

/** The parser against Python's re on the reference patterns (golden file from src/test/python/gen_dbbench_actions.py). */
class DbBenchActionsTest {
    @Test
    void matchesPythonReOnEveryGoldenReply() {
        var records = Jsonl.readAll(Path.of("src/test/resources/golden/dbbench/actions.jsonl"));
        assertEquals(30, records.size());
        for (JsonlRecord r : records) {
            String reply = r.node().get("reply").asText();
            assertEquals(expected(r.node().get("action")), DbBenchActions.action(reply), "action of " + reply);
            assertEquals(expected(r.node().get("sql")), DbBenchActions.sql(reply), "sql of " + reply);
            assertEquals(expected(r.node().get("final_answer")), DbBenchActions.finalAnswer(reply), "final answer of " + reply);
        }
    }

    private static Optional<String> expected(JsonNode n) {
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    @Test
    void promptIsTheReferenceTextByteForByte() throws Exception {
        String golden = java.nio.file.Files.readString(Path.of("src/test/resources/golden/dbbench/big_prompt.txt"));
        assertEquals(golden, DbBenchPrompt.BIG_PROMPT);
    }
}
