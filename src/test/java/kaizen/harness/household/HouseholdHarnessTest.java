package kaizen.harness.household;

import static kaizen.testing.FakeOpenAiServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import kaizen.core.Jsonl;
import kaizen.core.KaizenException;
import kaizen.core.Message;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.model.RetryPolicy;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EvalReport;
import kaizen.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The household protocol end to end on real generated worlds, against the oracle and a scripted fake model. */
class HouseholdHarnessTest {
    static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 2);
    static final List<HouseholdTask> SIX = HouseholdTask.of(HouseholdSplit.HELD_OUT, 1, 6);

    @TempDir
    Path out;

    private static HouseholdEval.Settings settings(Path dir, int maxStep, HouseholdPrompt prompt, String agent) {
        return new HouseholdEval.Settings(dir, 4, maxStep, prompt, HouseholdSplit.HELD_OUT, 1, false, agent);
    }

    @Test
    void theOracleWinsEveryWorldThroughTheWholeProtocol() {
        for (HouseholdSplit split : HouseholdSplit.values()) {
            List<HouseholdTask> tasks = HouseholdTask.of(split, 3, 120);
            Path dir = out.resolve(split.wireName());
            EvalReport.Outcome o = HouseholdEval.run(tasks, HouseholdOracle::new, settings(dir, HouseholdEpisode.DEFAULT_MAX_STEP,
                    new HouseholdPrompt(split == HouseholdSplit.TRAIN, true), "oracle"));
            assertTrue(o.summary().complete(120));
            assertEquals(Map.of("overall", Map.of("total", 120, "pass", 120L, "wrong", 0L, "success_rate", 1.0)), o.metrics().get("custom"));
            @SuppressWarnings("unchecked")
            Map<String, Object> perFamily = (Map<String, Object>) ((Map<String, Object>) o.metrics().get("kaizen")).get("per_family");
            assertEquals(List.of("put", "clean-then-put", "heat-then-put", "cool-then-put", "examine-under-light", "put-two"),
                    List.copyOf(perFamily.keySet()));
            perFamily.values().forEach(v -> assertEquals(Map.of("total", 20, "pass", 20L, "wrong", 0L, "success_rate", 1.0), v));
            for (EpisodeRecord r : o.summary().records().values()) {
                assertEquals(FinishStatus.COMPLETED, r.status());
                assertEquals("0", r.resultText("invalid_actions"));
            }
        }
    }

    @Test
    void theHeldOutSplitSharesNoWorldWithTrainingSeeds() {
        Set<Long> train = new HashSet<>();
        for (long s = 0; s < 5; s++) HouseholdTask.of(HouseholdSplit.TRAIN, s, 60).forEach(t -> train.add(t.seed()));
        for (HouseholdTask t : HouseholdTask.of(HouseholdSplit.HELD_OUT, 0, 60)) assertFalse(train.contains(t.seed()), t.id());
        assertNotEquals(HouseholdTask.of(HouseholdSplit.TRAIN, 1, 1), HouseholdTask.of(HouseholdSplit.HELD_OUT, 1, 1));
        assertThrows(KaizenException.class, () -> HouseholdTask.of(HouseholdSplit.HELD_OUT, HouseholdSplit.HELD_OUT_FIRST, 1));
        assertThrows(KaizenException.class, () -> HouseholdTask.of(HouseholdSplit.TRAIN, -1, 1));
        assertEquals(HouseholdSplit.HELD_OUT, HouseholdSplit.of("held-out"));
        assertThrows(KaizenException.class, () -> HouseholdSplit.of("test"));
    }

    /** The task a request belongs to: the one whose opening it starts with (a long history adds a notice to it). */
    private static int taskOf(FakeOpenAiServer.Request r, HouseholdPrompt prompt) {
        for (HouseholdTask t : SIX) if (r.messages().getFirst().content().startsWith(prompt.opening(t.world()))) return t.index();
        throw new AssertionError("no known opening in " + r.messages().getFirst().content());
    }

    private EvalReport.Outcome run(List<HouseholdTask> tasks, FakeOpenAiServer server, int maxStep) {
        try (OpenAiChatClient c = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).retryPolicy(FAST)
                .requestTimeout(Duration.ofSeconds(5)).build()) {
            return HouseholdEval.run(tasks, t -> c, settings(out, maxStep, HouseholdPrompt.DEFAULT, "fake"));
        }
    }

    /** Replies for the six worlds: the planner over HTTP, a format violation, refused commands, repeats, context limit, no content. */
    private static Function<FakeOpenAiServer.Request, FakeOpenAiServer.Behavior> script() {
        Map<Integer, ChatModel> oracles = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> turns = new ConcurrentHashMap<>();
        return r -> {
            int task = taskOf(r, HouseholdPrompt.DEFAULT);
            int turn = turns.computeIfAbsent(task, k -> new AtomicInteger()).getAndIncrement();
            return switch (task) {
                case 0 -> reply(((kaizen.harness.model.ModelReply.Text) oracles.computeIfAbsent(0, k -> new HouseholdOracle(SIX.get(0)))
                        .complete(r.messages())).content());
                case 1 -> reply("THOUGHT: I will look around first, then decide.");
                case 2 -> reply("THOUGHT: attempt " + turn + "\nACTION: " + (turn % 2 == 0 ? "fly to the moon" : "Inventory"));
                case 3 -> reply("THOUGHT: Let me look.\nACTION: look around");
                case 4 -> turn == 0 ? reply("THOUGHT: go.\nACTION: look around") : FakeOpenAiServer.contextLengthError();
                default -> FakeOpenAiServer.nullContent();
            };
        };
    }

    @Test
    void everyEndingOfAScriptedAgent() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(script())) {
            EvalReport.Outcome o = run(SIX, server, 50);
            Map<Integer, EpisodeRecord> r = o.summary().records();
            assertEquals(6, r.size(), () -> Jsonl.readAll(out.resolve("errors.jsonl")).toString());
            assertEquals(FinishStatus.COMPLETED, r.get(0).status());
            assertTrue(r.get(0).correct());
            assertEquals("true", r.get(0).resultText("result"));
            assertEquals(r.get(0).rounds() * 2, r.get(0).history().size(), "ends with the winning action");
            // No ACTION line: the episode ends at once.
            assertEquals(FinishStatus.AGENT_INVALID_ACTION, r.get(1).status());
            assertEquals(0, r.get(1).rounds());
            // Refused commands change nothing and the episode goes on to the step limit.
            assertEquals(FinishStatus.TASK_LIMIT_REACHED, r.get(2).status());
            assertEquals(50, r.get(2).rounds());
            assertEquals("25", r.get(2).resultText("invalid_actions"));
            assertEquals(101, r.get(2).history().size());
            // The same output three times in a row (from the 4th turn on) is an invalid action.
            assertEquals(FinishStatus.AGENT_INVALID_ACTION, r.get(3).status());
            assertEquals(4, r.get(3).rounds());
            assertEquals(FinishStatus.AGENT_CONTEXT_LIMIT, r.get(4).status());
            assertEquals("agent context limit", r.get(4).history().getLast().content());
            assertEquals(FinishStatus.AGENT_INVALID_ACTION, r.get(5).status());
            assertEquals("normal", r.get(5).history().getLast().content());
            for (EpisodeRecord e : r.values()) assertEquals(e.index() == 0, e.correct());
            assertEquals(Map.of("overall", Map.of("total", 6, "pass", 1L, "wrong", 5L, "success_rate", 1 / 6.0)), o.metrics().get("custom"));
        }
    }

    @Test
    void aRefusedCommandIsAnsweredAsTheGeneratedDataShowsIt() {
        HouseholdTask task = SIX.get(2);
        List<String> outputs = List.of("THOUGHT: a\nACTION: fly to the moon", "THOUGHT: b\nACTION:   LOOK   AROUND  ");
        int[] turn = {0};
        ChatModel model = messages -> new kaizen.harness.model.ModelReply.Text(outputs.get(Math.min(turn[0]++, 1)));
        HouseholdEpisode.Result r = new HouseholdEpisode(HouseholdPrompt.DEFAULT, 2).run(task, model);
        kaizen.env.household.World w = task.world();
        List<Message> expected = List.of(Message.user(HouseholdPrompt.DEFAULT.opening(w)), Message.assistant(outputs.get(0)),
                Message.user(HouseholdPrompt.DEFAULT.observation(w.step("fly to the moon").text(), w)), Message.assistant(outputs.get(1)),
                Message.user(HouseholdPrompt.DEFAULT.observation(w.step("look around").text(), w)));
        assertEquals(expected, r.history());
        assertEquals(List.of(false, true), r.log().stream().map(HouseholdEpisode.Turn::valid).toList());
        assertEquals("look   around", r.log().get(1).action(), "the action line as typed; the world forgives the spacing");
        assertEquals(FinishStatus.TASK_LIMIT_REACHED, r.status());
    }

    @Test
    void resumeRunsOnlyWhatIsMissing() {
        List<HouseholdTask> two = SIX.subList(0, 2);
        Function<FakeOpenAiServer.Request, FakeOpenAiServer.Behavior> healthy = script();
        try (FakeOpenAiServer flaky = FakeOpenAiServer.start(r -> taskOf(r, HouseholdPrompt.DEFAULT) == 1
                ? FakeOpenAiServer.serverError() : healthy.apply(r))) {
            EvalReport.Outcome first = run(two, flaky, 50);
            assertEquals(1, first.summary().records().size());
            assertEquals(1, first.summary().failed());
        }
        assertEquals(1, Jsonl.readAll(out.resolve("errors.jsonl")).size());
        try (FakeOpenAiServer server = FakeOpenAiServer.start(script())) {
            EvalReport.Outcome second = run(two, server, 50);
            assertEquals(1, server.requestCount());
            assertEquals(1, second.summary().skipped());
            assertTrue(second.summary().complete(2));
        }
        assertEquals(2, Jsonl.readAll(out.resolve("episodes.jsonl")).size());
    }
}
