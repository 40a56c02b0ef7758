package kaizen.harness.dbbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kaizen.env.db.DbEnvironment;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EpisodeRunner;
import kaizen.harness.runner.EvalReport;

/**
 * A DBBench evaluation run: every task of a file against one model (or the oracle), written to
 * {@code DIR/episodes.jsonl} and scored into {@code DIR/metrics.json} exactly as AgentBench's
 * overall.json (total, validation, custom), plus Kaizen's own counts under "kaizen".
 */
public final class DbBenchEval {
    /** Settings of one run. {@code modelFor} gives the agent for a task (a shared client, or the oracle). */
    public record Settings(Path outDir, int concurrency, int maxRound, boolean progress, String agentName) {}

    private DbBenchEval() {}

    public static EvalReport.Outcome run(List<DbBenchTask> tasks, DbEnvironment env, Function<DbBenchTask, ChatModel> modelFor,
            Settings s) {
        EvalReport.createOutDir(s.outDir());
        DbBenchEpisode episode = new DbBenchEpisode(env, s.maxRound());
        List<Integer> indices = tasks.stream().map(DbBenchTask::index).toList();
        EpisodeRunner runner = new EpisodeRunner(s.outDir(), s.concurrency(), s.progress());
        EpisodeRunner.Summary summary = runner.run("dbbench", indices,
                index -> play(episode, index, tasks.get(index), modelFor.apply(tasks.get(index))));
        return EvalReport.write(s.outDir(), summary, metrics(tasks, summary, s));
    }

    /** Plays one episode of a task and makes its record, scored as AgentBench scores it. */
    public static EpisodeRecord play(DbBenchEpisode episode, int index, DbBenchTask task, ChatModel model) throws ModelUnavailableException {
        long t0 = System.nanoTime();
        DbBenchEpisode.Result r = episode.run(task, model);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("answer", r.answer());
        result.put("type", r.type());
        result.put("error", r.error());
        boolean correct = DbBenchScoring.isCorrect(new DbBenchScoring.Outcome(r.type(), r.answer()), task.target());
        return new EpisodeRecord(index, r.status(), result, r.history(), correct, r.rounds(), (System.nanoTime() - t0) / 1_000_000);
    }

    static Map<String, Object> metrics(List<DbBenchTask> tasks, EpisodeRunner.Summary summary, Settings s) {
        return metrics(tasks.size(), summary.records().values(),
                r -> r.index() < tasks.size() ? Optional.of(tasks.get(r.index())) : Optional.empty(), summary.failed(), s.agentName(),
                Map.of("max_round", s.maxRound()));
    }

    /**
     * What metrics.json holds for these episodes: AgentBench's overall.json, each episode scored
     * against the task it played ({@code taskOf}; one with none counts in the totals only), and
     * Kaizen's counts with {@code extra} under "kaizen".
     *
     * @param failed episodes that failed in this run and are not among {@code done}
     */
    public static Map<String, Object> metrics(int tasks, Collection<EpisodeRecord> done, Function<EpisodeRecord, Optional<DbBenchTask>> taskOf,
            int failed, String agent, Map<String, Object> extra) {
        List<EpisodeRecord> list = new ArrayList<>(done);
        List<DbBenchScoring.Outcome> outcomes = new ArrayList<>();
        List<DbBenchScoring.Target> targets = new ArrayList<>();
        for (EpisodeRecord r : list) {
            Optional<DbBenchTask> task = taskOf.apply(r);
            if (task.isEmpty()) continue;
            outcomes.add(new DbBenchScoring.Outcome(r.resultText("type"), r.resultText("answer")));
            targets.add(task.get().target());
        }
        return EvalReport.overall(list, DbBenchScoring.customMetrics(outcomes, targets),
                EvalReport.kaizenCounts(tasks, list, failed, agent, extra));
    }
}
