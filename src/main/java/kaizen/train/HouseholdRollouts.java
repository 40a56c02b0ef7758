package kaizen.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kaizen.env.household.World;
import kaizen.harness.household.HouseholdEpisode;
import kaizen.harness.household.HouseholdEval;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.train.reward.HouseholdReward;

/**
 * Household worlds through the harness's household protocol (kaizen.harness.household, the loop
 * {@code kaizen eval household} plays). Training task k is slot k of the training split's run seed
 * {@code seed}; the held-out tasks are slots 0..n-1 of the held-out split with {@code --seed heldOutSeed},
 * i.e. exactly what {@code kaizen eval household --split held-out --seed heldOutSeed --count n} plays.
 * The reward replays the episode's commands on a fresh copy of the world (worlds are deterministic)
 * and reads goal and subgoals from the world as the episode left it.
 */
public final class HouseholdRollouts implements RolloutTasks {
    private final long runSeed;
    private final long heldOutSeed;
    private final int maxTurns;
    private final List<HouseholdTask> heldOutWorlds;
    private final List<Task> heldOut;
    private final HouseholdEpisode episode;
    private final double partialWeight;

    public HouseholdRollouts(long seed, long heldOutSeed, int heldOutCount, int maxTurns, double partialWeight) {
        this.runSeed = HouseholdSplit.TRAIN.runSeed(seed);
        this.episode = new HouseholdEpisode(HouseholdPrompt.DEFAULT, maxTurns);
        this.partialWeight = partialWeight;
        this.heldOutSeed = heldOutSeed;
        this.maxTurns = maxTurns;
        this.heldOutWorlds = heldOutCount == 0 ? List.of() : HouseholdTask.of(HouseholdSplit.HELD_OUT, heldOutSeed, heldOutCount);
        this.heldOut = heldOutWorlds.stream().map(t -> (Task) new Played(t)).toList();
    }

    @Override
    public Task training(long k) {
        return new Played(HouseholdTask.slot(runSeed, Math.toIntExact(k)));
    }

    @Override
    public List<Task> heldOut() {
        return heldOut;
    }

    @Override
    public Map<String, Object> heldOutMetrics(List<Integer> taskOf, List<EpisodeRecord> episodes, String agent, Map<String, Object> extra) {
        Map<Integer, HouseholdTask> byIndex = RolloutTasks.byEpisodeIndex(taskOf, episodes, heldOutWorlds);
        List<HouseholdTask> taskAt = new ArrayList<>();
        for (int index = 0; index < byIndex.size(); index++) {
            HouseholdTask world = byIndex.get(index);
            if (world == null) throw new IllegalStateException("held-out episode indices are not 0.." + (byIndex.size() - 1));
            taskAt.add(world);
        }
        Map<String, Object> settings = HouseholdEval.settings(HouseholdSplit.HELD_OUT, heldOutSeed, maxTurns, HouseholdPrompt.DEFAULT);
        settings.putAll(extra);
        return HouseholdEval.metrics(taskAt, episodes, 0, agent, settings);
    }

    private final class Played implements Task {
        private final HouseholdTask task;

        Played(HouseholdTask task) {
            this.task = task;
        }

        @Override
        public String id() {
            return task.id();
        }

        @Override
        public String kind() {
            return task.family().name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public RolloutTasks.Played play(ChatModel model) throws ModelUnavailableException {
            HouseholdEval.PlayedEpisode played = HouseholdEval.played(episode, task.index(), task, model);
            World world = task.world();
            for (HouseholdEpisode.Turn t : played.result().log()) world.step(t.action());
            return new RolloutTasks.Played(HouseholdReward.of(world, partialWeight), played.record());
        }
    }
}
