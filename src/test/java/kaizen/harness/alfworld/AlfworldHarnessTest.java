package kaizen.harness.alfworld;

import static kaizen.testing.FakeOpenAiServer.contextLengthError;
import static kaizen.testing.FakeOpenAiServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kaizen.core.BadInputException;
import kaizen.core.Jsonl;
import kaizen.env.alfworld.AlfworldGame;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.model.RetryPolicy;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EvalReport;
import kaizen.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole ALFWorld harness on scripted games against the loopback fake model: endings, resume, metrics. */
class AlfworldHarnessTest {
    static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 2);
    static final AlfworldPrompt PROMPT = AlfworldPrompt.load(AlfworldGoldenTest.PROMPTS);
    static final String WIN_1 = "ACTION: go to countertop 1";
    static final String WIN_2 = "THOUGHT: take it.\n ACTION: take apple 1 from countertop 1";
    static final String WIN_3 = "ACTION: put apple 1 in/on countertop 1";

    @TempDir
    Path out;

    /** One game of each type, in the evaluation's order; game files are names the test's loader knows. */
    static List<AlfworldTask> tasks() {
        List<AlfworldTask> out = new ArrayList<>();
        for (AlfworldTaskType t : AlfworldTaskType.values()) {
            out.add(new AlfworldTask(out.size(), Path.of(t.prefix() + ".tw-pddl"), t.prefix() + "-Apple/trial_1", t));
        }
        return out;
    }

    /** The type whose 1-shot example a request carries. */
    static AlfworldTaskType typeOf(FakeOpenAiServer.Request r) {
        String example = r.messages().get(2).content();
        for (AlfworldTaskType t : AlfworldTaskType.values()) {
            if (example.equals(AlfworldPrompt.EXAMPLE_INTRO + PROMPT.example(t).getFirst())) return t;
        }
        throw new AssertionError("no known example in " + example);
    }

    /** The model's turn in its episode: the messages after the opening come in pairs. */
    static int turn(FakeOpenAiServer.Request r) {
        return (r.messages().size() - (3 + PROMPT.example(typeOf(r)).size())) / 2;
    }

    /** A scripted game that fails when asked to open the fridge. */
    static AlfworldGame breaking() {
        ScriptedGame g = ScriptedGame.load();
        return new AlfworldGame() {
            public Step reset() {
                return g.reset();
            }

            public Step step(String command) {
                if (command.equals("open fridge 1")) throw new IllegalStateException("engine broke on " + command);
                return g.step(command);
            }
        };
    }

    static AlfworldGame game(Path file) {
        return file.toString().startsWith("pick_cool") ? breaking() : ScriptedGame.load();
    }

    private EvalReport.Outcome run(List<AlfworldTask> tasks, Function<Path, AlfworldGame> games, FakeOpenAiServer server, int maxStep) {
        try (OpenAiChatClient c = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).retryPolicy(FAST)
                .requestTimeout(Duration.ofSeconds(5)).build()) {
            return AlfworldEval.run(tasks, PROMPT, games, t -> c, new AlfworldEval.Settings(out, 3, maxStep, false, "fake"));
        }
    }

    @Test
    void everyEndingAsTheReferenceAssignsIt() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> {
            int turn = turn(r);
            return switch (typeOf(r)) {
                case PICK_AND_PLACE -> reply(List.of(WIN_1, WIN_2, WIN_3).get(turn));
                case PICK_CLEAN_THEN_PLACE -> contextLengthError();
                case PICK_HEAT_THEN_PLACE -> turn == 0 ? reply("ACTION: look") : contextLengthError();
                case PICK_COOL_THEN_PLACE -> reply(turn == 0 ? "ACTION: go to fridge 1" : "ACTION: open fridge 1");
                case LOOK_AT_OBJ -> reply(turn % 2 == 0 ? "ACTION: look" : "ACTION: inventory");
                case PICK_TWO_OBJ -> FakeOpenAiServer.nullContent();
            };
        })) {
            var outcome = run(tasks(), AlfworldHarnessTest::game, server, 4);
            Map<Integer, EpisodeRecord> r = outcome.summary().records();
            assertEquals(6, r.size());
            assertEquals(FinishStatus.COMPLETED, r.get(0).status());
            assertTrue(r.get(0).correct());
            assertEquals(true, r.get(0).result().get("result"));
            assertEquals(3, r.get(0).rounds());
            // A context-limit reply ends the episode whatever the turn; the history records it.
            assertEquals(FinishStatus.AGENT_CONTEXT_LIMIT, r.get(1).status());
            assertEquals("agent context limit", r.get(1).history().getLast().content());
            assertEquals(FinishStatus.AGENT_CONTEXT_LIMIT, r.get(2).status());
            assertEquals(1, r.get(2).rounds());
            // An engine failure mid-game is the reference's "unknown", with the error as its result.
            assertEquals(FinishStatus.UNKNOWN, r.get(3).status());
            assertEquals(false, r.get(3).result().get("result"));
            assertEquals("engine broke on open fridge 1", r.get(3).result().get("error"));
            assertEquals(FinishStatus.TASK_LIMIT_REACHED, r.get(4).status());
            assertEquals(0, r.get(4).result().get("result"));
            assertEquals(4, r.get(4).rounds());
            // No content: stored as "normal", and no ACTION in it.
            assertEquals(FinishStatus.AGENT_INVALID_ACTION, r.get(5).status());
            assertEquals("normal", r.get(5).history().getLast().content());
            for (EpisodeRecord e : r.values()) assertEquals(e.index() == 0, e.correct());

            Map<String, Object> m = outcome.metrics();
            assertEquals(6, m.get("total"));
            assertEquals(Map.of("overall", Map.of("total", 6, "pass", 1L, "wrong", 5L, "success_rate", 1 / 6.0)), m.get("custom"));
            @SuppressWarnings("unchecked")
            Map<String, Object> validation = (Map<String, Object>) m.get("validation");
            assertEquals(2 / 6.0, (Double) validation.get("agent context limit"), 1e-12);
            assertEquals(1 / 6.0, (Double) validation.get("unknown"), 1e-12);
            @SuppressWarnings("unchecked")
            Map<String, Object> perType = (Map<String, Object>) ((Map<String, Object>) m.get("kaizen")).get("per_type");
            assertEquals(List.of("pick_and_place", "pick_clean_then_place", "pick_heat_then_place", "pick_cool_then_place",
                    "look_at_obj", "pick_two_obj"), List.copyOf(perType.keySet()));
            assertEquals(Map.of("total", 1, "pass", 1L, "wrong", 0L, "success_rate", 1.0), perType.get("pick_and_place"));
            assertEquals(Map.of("total", 1, "pass", 0L, "wrong", 1L, "success_rate", 0.0), perType.get("pick_two_obj"));
        }
    }

    @Test
    void resumeRunsOnlyWhatIsMissingAndMetricsCountEveryRun() {
        List<AlfworldTask> tasks = tasks().subList(0, 3);
        try (FakeOpenAiServer flaky = FakeOpenAiServer.start(r -> typeOf(r) == AlfworldTaskType.PICK_HEAT_THEN_PLACE
                ? FakeOpenAiServer.serverError() : reply(List.of(WIN_1, WIN_2, WIN_3).get(turn(r))))) {
            var first = run(tasks, f -> ScriptedGame.load(), flaky, 35);
            assertEquals(2, first.summary().records().size());
            assertEquals(1, first.summary().failed());
            assertFalse(first.summary().complete(3));
        }
        assertEquals(1, Jsonl.readAll(out.resolve("errors.jsonl")).size());
        try (FakeOpenAiServer healthy = FakeOpenAiServer.start(r -> reply(List.of(WIN_1, WIN_2, WIN_3).get(turn(r))))) {
            var second = run(tasks, f -> ScriptedGame.load(), healthy, 35);
            assertEquals(3, healthy.requestCount());
            assertEquals(2, second.summary().skipped());
            assertTrue(second.summary().complete(3));
            @SuppressWarnings("unchecked")
            Map<String, Object> overall = (Map<String, Object>) ((Map<String, Object>) second.metrics().get("custom")).get("overall");
            assertEquals(1.0, overall.get("success_rate"));
        }
        assertEquals(3, Jsonl.readAll(out.resolve("episodes.jsonl")).size());
    }

    @Test
    void aGameThatCannotLoadIsATaskErrorLeftForTheNextRun() {
        List<AlfworldTask> tasks = tasks().subList(0, 2);
        Function<Path, AlfworldGame> games = f -> {
            if (f.toString().startsWith("pick_clean")) throw new BadInputException(f, 0, "", "not a game file");
            return ScriptedGame.load();
        };
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> reply(List.of(WIN_1, WIN_2, WIN_3).get(turn(r))))) {
            var o = run(tasks, games, server, 35);
            assertEquals(1, o.summary().records().size());
            assertEquals(1, o.summary().failed());
        }
        var errors = Jsonl.readAll(out.resolve("errors.jsonl"));
        assertEquals("TASK_ERROR", errors.getFirst().text("error"));
        assertTrue(errors.getFirst().text("info").contains("not a game file"), errors.getFirst().text("info"));
    }

    @Test
    void theOracleWinsByPlayingTheWalkthrough() {
        AlfworldTask task = tasks().getFirst();
        ChatModel oracle = new AlfworldOracle(List.of("go to countertop 1", "take apple 1 from countertop 1",
                "move apple 1 to countertop 1"));
        var o = AlfworldEval.run(List.of(task), PROMPT, f -> ScriptedGame.load(), t -> oracle,
                new AlfworldEval.Settings(out, 1, 35, false, "oracle"));
        EpisodeRecord r = o.summary().records().get(0);
        assertEquals(FinishStatus.COMPLETED, r.status());
        assertTrue(r.correct());
    }

    @Test
    void theOracleReadsTheWalkthroughOfARealGameFile() throws Exception {
        List<AlfworldTask> games = AlfworldTask.load(Path.of("../shared/data/alfworld"), "valid_seen");
        List<String> walkthrough = kaizen.env.alfworld.Alfworld.walkthrough(games.getFirst().gameFile());
        assertFalse(walkthrough.isEmpty());
        assertTrue(walkthrough.getFirst().startsWith("go to "), walkthrough.toString());
    }
}
