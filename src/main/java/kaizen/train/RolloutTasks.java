package kaizen.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.train.reward.EpisodeReward;

/**
 * Where GRPO's prompts come from: synthetic tasks only (Kaizen's household worlds, tasks from
 * {@code kaizen data gen dbbench}), never AgentBench or ALFWorld. Each task is played through the
 * same harness episode loop the evaluation uses and scored by a reward component.
 */
public interface RolloutTasks extends AutoCloseable {
    /** The k-th task of the training stream: a function of k alone, so a resumed run sees the same prompts. */
    Task training(long k);

    /** The held-out tasks, disjoint from every training task. */
    List<Task> heldOut();

    /**
     * The metrics.json the evaluation of these tasks writes ({@code kaizen eval household|dbbench}:
     * AgentBench's blocks, Kaizen's counts with {@code agent} and {@code extra} under "kaizen") for
     * held-out episodes, episode i having played {@code heldOut().get(taskOf.get(i))}.
     */
    Map<String, Object> heldOutMetrics(List<Integer> taskOf, List<EpisodeRecord> episodes, String agent, Map<String, Object> extra);

    /** Which held-out task each episode played, keyed by the episode's index (episode i played {@code tasks.get(taskOf.get(i))}). */
    static <T> Map<Integer, T> byEpisodeIndex(List<Integer> taskOf, List<EpisodeRecord> episodes, List<T> tasks) {
        if (taskOf.size() != episodes.size()) throw new IllegalArgumentException(taskOf.size() + " task positions for " + episodes.size() + " episodes");
        Map<Integer, T> byIndex = new HashMap<>();
        for (int i = 0; i < episodes.size(); i++) byIndex.put(episodes.get(i).index(), tasks.get(taskOf.get(i)));
        return byIndex;
    }

    @Override
    default void close() {}

    interface Task {
        String id();

        /** The task's kind (household: its family; DBBench: its query type), for success by kind. */
        String kind();

        /** Plays one episode with {@code model} and scores it. */
        Played play(ChatModel model) throws ModelUnavailableException;
    }

    /**
     * An episode's score and its record as the harness's evaluation writes it to episodes.jsonl
     * (finish status, result with the turn log, conversation), so GRPO's held-out episodes can be
     * read by {@code kaizen report} like any evaluation run.
     */
    record Played(EpisodeReward reward, EpisodeRecord record) {
        /** How the episode finished: the harness's finish status, as text. */
        String status() {
            return record.status().text();
        }

        /** For an episode the harness ended on an error (status "unknown", "task error"), that error; else "". */
        String error() {
            return record.resultText("error");
        }

        /**
         * The reward the advantages are computed from: the environment's, less {@code invalidPenalty}
         * when the harness ended the episode as "agent invalid action" (no action in a reply, or the
         * same reply three times running), so that such an ending ranks below a failure that went on
         * playing, which might still have succeeded.
         */
        double shaped(double invalidPenalty) {
            return reward.reward() - (record.status() == FinishStatus.AGENT_INVALID_ACTION ? invalidPenalty : 0.0);
        }
    }
}
