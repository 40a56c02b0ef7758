package kaizen.harness.household;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.env.household.World;
import kaizen.harness.FinishStatus;
import kaizen.harness.ReactRules;
import kaizen.harness.Session;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.ModelUnavailableException;

/**
 * Plays one household world with one model in the THOUGHT/ACTION protocol: the opening of
 * {@link HouseholdPrompt}, then up to max-step turns of model output, its action line
 * ({@link ReactRules#action}) typed into the world as it stands (the world's own parser forgives
 * case and spacing; a command it refuses changes nothing and is answered "Nothing comes of that." or
 * a variant, as in the generated data), and the world's answer with the new available actions.
 * Endings, with AgentBench's statuses: the goal holds after an action (completed, won); an output
 * with no action, or the last 3 outputs identical (agent invalid action); a context-limit reply
 * (agent context limit); max-step turns (task limit reached); an error while playing (unknown).
 */
public final class HouseholdEpisode {
    /**
     * Well above the planner's longest run (29 commands over 12,000 worlds of both splits; most take
     * 5-10), so a model may search less well than the planner and have commands refused.
     */
    public static final int DEFAULT_MAX_STEP = 50;

    private final HouseholdPrompt prompt;
    private final int maxStep;

    public HouseholdEpisode(HouseholdPrompt prompt, int maxStep) {
        if (maxStep < 1) throw new IllegalArgumentException("maxStep must be at least 1");
        this.prompt = prompt;
        this.maxStep = maxStep;
    }

    /** One played turn: the raw output, the action read from it, whether the world accepted it, and its answer. */
    public record Turn(int round, String output, String action, boolean valid, String observation) {
        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("round", round);
            out.put("output", output);
            out.put("action", action);
            out.put("valid", valid);
            out.put("observation", observation);
            return out;
        }
    }

    /**
     * What an episode produced.
     *
     * @param error the exception's message when status is unknown, else ""
     */
    public record Result(FinishStatus status, boolean won, List<Turn> log, List<Message> history, String error) {
        public Result {
            log = List.copyOf(log);
            history = List.copyOf(history);
        }

        /** Commands the world refused. */
        public long invalidActions() {
            return log.stream().filter(t -> !t.valid()).count();
        }

        /** The episode's result block: won, steps, refused commands, the turn log (and the error when unknown). */
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("result", won);
            out.put("steps", log.size());
            out.put("invalid_actions", invalidActions());
            out.put("log", log.stream().map(Turn::toJson).toList());
            if (status == FinishStatus.UNKNOWN) out.put("error", error);
            return out;
        }
    }

    /** @throws ModelUnavailableException when the model cannot answer: the episode is unfinished */
    public Result run(HouseholdTask task, ChatModel model) throws ModelUnavailableException {
        Session session = new Session();
        List<Turn> log = new ArrayList<>();
        try {
            World world = task.world();
            session.inject(Message.user(prompt.opening(world)));
            for (int i = 0; i < maxStep; i++) {
                ModelReply reply = session.action(model);
                if (!(reply instanceof ModelReply.Text text)) return end(FinishStatus.AGENT_CONTEXT_LIMIT, false, log, session);
                Optional<String> action = ReactRules.action(text.content()).filter(a -> !a.isEmpty());
                if (action.isEmpty()) return end(FinishStatus.AGENT_INVALID_ACTION, false, log, session);
                World.Feedback fb = world.step(action.get());
                log.add(new Turn(i + 1, text.content(), action.get(), fb.valid(), fb.text()));
                if (fb.goalMet()) return end(FinishStatus.COMPLETED, true, log, session);
                session.inject(Message.user(prompt.observation(fb.text(), world)));
                if (ReactRules.repeating(log.stream().map(Turn::output).toList())) {
                    return end(FinishStatus.AGENT_INVALID_ACTION, false, log, session);
                }
            }
            return end(FinishStatus.TASK_LIMIT_REACHED, false, log, session);
        } catch (ModelUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(FinishStatus.UNKNOWN, false, log, session.history(), message);
        }
    }

    private static Result end(FinishStatus status, boolean won, List<Turn> log, Session session) {
        return new Result(status, won, log, session.history(), "");
    }
}
