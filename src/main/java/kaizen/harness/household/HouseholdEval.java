package kaizen.harness.household;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kaizen.env.household.Family;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EpisodeRunner;
import kaizen.harness.runner.EvalReport;

/**
 * A household evaluation run, the package's entry point: every world against one model (or the
 * oracle), written to {@code DIR/episodes.jsonl} as episodes finish (a rerun resumes) and scored
 * into {@code DIR/metrics.json}: the ALFWorld evaluation's blocks (total, validation, custom =
 * {"overall": {total, pass, wrong, success_rate}}) with success per family, the split and the
 * settings under "kaizen".
 */
public final class HouseholdEval {
    /** Settings of one run; {@code split} and {@code seed} are reported, the tasks are already drawn. */
    public record Settings(Path outDir, int concurrency, int maxStep, HouseholdPrompt prompt, HouseholdSplit split, long seed,
            boolean progress, String agentName) {}

    private HouseholdEval() {}

    /** @param modelFor the agent for a world: a shared client, or a fresh {@link HouseholdOracle} */
    public static EvalReport.Outcome run(List<HouseholdTask> tasks, Function<HouseholdTask, ChatModel> modelFor, Settings s) {
        EvalReport.createOutDir(s.outDir());
        HouseholdEpisode episode = new HouseholdEpisode(s.prompt(), s.maxStep());
        EpisodeRunner runner = new EpisodeRunner(s.outDir(), s.concurrency(), s.progress());
        EpisodeRunner.Summary summary = runner.run("household", tasks.stream().map(HouseholdTask::index).toList(),
                index -> play(episode, index, tasks.get(index), modelFor.apply(tasks.get(index))));
        return EvalReport.write(s.outDir(), summary, metrics(tasks, summary, s));
    }

    /** Plays one episode of a task and makes its record (its task id, family and seed in the result). */
    public static EpisodeRecord play(HouseholdEpisode episode, int index, HouseholdTask task, ChatModel model)
            throws ModelUnavailableException {
        return played(episode, index, task, model).record();
    }

    /** An episode played: the episode's own result (its turns, to replay) and the record episodes.jsonl holds. */
    public record PlayedEpisode(HouseholdEpisode.Result result, EpisodeRecord record) {}

    /** {@link #play}, keeping the episode's result for callers that go on from it (GRPO's reward replays its turns). */
    public static PlayedEpisode played(HouseholdEpisode episode, int index, HouseholdTask task, ChatModel model)
            throws ModelUnavailableException {
        long t0 = System.nanoTime();
        HouseholdEpisode.Result r = episode.run(task, model);
        return new PlayedEpisode(r, record(index, task, r, (System.nanoTime() - t0) / 1_000_000));
    }

    /** The record of an episode played: what episodes.jsonl holds for it. */
    public static EpisodeRecord record(int index, HouseholdTask task, HouseholdEpisode.Result r, long elapsedMs) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("task_id", task.id());
        result.put("family", task.family().wireName());
        result.put("seed", task.seed());
        result.putAll(r.toJson());
        return new EpisodeRecord(index, r.status(), result, r.history(), r.won(), r.log().size(), elapsedMs);
    }

    static Map<String, Object> metrics(List<HouseholdTask> tasks, EpisodeRunner.Summary summary, Settings s) {
        return metrics(tasks, summary.records().values(), summary.failed(), s.agentName(),
                settings(s.split(), s.seed(), s.maxStep(), s.prompt()));
    }

    /** A run's settings as metrics.json reports them under "kaizen". */
    public static Map<String, Object> settings(HouseholdSplit split, long seed, int maxStep, HouseholdPrompt prompt) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("split", split.wireName());
        out.put("seed", seed);
        out.put("max_step", maxStep);
        out.put("stateact", prompt.stateAct());
        out.put("action_list", prompt.actionList());
        return out;
    }

    /**
     * What metrics.json holds for these episodes: the ALFWorld evaluation's blocks, success per
     * family and {@code settings} under "kaizen".
     *
     * @param taskAt the world of each episode index (episode r played {@code taskAt.get(r.index())})
     * @param failed episodes that failed in this run and are not among {@code done}
     */
    public static Map<String, Object> metrics(List<HouseholdTask> taskAt, Collection<EpisodeRecord> done, int failed, String agent,
            Map<String, Object> settings) {
        List<EpisodeRecord> list = new ArrayList<>(done);
        Map<String, Object> extra = new LinkedHashMap<>(settings);
        extra.put("per_family", EvalReport.successBy(taskAt.stream().map(HouseholdTask::family).toList(), List.of(Family.values()),
                Family::wireName, list));
        return EvalReport.overall(list, Map.of("overall", EvalReport.successRate(list)),
                EvalReport.kaizenCounts(taskAt.size(), list, failed, agent, extra));
    }
}
