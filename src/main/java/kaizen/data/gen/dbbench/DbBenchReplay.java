package kaizen.data.gen.dbbench;

import java.util.List;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.env.db.DbEnvironment;
import kaizen.harness.FinishStatus;
import kaizen.harness.dbbench.DbBenchEpisode;
import kaizen.harness.dbbench.DbBenchScoring;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;

/**
 * Replays a stored DBBench trajectory through the real episode loop on a fresh database: the
 * trajectory's assistant turns are sent as the model's replies, and the evaluation produces the
 * observations and the score. A trajectory is sound when the replayed conversation is identical
 * (every observation reproduces) and the scoring counts it correct.
 */
public final class DbBenchReplay {
    private DbBenchReplay() {}

    public record Replayed(List<Message> history, FinishStatus status, boolean correct, boolean identical) {
        public boolean sound() {
            return identical && correct && status == FinishStatus.COMPLETED;
        }
    }

    /** The generator's tasks.jsonl as tasks by their {@code kaizen.id} (the trajectories' task id). */
    public static java.util.Map<String, DbBenchTask> tasksById(java.nio.file.Path tasksFile) {
        java.util.Map<String, DbBenchTask> out = new java.util.HashMap<>();
        int[] index = {0};
        kaizen.core.Jsonl.forEach(tasksFile, r -> out.put(r.node().path("kaizen").path("id").asText(), DbBenchTask.parse(index[0]++, r)));
        return out;
    }

    public static Replayed replay(DbEnvironment env, DbBenchTask task, Trajectory trajectory) {
        // The assistant turns after the protocol's scripted "Ok.", in order.
        List<String> replies = trajectory.messages().stream().filter(m -> m.role() == Role.ASSISTANT).skip(1)
                .map(Message::content).toList();
        ChatModel scripted = messages -> {
            int turn = (int) messages.stream().filter(m -> m.role() == Role.ASSISTANT).count() - 1;
            return new ModelReply.Text(turn < replies.size() ? replies.get(turn) : "");
        };
        DbBenchEpisode.Result r = new DbBenchEpisode(env, DbBenchEpisode.DEFAULT_MAX_ROUND).run(task, scripted);
        boolean correct = DbBenchScoring.isCorrect(new DbBenchScoring.Outcome(r.type(), r.answer()), task.target());
        return new Replayed(r.history(), r.status(), correct, r.history().equals(trajectory.messages()));
    }
}
