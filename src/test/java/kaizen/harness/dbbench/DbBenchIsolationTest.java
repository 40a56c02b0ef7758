package kaizen.harness.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.MysqlErrorText;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.testing.FakeOpenAiServer;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hostile agent among honest ones: it tries to drop the others' databases and tables, sleeps
 * for ten minutes and runs a giant cross join. Every other episode must finish and score.
 */
class DbBenchIsolationTest {
    @TempDir
    Path out;

    @Test
    void aHostileEpisodeCannotHurtTheOthers() {
        List<DbBenchTask> all = DbBenchTask.load(TestDatabase.sharedData("dbbench/dev.jsonl"));
        // Task 0 attacks; the victims include mutation tasks whose hash proves their table intact.
        List<DbBenchTask> tasks = List.of(all.get(0), all.get(1), all.get(2), all.get(20), all.get(21), all.get(40));
        List<DbBenchTask> indexed = new java.util.ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            DbBenchTask t = tasks.get(i);
            indexed.add(new DbBenchTask(i, t.description(), t.addDescription(), t.type(), t.table(), t.label(), t.goldSql(),
                    t.answerMd5()));
        }
        String own = indexed.get(0).table().name();
        String victim = indexed.get(3).table().name();
        List<String> attack = List.of(
                "DROP DATABASE `" + victim + "`",
                "DROP TABLE `" + victim + "`.`" + victim + "`",
                "DELETE FROM `" + victim + "`.`" + victim + "`",
                "SELECT SLEEP(600)",
                "SELECT COUNT(*) FROM `" + own + "` a, `" + own + "` b, `" + own + "` c, `" + own + "` d, `" + own + "` e",
                "SELECT * FROM `" + own + "` a, `" + own + "` b, `" + own + "` c, `" + own + "` d");
        DbEnvironment base = TestDatabase.environment();
        try (DbEnvironment env = new DbEnvironment(base.server(), base.options().withStatementTimeout(Duration.ofSeconds(2)));
                FakeOpenAiServer server = FakeOpenAiServer.start(r -> {
                    int task = indexOf(indexed, r.messages().get(2).content());
                    if (task == 0) {
                        int turn = (r.messages().size() - 3) / 2;
                        if (turn < attack.size()) {
                            return FakeOpenAiServer.reply("Action: Operation\n```sql\n" + attack.get(turn) + "\n```");
                        }
                        return FakeOpenAiServer.reply("Action: Answer\nFinal Answer: [\"x\"]");
                    }
                    ModelReply.Text t = (ModelReply.Text) new DbBenchOracle(indexed.get(task)).complete(r.messages());
                    return FakeOpenAiServer.reply(t.content(), Duration.ofMillis(400));
                });
                OpenAiChatClient c = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).build()) {
            var outcome = DbBenchEval.run(indexed, env, t -> c, new DbBenchEval.Settings(out, 6, 15, false, "mixed"));
            Map<Integer, EpisodeRecord> r = outcome.summary().records();
            assertEquals(6, r.size());
            for (int i = 1; i < 6; i++) {
                assertEquals(FinishStatus.COMPLETED, r.get(i).status(), "victim " + i);
                assertTrue(r.get(i).correct(), "victim " + i + " scored wrong: " + r.get(i).result());
            }
            List<String> seen = r.get(0).history().stream().filter(m -> m.role() == kaizen.core.Role.USER).skip(2)
                    .map(kaizen.core.Message::content).toList();
            assertTrue(seen.get(0).startsWith("1044 (42000): Access denied for user"), seen.get(0));
            assertTrue(seen.get(1).startsWith("1142 (42000): DROP command denied to user"), seen.get(1));
            assertTrue(seen.get(2).startsWith("1142 (42000): DELETE command denied to user"), seen.get(2));
            assertEquals(MysqlErrorText.STATEMENT_TIMEOUT, seen.get(3));
            assertEquals(MysqlErrorText.STATEMENT_TIMEOUT, seen.get(4));
            assertTrue(seen.get(5).endsWith("[TRUNCATED]"), seen.get(5));
        }
    }

    private static int indexOf(List<DbBenchTask> tasks, String question) {
        for (DbBenchTask t : tasks) if (t.question().equals(question)) return t.index();
        throw new AssertionError(question);
    }
}
