package kaizen.data.teacher;

import static kaizen.testing.FakeOpenAiServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import kaizen.core.BadInputException;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.build.BuildReport;
import kaizen.data.build.DatasetBuild;
import kaizen.data.build.ModelFormats;
import kaizen.data.build.RecipeReader;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.harness.FinishStatus;
import kaizen.harness.dbbench.DbBenchEpisode;
import kaizen.harness.dbbench.DbBenchEval;
import kaizen.harness.household.HouseholdEpisode;
import kaizen.harness.household.HouseholdEval;
import kaizen.harness.household.HouseholdOracle;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.model.RetryPolicy;
import kaizen.testing.FakeOpenAiServer;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teacher rollouts against a scripted loopback teacher on real tasks: synthetic DBBench tasks in
 * the embedded MariaDB and generated household worlds. The teacher plays the expert's answer in
 * some samples and a wrong one in others (always wrong on task 0), so the counts are known: with 6
 * tasks x 2 samples, 5 successes, 7 failures, 5 tasks with both. The output then goes through
 * {@code kaizen data build}: SFT keeps the successes only, DPO pairs a failure with a success of
 * the same task.
 */
class TeacherRunTest {
    static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 2);
    static final String WRONG_SQL_ANSWER = "I am sure of it.\nAction: Answer\nFinal Answer: [\"wrong\"]";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path tasksFile;
    static Map<String, List<String>> expertTurns = new HashMap<>();

    @BeforeAll
    static void generateTasks() {
        DbBenchFactory.Result r = DbBenchFactory.generate(TestDatabase.environment(), new DbBenchFactory.Settings(6, 21, 3, false));
        DbBenchFactory.write(r, shared.resolve("synth"));
        tasksFile = shared.resolve("synth").resolve(DbBenchFactory.TASKS_FILE);
        for (Trajectory t : r.items().stream().map(DbBenchFactory.Item::trajectory).toList()) {
            // The expert's replies after the opening (big prompt, OK, question).
            expertTurns.put(t.messages().get(2).content(), t.messages().subList(3, t.messages().size()).stream()
                    .filter(m -> m.role() == Role.ASSISTANT).map(Message::content).toList());
        }
    }

    private static OpenAiChatClient client(FakeOpenAiServer server) {
        return OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).retryPolicy(FAST).temperature(0.7)
                .requestTimeout(Duration.ofSeconds(10)).build();
    }

    /** Even first turns of a task (counted per task) follow the expert, odd ones answer wrong; the first task is always wrong. */
    private static Function<FakeOpenAiServer.Request, FakeOpenAiServer.Behavior> dbTeacher(List<String> questions) {
        Map<String, AtomicInteger> firsts = new ConcurrentHashMap<>();
        return r -> {
            String question = r.messages().get(2).content();
            List<Message> replies = r.messages().subList(3, r.messages().size());
            if (replies.isEmpty()) {
                int n = firsts.computeIfAbsent(question, q -> new AtomicInteger()).getAndIncrement();
                boolean expert = n % 2 == 0 && !question.equals(questions.getFirst());
                return reply(expert ? expertTurns.get(question).getFirst() : WRONG_SQL_ANSWER);
            }
            return reply(expertTurns.get(question).get(replies.size() / 2));
        };
    }

    private TeacherRun.Result rollOutDb(FakeOpenAiServer server, Path out) {
        TeacherTasks.DbBench tasks = TeacherTasks.dbbench(tasksFile);
        DbBenchEpisode episode = new DbBenchEpisode(TestDatabase.environment(), DbBenchEpisode.DEFAULT_MAX_ROUND);
        try (OpenAiChatClient c = client(server)) {
            return TeacherRun.run(tasks.tasks(), (index, task) -> DbBenchEval.play(episode, index, tasks.db().get(task), c),
                    new TeacherRun.Settings(out, TeacherTasks.DBBENCH_SOURCE, c.modelName(), 0.7, 2, 4, false));
        }
    }

    @Test
    void dbbenchRolloutsKeepEveryEpisodeWithTheEvaluationsScore() {
        TeacherTasks.DbBench tasks = TeacherTasks.dbbench(tasksFile);
        List<String> questions = tasks.db().stream().map(t -> t.question()).toList();
        TeacherRun.Result r;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(dbTeacher(questions))) {
            r = rollOutDb(server, dir);
        }
        assertCounts(r);
        for (Trajectory t : r.trajectories()) {
            assertEquals(TeacherTasks.DBBENCH_SOURCE, t.source());
            assertTrue(t.taskId().startsWith("synth-dbbench-"), t.taskId());
            assertEquals(FakeOpenAiServer.MODEL, t.metadata().get("teacher"));
            assertEquals("0.7", t.metadata().get("temperature"));
            assertEquals(FinishStatus.COMPLETED.text(), t.metadata().get("status"));
            assertEquals(Role.ASSISTANT, t.messages().getLast().role());
            assertEquals(t.outcome().success(), !t.messages().getLast().content().equals(WRONG_SQL_ANSWER));
        }
        assertEquals(List.of("0", "1"), r.trajectories().stream().filter(t -> t.taskId().equals(r.trajectories().getFirst().taskId()))
                .map(t -> t.metadata().get("sample")).toList());
    }

    static void assertCounts(TeacherRun.Result r) {
        assertEquals(12, r.trajectories().size());
        assertEquals(5, r.trajectories().stream().filter(t -> t.outcome().success()).count());
        assertEquals(7, r.summary().failures());
        assertEquals(5, r.summary().pairableTasks());
        assertEquals(5 / 12.0, r.summary().passAt(1), 1e-12);
        assertEquals(5 / 6.0, r.summary().passAt(2), 1e-12);
        assertEquals(r.trajectories(), Trajectory.readAll(r.trajectoriesFile()));
    }

    /** The teacher plays one world at a time (concurrency 1): a new conversation starts a new sample. */
    private static Function<FakeOpenAiServer.Request, FakeOpenAiServer.Behavior> householdTeacher(List<HouseholdTask> worlds) {
        Map<Integer, AtomicInteger> firsts = new HashMap<>();
        HouseholdOracle[] current = {null};
        int[] turn = {0};
        return r -> {
            if (r.messages().size() == 1) {
                int task = -1;
                for (HouseholdTask w : worlds) if (r.messages().getFirst().content().equals(HouseholdPrompt.DEFAULT.opening(w.world()))) task = w.index();
                int n = firsts.computeIfAbsent(task, k -> new AtomicInteger()).getAndIncrement();
                current[0] = n % 2 == 0 && task != 0 ? new HouseholdOracle(worlds.get(task)) : null;
                turn[0] = 0;
            }
            turn[0]++;
            if (current[0] == null) return reply("THOUGHT: I will look once more (" + turn[0] + ").\nACTION: look around");
            return reply(((ModelReply.Text) current[0].complete(r.messages())).content());
        };
    }

    private TeacherRun.Result rollOutHousehold(FakeOpenAiServer server, Path out) {
        List<HouseholdTask> worlds = TeacherTasks.household(4, 6);
        HouseholdEpisode episode = new HouseholdEpisode(HouseholdPrompt.DEFAULT, 30);
        try (OpenAiChatClient c = client(server)) {
            return TeacherRun.run(TeacherTasks.of(worlds), (index, task) -> HouseholdEval.play(episode, index, worlds.get(task), c),
                    new TeacherRun.Settings(out, TeacherTasks.HOUSEHOLD_SOURCE, c.modelName(), 0.7, 2, 1, false));
        }
    }

    @Test
    void householdRolloutsResumeAndBuildIntoSftAndDpo() throws Exception {
        List<HouseholdTask> worlds = TeacherTasks.household(4, 6);
        Function<FakeOpenAiServer.Request, FakeOpenAiServer.Behavior> teacher = householdTeacher(worlds);
        String world5 = HouseholdPrompt.DEFAULT.opening(worlds.get(5).world());
        // First run: the endpoint fails on world 5; its two samples are left for the next run.
        try (FakeOpenAiServer flaky = FakeOpenAiServer.start(r -> r.messages().getFirst().content().equals(world5)
                ? FakeOpenAiServer.serverError() : teacher.apply(r))) {
            TeacherRun.Result first = rollOutHousehold(flaky, dir);
            assertEquals(10, first.trajectories().size());
            assertEquals(2, first.runner().failed());
        }
        try (FakeOpenAiServer healthy = FakeOpenAiServer.start(teacher)) {
            TeacherRun.Result r = rollOutHousehold(healthy, dir);
            assertEquals(10, r.runner().skipped());
            assertCounts(r);
            for (Trajectory t : r.trajectories()) {
                assertEquals(TeacherTasks.HOUSEHOLD_SOURCE, t.source());
                assertEquals(t.outcome().success() ? FinishStatus.COMPLETED.text() : FinishStatus.TASK_LIMIT_REACHED.text(), t.metadata().get("status"));
                assertEquals(Role.ASSISTANT, t.messages().getLast().role());
            }
        }
        Files.writeString(dir.resolve("recipe.yaml"), """
                name: teacher-mix
                seed: 3
                sources:
                  - name: teacher-household
                    path: %s
                    protocol: react
                    tags: {domain: agent}
                filters:
                  length: {measure: chars, min: 1, max: 1000000}
                dpo: {enabled: true, max_pairs_per_task: 1}
                decontamination:
                  dbbench: [%s]
                  alfworld: [%s]
                """.formatted(dir.resolve(Trajectory.FILE_NAME), TestDatabase.sharedData("dbbench/dev.jsonl").toAbsolutePath(),
                TestDatabase.sharedData("alfworld/json_2.1.1/valid_seen").toAbsolutePath()));
        BuildReport report = DatasetBuild.run(RecipeReader.read(dir.resolve("recipe.yaml")), dir.resolve("build"), ModelFormats.available(),
                new PrintStream(new ByteArrayOutputStream()), false);
        List<JsonlRecord> sft = Jsonl.readAll(dir.resolve("build").resolve(DatasetBuild.SFT));
        assertEquals(5, sft.size(), "the successes only");
        assertEquals(5, report.dpoPairs());
        List<JsonlRecord> pairs = Jsonl.readAll(dir.resolve("build").resolve(DatasetBuild.DPO));
        for (JsonlRecord p : pairs) {
            assertEquals(1, p.node().path("prompt").size(), "the opening is the shared prompt");
            assertTrue(p.node().at("/rejected/0/content").asText().endsWith("ACTION: look around"));
            assertFalse(p.node().at("/chosen/0/content").asText().endsWith("ACTION: look around"));
        }
    }

    @Test
    void aResumedRunMustKeepItsSettings() {
        List<TeacherRun.Task> tasks = TeacherTasks.of(TeacherTasks.household(1, 2));
        TeacherRun.Play none = (index, task) -> {
            throw new kaizen.harness.model.ModelUnavailableException("down");
        };
        TeacherRun.run(tasks, none, new TeacherRun.Settings(dir, "teacher-household", "m", 0.7, 2, 1, false));
        KaizenException e = assertThrows(KaizenException.class,
                () -> TeacherRun.run(tasks, none, new TeacherRun.Settings(dir, "teacher-household", "m", 0.7, 3, 1, false)));
        assertTrue(e.getMessage().contains("samples = 2, not 3"), e.getMessage());
    }

    @Test
    void benchmarkTasksAreRefused() throws Exception {
        assertThrows(KaizenException.class, () -> new TeacherRun.Task("../shared/data/alfworld/json_2.1.1/valid_seen/x/trial_1", "put", 0));
        assertThrows(KaizenException.class, () -> new TeacherRun.Task("AgentBench-dbbench-3", "counting", 0));
        KaizenException path = assertThrows(KaizenException.class, () -> TeacherTasks.dbbench(TestDatabase.sharedData("dbbench/dev.jsonl")));
        assertTrue(path.getMessage().contains("evaluation only"), path.getMessage());
        // AgentBench's tasks copied under another name: no Kaizen id, refused line by line.
        Path copy = dir.resolve("tasks.jsonl");
        Files.copy(TestDatabase.sharedData("dbbench/dev.jsonl"), copy);
        BadInputException noId = assertThrows(BadInputException.class, () -> TeacherTasks.dbbench(copy));
        assertTrue(noId.getMessage().contains("kaizen.id"), noId.getMessage());
    }
}
