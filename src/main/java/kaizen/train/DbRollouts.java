package kaizen.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.KaizenException;
import kaizen.env.db.DbEnvironment;
import kaizen.harness.dbbench.DbBenchEpisode;
import kaizen.harness.dbbench.DbBenchEval;
import kaizen.harness.dbbench.DbBenchScoring;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.train.reward.DbReward;

/**
 * DB tasks from {@code kaizen data gen dbbench} (AgentBench's task format; never AgentBench's own
 * tasks) through the harness's DBBench episode loop on the real database. The last
 * {@code heldOut} tasks of the file are held out; training task k is task k mod (the rest).
 */
public final class DbRollouts implements RolloutTasks {
    private final List<DbBenchTask> training;
    private final List<DbBenchTask> heldOutTasks;
    private final List<Task> heldOut;
    private final DbBenchEpisode episode;
    private final double partialWeight;
    private final int maxRound;

    public DbRollouts(Path file, DbEnvironment env, int heldOutCount, int maxRound, double partialWeight) {
        List<DbBenchTask> all = DbBenchTask.load(file);
        if (all.size() <= heldOutCount) {
            throw new KaizenException(file + " holds " + all.size() + " tasks: too few to hold out " + heldOutCount + " and train on the rest");
        }
        this.training = all.subList(0, all.size() - heldOutCount);
        this.episode = new DbBenchEpisode(env, maxRound);
        this.maxRound = maxRound;
        this.partialWeight = partialWeight;
        this.heldOutTasks = List.copyOf(all.subList(all.size() - heldOutCount, all.size()));
        this.heldOut = heldOutTasks.stream().map(t -> (Task) new Played(t)).toList();
    }

    @Override
    public Task training(long k) {
        return new Played(training.get((int) (k % training.size())));
    }

    @Override
    public List<Task> heldOut() {
        return heldOut;
    }

    @Override
    public Map<String, Object> heldOutMetrics(List<Integer> taskOf, List<EpisodeRecord> episodes, String agent, Map<String, Object> extra) {
        Map<Integer, DbBenchTask> byIndex = RolloutTasks.byEpisodeIndex(taskOf, episodes, heldOutTasks);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("max_round", maxRound);
        settings.putAll(extra);
        return DbBenchEval.metrics(episodes.size(), episodes, r -> Optional.ofNullable(byIndex.get(r.index())), 0, agent, settings);
    }

    private final class Played implements Task {
        private final DbBenchTask task;

        Played(DbBenchTask task) {
            this.task = task;
        }

        @Override
        public String id() {
            return "dbbench-" + task.index();
        }

        @Override
        public String kind() {
            return task.type();
        }

        @Override
        public RolloutTasks.Played play(ChatModel model) throws ModelUnavailableException {
            EpisodeRecord record = DbBenchEval.play(episode, task.index(), task, model);
            var outcome = new DbBenchScoring.Outcome(record.resultText("type"), record.resultText("answer"));
            return new RolloutTasks.Played(DbReward.of(outcome, task.target(), partialWeight), record);
        }
    }
}
