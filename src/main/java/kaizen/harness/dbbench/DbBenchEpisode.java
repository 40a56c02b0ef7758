package kaizen.harness.dbbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EpisodeDatabase;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.ModelUnavailableException;

/**
 * Plays one DBBench task with one model, turn for turn as the reference's start_sample does,
 * including its quirks (see docs/FIDELITY.md): a context-limit reply on the first turn is a
 * validation failure; an empty reply is recorded in the history as "normal"; the hash replaces
 * the answer of mutation tasks whatever the model said.
 */
public final class DbBenchEpisode {
    /** The reference's max_round default for DBBench (configs/tasks/dbbench.yaml). */
    public static final int DEFAULT_MAX_ROUND = 15;

    private final DbEnvironment env;
    private final int maxRound;

    public DbBenchEpisode(DbEnvironment env, int maxRound) {
        this.env = env;
        this.maxRound = maxRound;
    }

    /** What an episode produced: the reference's TaskOutput fields. */
    public record Result(FinishStatus status, String answer, String type, String error, List<Message> history, int rounds) {}

    public Result run(DbBenchTask task, ChatModel model) throws ModelUnavailableException {
        try (EpisodeDatabase db = env.open(task.table())) {
            return play(task, model, db);
        }
    }

    private Result play(DbBenchTask task, ChatModel model, EpisodeDatabase db) throws ModelUnavailableException {
        List<Message> history = new ArrayList<>();
        history.add(Message.user(DbBenchPrompt.BIG_PROMPT));
        history.add(Message.assistant(DbBenchPrompt.OK));
        history.add(Message.user(task.question()));

        ModelReply first = act(model, history);
        String res = first instanceof ModelReply.Text t ? t.content() : "";
        FinishStatus status = FinishStatus.COMPLETED;
        String answer = "";
        String error = "";
        int rounds = 0;
        try {
            Optional<String> action = DbBenchActions.action(res);
            boolean broke = false;
            while (action.isPresent() && action.get().equals("Operation") && rounds < maxRound) {
                Optional<String> sql = DbBenchActions.sql(res);
                if (sql.isEmpty()) {
                    status = FinishStatus.AGENT_VALIDATION_FAILED;
                    broke = true;
                    break;
                }
                history.add(Message.user(db.execute(sql.get())));
                ModelReply reply = act(model, history);
                if (reply instanceof ModelReply.ContextLimit) {
                    status = FinishStatus.AGENT_CONTEXT_LIMIT;
                    broke = true;
                    break;
                }
                res = ((ModelReply.Text) reply).content();
                action = DbBenchActions.action(res);
                rounds++;
            }
            if (!broke) {
                Optional<String> fa = DbBenchActions.finalAnswer(res);
                if (fa.isPresent()) {
                    answer = fa.get();
                } else {
                    answer = "";
                    status = FinishStatus.AGENT_VALIDATION_FAILED;
                }
                if (rounds >= maxRound && answer.isEmpty()) status = FinishStatus.TASK_LIMIT_REACHED;
            }
        } catch (RuntimeException e) {
            error = String.valueOf(e.getMessage());
            answer = "";
            status = FinishStatus.UNKNOWN;
        }
        if (task.isMutation()) answer = db.tableHash();
        return new Result(status, answer, task.type(), error, List.copyOf(history), rounds);
    }

    /**
     * One model turn, appended to the history the way the reference's Session.action does:
     * {@code content or status}, so an empty reply is stored as "normal" and a context-limit
     * reply as "agent context limit".
     */
    private static ModelReply act(ChatModel model, List<Message> history) throws ModelUnavailableException {
        ModelReply reply = model.complete(List.copyOf(history));
        String stored = switch (reply) {
            case ModelReply.Text t when !t.content().isEmpty() -> t.content();
            case ModelReply.Text t -> "normal";
            case ModelReply.ContextLimit c -> FinishStatus.AGENT_CONTEXT_LIMIT.text();
        };
        history.add(Message.assistant(stored));
        return reply;
    }
}
