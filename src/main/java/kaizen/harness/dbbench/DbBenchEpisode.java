package kaizen.harness.dbbench;

import java.util.List;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EpisodeDatabase;
import kaizen.harness.FinishStatus;
import kaizen.harness.Session;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.ModelUnavailableException;

/**
 * Plays one DBBench task with one model, turn for turn as the reference's start_sample does,
 * including its quirks (see docs/FIDELITY.md): a context-limit reply on the first turn is a
 * validation failure; the {@link Session} records an empty reply as "normal" and sends long
 * conversations through the reference's message window; the hash replaces
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
        Session session = new Session();
        session.inject(Message.user(DbBenchPrompt.BIG_PROMPT));
        session.inject(Message.assistant(DbBenchPrompt.OK));
        session.inject(Message.user(task.question()));

        ModelReply first = session.action(model);
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
                session.inject(Message.user(db.execute(sql.get())));
                ModelReply reply = session.action(model);
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
        } catch (ModelUnavailableException e) {
            // The endpoint failed, not the episode: it stays unfinished for the next run.
            throw e;
        } catch (RuntimeException e) {
            error = String.valueOf(e.getMessage());
            answer = "";
            status = FinishStatus.UNKNOWN;
        }
        if (task.isMutation()) answer = db.tableHash();
        return new Result(status, answer, task.type(), error, session.history(), rounds);
    }
}
