package kaizen.harness.dbbench;

import static kaizen.testing.FakeOpenAiServer.contextLengthError;
import static kaizen.testing.FakeOpenAiServer.reply;
import static kaizen.testing.FakeOpenAiServer.serverError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kaizen.core.Jsonl;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.model.RetryPolicy;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EvalReport;
import kaizen.testing.FakeOpenAiServer;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole harness against a loopback fake model: finish statuses, retries, resume, metrics. */
class DbBenchHarnessTest {
    static final List<DbBenchTask> DEV = DbBenchTask.load(TestDatabase.sharedData("dbbench/dev.jsonl"));
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 2);

    @TempDir
    Path out;

    private static OpenAiChatClient client(FakeOpenAiServer server) {
        return OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).retryPolicy(FAST)
                .requestTimeout(Duration.ofSeconds(5)).build();
    }

    private EvalReport.Outcome run(List<DbBenchTask> tasks, FakeOpenAiServer server, int maxRound) {
        try (OpenAiChatClient c = client(server)) {
            return DbBenchEval.run(tasks, TestDatabase.environment(), t -> c,
                    new DbBenchEval.Settings(out, 4, maxRound, false, "fake"));
        }
    }

    /** Index of the task whose question is in the request's third message. */
    private static int taskOf(FakeOpenAiServer.Request r, List<DbBenchTask> tasks) {
        String q = r.messages().get(2).content();
        for (DbBenchTask t : tasks) if (t.question().equals(q)) return t.index();
        throw new AssertionError("unknown question " + q);
    }

    @Test
    void everyFinishStatusAsTheReferenceAssignsIt() {
        List<DbBenchTask> tasks = DEV.subList(0, 6);
        Function<FakeOpenAiServer.Request, FakeOpenAiServer.Behavior> script = r -> {
            int turn = (r.messages().size() - 3) / 2;
            return switch (taskOf(r, tasks)) {
                case 0 -> reply("Sure.\nAction: Answer\nFinal Answer: [\"March 19, 1998\"]");
                case 1 -> reply("I will just talk.");
                case 2 -> reply("Action: Operation\nSELECT 1;");
                case 3 -> reply("Action: Operation\n```sql\nSELECT COUNT(*) FROM `" + tasks.get(3).table().name() + "`\n```");
                case 4 -> turn == 0 ? reply("Action: Operation\n```sql\nSELECT 1\n```") : contextLengthError();
                default -> contextLengthError();
            };
        };
        try (FakeOpenAiServer server = FakeOpenAiServer.start(script)) {
            var outcome = run(tasks, server, 3);
            Map<Integer, EpisodeRecord> r = outcome.summary().records();
            assertEquals(FinishStatus.COMPLETED, r.get(0).status());
            assertTrue(r.get(0).correct());
            assertEquals(FinishStatus.AGENT_VALIDATION_FAILED, r.get(1).status());
            assertEquals(FinishStatus.AGENT_VALIDATION_FAILED, r.get(2).status());
            assertEquals(FinishStatus.TASK_LIMIT_REACHED, r.get(3).status());
            assertEquals(3 + 1 + 2 * 3, r.get(3).history().size());
            assertEquals(FinishStatus.AGENT_CONTEXT_LIMIT, r.get(4).status());
            assertEquals("agent context limit", r.get(4).history().getLast().content());
            assertEquals("[(1,)]", r.get(4).history().get(4).content());
            // A context-limit reply on the very first turn is a validation failure in the reference.
            assertEquals(FinishStatus.AGENT_VALIDATION_FAILED, r.get(5).status());
            @SuppressWarnings("unchecked")
            Map<String, Object> validation = (Map<String, Object>) outcome.metrics().get("validation");
            assertEquals(1 / 6.0, (Double) validation.get("completed"), 1e-12);
            assertEquals(3 / 6.0, (Double) validation.get("agent validation failed"), 1e-12);
            assertEquals(10, validation.get("max_history_length"));
        }
    }

    @Test
    void retriesTransientFailuresAndSendsTheReferenceConversation() {
        List<DbBenchTask> tasks = DEV.subList(0, 1);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(
                FakeOpenAiServer.failFirst(2, serverError(), reply("Action: Answer\nFinal Answer: [\"March 19, 1998\"]")))) {
            var outcome = run(tasks, server, 15);
            assertEquals(3, server.requestCount());
            assertEquals(FinishStatus.COMPLETED, outcome.summary().records().get(0).status());
            var sent = server.request(2).messages();
            assertEquals(3, sent.size());
            assertEquals(DbBenchPrompt.BIG_PROMPT, sent.get(0).content());
            assertEquals("Ok.", sent.get(1).content());
            assertEquals(tasks.getFirst().description() + "\n" + tasks.getFirst().addDescription(), sent.get(2).content());
        }
    }

    @Test
    void resumeRunsOnlyWhatIsMissing() throws Exception {
        List<DbBenchTask> tasks = DEV.subList(0, 4);
        String answer = "Action: Answer\nFinal Answer: [\"x\"]";
        try (FakeOpenAiServer flaky = FakeOpenAiServer.start(r -> taskOf(r, tasks) == 2 ? serverError() : reply(answer))) {
            var first = run(tasks, flaky, 15);
            assertEquals(3, first.summary().records().size());
            assertEquals(1, first.summary().failed());
            assertFalse(first.summary().complete(4));
        }
        assertEquals(1, Jsonl.readAll(out.resolve("errors.jsonl")).size());
        try (FakeOpenAiServer healthy = FakeOpenAiServer.replying(answer)) {
            var second = run(tasks, healthy, 15);
            assertEquals(1, healthy.requestCount());
            assertEquals(3, second.summary().skipped());
            assertTrue(second.summary().complete(4));
            assertEquals(4, second.metrics().get("total"));
        }
        assertEquals(4, Jsonl.readAll(out.resolve("episodes.jsonl")).size());
        assertTrue(Files.readString(out.resolve("metrics.json")).contains("overall_cat_accuracy"));
    }

    @Test
    void aCrashCutLastLineIsIgnoredOnResume() throws Exception {
        List<DbBenchTask> tasks = DEV.subList(0, 2);
        String answer = "Action: Answer\nFinal Answer: [\"x\"]";
        try (FakeOpenAiServer server = FakeOpenAiServer.replying(answer)) {
            run(tasks.subList(0, 1), server, 15);
        }
        Files.writeString(out.resolve("episodes.jsonl"), "{\"index\": 1, \"status\": \"comp", java.nio.file.StandardOpenOption.APPEND);
        try (FakeOpenAiServer server = FakeOpenAiServer.replying(answer)) {
            var o = run(tasks, server, 15);
            assertEquals(1, server.requestCount());
            assertTrue(o.summary().complete(2));
        }
    }

    @Test
    void garbageAndHangsBecomeFailuresThatDoNotLoseFinishedWork() {
        List<DbBenchTask> tasks = DEV.subList(0, 3);
        String answer = "Action: Answer\nFinal Answer: [\"x\"]";
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> switch (taskOf(r, tasks)) {
                    case 0 -> reply(answer);
                    case 1 -> FakeOpenAiServer.garbage();
                    default -> FakeOpenAiServer.hang();
                });
                OpenAiChatClient c = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL)
                        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10), 2))
                        .requestTimeout(Duration.ofMillis(300)).build()) {
            var o = DbBenchEval.run(tasks, TestDatabase.environment(), t -> c,
                    new DbBenchEval.Settings(out, 3, 15, false, "fake"));
            assertEquals(1, o.summary().records().size());
            assertEquals(2, o.summary().failed());
            assertEquals(1, Jsonl.readAll(out.resolve("episodes.jsonl")).size());
        }
    }
}
