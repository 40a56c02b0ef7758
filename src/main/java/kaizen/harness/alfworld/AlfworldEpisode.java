package kaizen.harness.alfworld;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kaizen.core.Message;
import kaizen.env.alfworld.AlfworldGame;
import kaizen.harness.FinishStatus;
import kaizen.harness.ReactRules;
import kaizen.harness.Session;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.ModelUnavailableException;

/**
 * Plays one ALFWorld game with one model, turn for turn as the reference's alfworld_run does (see
 * docs/FIDELITY.md): the opening of {@link AlfworldPrompt}; then up to max_step turns of model
 * output, {@link AlfworldActions#command}, the game's answer with the new available actions (the
 * previous observation loses its list once the model has answered it). Endings: the game is done
 * (completed; won or not), no action in the output or the last 3 outputs identical (agent invalid
 * action, checked before "done", from the 4th step on), a context-limit reply (agent context
 * limit), max_step turns (task limit reached), an error while playing (unknown).
 */
public final class AlfworldEpisode {
    /** max_step of the competition's configs/tasks/alfworld.yaml (the code's default is 50). */
    public static final int DEFAULT_MAX_STEP = 35;

    private final AlfworldPrompt prompt;
    private final Function<Path, AlfworldGame> games;
    private final int maxStep;

    /**
     * @param games opens a game file ({@code Alfworld::load} in real use)
     */
    public AlfworldEpisode(AlfworldPrompt prompt, Function<Path, AlfworldGame> games, int maxStep) {
        this.prompt = prompt;
        this.games = games;
        this.maxStep = maxStep;
    }

    /** One played step: the reference's log entry. */
    public record LogEntry(int round, String output, String action, List<String> admissibleCommands, String observation,
            boolean done) {
        public LogEntry {
            admissibleCommands = List.copyOf(admissibleCommands);
        }

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("round", round);
            out.put("output", output);
            out.put("action", action);
            out.put("admissible_commands", admissibleCommands);
            out.put("observation", observation);
            out.put("done", done);
            return out;
        }
    }

    /**
     * What an episode produced.
     *
     * @param ended how the game stood at the end: {@code Optional.of(won)} when it reported done,
     *     empty when the episode ended otherwise
     * @param error the exception's message when status is unknown, else ""
     */
    public record Result(FinishStatus status, Optional<Boolean> ended, String initPrompt, List<LogEntry> log,
            List<Message> history, String error) {
        public Result {
            log = List.copyOf(log);
            history = List.copyOf(history);
        }

        public boolean won() {
            return ended.orElse(false);
        }

        /**
         * The reference's result dict (log_info): the log, the init prompt and "result" — the game's
         * won flag when it was done, 0 when not; on an error only {"result": false, "error": ...}.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            if (status == FinishStatus.UNKNOWN) {
                out.put("result", false);
                out.put("error", error);
                return out;
            }
            out.put("log", log.stream().map(LogEntry::toJson).toList());
            out.put("init_prompt", initPrompt);
            out.put("result", ended.<Object>map(w -> w).orElse(0));
            return out;
        }
    }

    /**
     * @throws ModelUnavailableException when the model cannot answer: the episode is unfinished
     * @throws RuntimeException when the game file cannot be loaded (the reference builds the
     *     environment outside its error handling, so that is a task error, not an episode)
     */
    public Result run(AlfworldTask task, ChatModel model) throws ModelUnavailableException {
        AlfworldGame game = games.apply(task.gameFile());
        Session session = new Session();
        List<LogEntry> log = new ArrayList<>();
        String initPrompt = "";
        try {
            AlfworldGame.Step state = game.reset();
            List<Message> opening = prompt.opening(task.type(), state.observation(), state.admissibleCommands());
            opening.forEach(session::inject);
            initPrompt = opening.getLast().content();
            for (int i = 0; i < maxStep; i++) {
                ModelReply reply = session.action(model);
                if (!(reply instanceof ModelReply.Text text)) {
                    return new Result(FinishStatus.AGENT_CONTEXT_LIMIT, Optional.empty(), initPrompt, log, session.history(), "");
                }
                List<String> admissible = state.admissibleCommands();
                Optional<String> action = AlfworldActions.command(text.content(), admissible);
                if (action.isEmpty()) {
                    return new Result(FinishStatus.AGENT_INVALID_ACTION, Optional.empty(), initPrompt, log, session.history(), "");
                }
                session.rewrite(-2, AlfworldPrompt.withoutActions(session.get(-2).content()));
                state = game.step(action.get());
                String observation = AlfworldActions.observation(state.observation());
                session.inject(Message.user(observation + AlfworldPrompt.availableActions(state.admissibleCommands())));
                log.add(new LogEntry(i + 1, text.content(), action.get(), admissible, observation, state.done()));
                if (repeating(log)) {
                    return new Result(FinishStatus.AGENT_INVALID_ACTION, Optional.empty(), initPrompt, log, session.history(), "");
                }
                if (state.done()) {
                    return new Result(FinishStatus.COMPLETED, Optional.of(state.won()), initPrompt, log, session.history(), "");
                }
            }
            return new Result(FinishStatus.TASK_LIMIT_REACHED, Optional.empty(), initPrompt, log, session.history(), "");
        } catch (ModelUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(FinishStatus.UNKNOWN, Optional.empty(), initPrompt, log, session.history(), message);
        }
    }

    private static boolean repeating(List<LogEntry> log) {
        return ReactRules.repeating(log.stream().map(LogEntry::output).toList());
    }
}
