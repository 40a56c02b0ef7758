package kaizen.harness.alfworld;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kaizen.env.alfworld.AlfworldGame;
import kaizen.harness.model.ChatModel;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EpisodeRunner;
import kaizen.harness.runner.EvalReport;

/**
 * An ALFWorld evaluation run: every game against one model (or the oracle), written to
 * {@code DIR/episodes.jsonl} and scored into {@code DIR/metrics.json}: AgentBench's overall.json
 * (total, validation, custom = the task's calculate_overall: {"overall": {total, pass, wrong,
 * success_rate}}) and Kaizen's counts with the success of each task type under "kaizen".
 */
public final class AlfworldEval {
    /** Settings of one run. */
    public record Settings(Path outDir, int concurrency, int maxStep, boolean progress, String agentName) {}

    private AlfworldEval() {}

    /**
     * @param games opens a game file ({@code Alfworld::load} in real use)
     * @param modelFor the agent for a game: a shared client, or a fresh oracle
     */
    public static EvalReport.Outcome run(List<AlfworldTask> tasks, AlfworldPrompt prompt, Function<Path, AlfworldGame> games,
            Function<AlfworldTask, ChatModel> modelFor, Settings s) {
        EvalReport.createOutDir(s.outDir());
        AlfworldEpisode episode = new AlfworldEpisode(prompt, games, s.maxStep());
        EpisodeRunner runner = new EpisodeRunner(s.outDir(), s.concurrency(), s.progress());
        EpisodeRunner.Summary summary = runner.run("alfworld", tasks.stream().map(AlfworldTask::index).toList(), index -> {
            AlfworldTask task = tasks.get(index);
            long t0 = System.nanoTime();
            AlfworldEpisode.Result r = episode.run(task, modelFor.apply(task));
            Map<String, Object> result = new LinkedHashMap<>(r.toJson());
            result.put("game", task.name());
            result.put("type", task.type().prefix());
            return new EpisodeRecord(index, r.status(), result, r.history(), r.won(), r.log().size(),
                    (System.nanoTime() - t0) / 1_000_000);
        });
        return EvalReport.write(s.outDir(), summary, metrics(tasks, summary, s));
    }

    static Map<String, Object> metrics(List<AlfworldTask> tasks, EpisodeRunner.Summary summary, Settings s) {
        List<EpisodeRecord> done = new ArrayList<>(summary.records().values());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("max_step", s.maxStep());
        extra.put("per_type", EvalReport.successBy(tasks.stream().map(AlfworldTask::type).toList(),
                List.of(AlfworldTaskType.values()), AlfworldTaskType::prefix, done));
        return EvalReport.overall(done, Map.of("overall", EvalReport.successRate(done)),
                EvalReport.kaizenCounts(tasks.size(), done, summary, s.agentName(), extra));
    }
}
