package kaizen.data.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import kaizen.core.Json;
import kaizen.core.KaizenException;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EpisodeRunner;
import kaizen.harness.runner.EvalReport;

/**
 * Teacher rollouts, the package's entry point: a teacher model plays each synthetic task K times
 * through the evaluation's own episode loop and scoring, and every finished episode becomes a
 * {@link Trajectory} (successes for SFT; a task's failures and successes for DPO pairs). Episode
 * {@code t * K + k} is sample k of task t; the harness runner keeps them in {@code DIR/episodes.jsonl}
 * as they finish, so an interrupted run resumes where it stopped, and {@code DIR/trajectories.jsonl}
 * and {@code DIR/summary.json} are rewritten from every finished episode at the end of each run.
 * Only Kaizen's own tasks may be rolled out: a task id naming AgentBench or ALFWorld data is refused.
 */
public final class TeacherRun {
    /** The run's settings as first given; a resumed run must match them. */
    public static final String SETTINGS_FILE = "teacher.json";
    public static final String SUMMARY_FILE = "summary.json";
    /** Words of AgentBench's and ALFWorld's data paths: evaluation data, never training data. */
    static final List<String> BENCHMARK_MARKS = List.of("agentbench", "alfworld", "json_2.1.1", "tw-pddl", "dbbench/dev",
            "dev.jsonl", "valid_seen", "valid_unseen", "valid_train");

    /** One task the teacher plays: its id (shared with the expert's trajectories of the same task), category and seed. */
    public record Task(String id, String category, long seed) {
        public Task {
            refuseBenchmark("task id", id);
        }
    }

    /**
     * @param source the trajectories' source, e.g. {@code teacher-dbbench}
     * @param teacher the model name, recorded in every trajectory
     */
    public record Settings(Path outDir, String source, String teacher, double temperature, int samples, int concurrency,
            boolean progress) {
        public Settings {
            if (samples < 1) throw new KaizenException("--samples must be at least 1");
            if (concurrency < 1) throw new KaizenException("--concurrency must be at least 1");
            if (!(temperature >= 0)) throw new KaizenException("--temperature must not be negative");
        }
    }

    /** Plays sample {@code index % K} of task {@code task}; the record's index is {@code index}. */
    @FunctionalInterface
    public interface Play {
        EpisodeRecord play(int index, int task) throws ModelUnavailableException;
    }

    /** What a run left in its folder, earlier runs' episodes included. */
    public record Result(EpisodeRunner.Summary runner, List<Trajectory> trajectories, TeacherSummary summary, Path trajectoriesFile) {}

    private TeacherRun() {}

    /** @throws KaizenException when a text names AgentBench or ALFWorld data, saying what was refused */
    public static void refuseBenchmark(String what, String text) {
        String lower = text.replace('\\', '/').toLowerCase(Locale.ROOT);
        for (String mark : BENCHMARK_MARKS) {
            if (lower.contains(mark)) {
                throw new KaizenException(what + " '" + text + "' names AgentBench/ALFWorld data ('" + mark
                        + "'): benchmark tasks are for evaluation only; roll out Kaizen's synthetic tasks");
            }
        }
    }

    public static Result run(List<Task> tasks, Play play, Settings s) {
        if (tasks.isEmpty()) throw new KaizenException("no tasks to roll out");
        EvalReport.createOutDir(s.outDir());
        checkSettings(tasks, s);
        int k = s.samples();
        EpisodeRunner runner = new EpisodeRunner(s.outDir(), s.concurrency(), s.progress());
        EpisodeRunner.Summary summary = runner.run(s.source(), IntStream.range(0, tasks.size() * k).boxed().toList(),
                index -> play.play(index, index / k));
        List<Trajectory> out = new ArrayList<>();
        for (EpisodeRecord r : summary.records().values()) {
            if (r.index() < tasks.size() * k) trajectory(r, tasks.get(r.index() / k), s).ifPresent(out::add);
        }
        Path file = s.outDir().resolve(Trajectory.FILE_NAME);
        Trajectory.writeAll(file, out);
        TeacherSummary ts = TeacherSummary.of(tasks, k, summary.records().values(), s);
        write(s.outDir().resolve(SUMMARY_FILE), Json.writePretty(ts.toJson()) + "\n");
        return new Result(summary, List.copyOf(out), ts, file);
    }

    /**
     * A finished episode as training data: the conversation up to the model's last real reply (a
     * context-limit placeholder and trailing observations are dropped), its outcome from the
     * evaluation's scoring, and the run's facts as metadata; empty when the model never replied.
     */
    static Optional<Trajectory> trajectory(EpisodeRecord r, Task task, Settings s) {
        List<Message> messages = new ArrayList<>(r.history());
        if (r.status() == FinishStatus.AGENT_CONTEXT_LIMIT && !messages.isEmpty() && messages.getLast().role() == Role.ASSISTANT) {
            messages.removeLast();
        }
        while (!messages.isEmpty() && messages.getLast().role() != Role.ASSISTANT) messages.removeLast();
        if (messages.isEmpty()) return Optional.empty();
        Map<String, String> meta = new TreeMap<>();
        meta.put("teacher", s.teacher());
        meta.put("sample", Integer.toString(r.index() % s.samples()));
        meta.put("temperature", Double.toString(s.temperature()));
        meta.put("status", r.status().text());
        meta.put("rounds", Integer.toString(r.rounds()));
        Trajectory.Outcome outcome = new Trajectory.Outcome(r.correct(), r.correct() ? 1.0 : 0.0);
        return Optional.of(new Trajectory(s.source(), task.id(), task.category(), messages, outcome, task.seed(), meta));
    }

    /** Writes the settings on the first run; a later run into the same folder must have the same ones. */
    private static void checkSettings(List<Task> tasks, Settings s) {
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("source", s.source());
        now.put("teacher", s.teacher());
        now.put("temperature", s.temperature());
        now.put("samples", s.samples());
        now.put("tasks", tasks.size());
        now.put("first_task", tasks.getFirst().id());
        now.put("last_task", tasks.getLast().id());
        Path file = s.outDir().resolve(SETTINGS_FILE);
        if (!Files.exists(file)) {
            write(file, Json.writePretty(now) + "\n");
            return;
        }
        JsonNode before;
        try {
            before = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KaizenException(file + ": cannot read (" + e.getMessage() + "); delete it or use another --out");
        }
        JsonNode wanted = Json.mapper().valueToTree(now);
        for (var e : now.keySet()) {
            if (!wanted.path(e).equals(before.path(e))) {
                throw new KaizenException(file + ": this folder holds a run with " + e + " = " + before.path(e) + ", not " + wanted.path(e)
                        + "; resume with the same settings or give another --out");
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
