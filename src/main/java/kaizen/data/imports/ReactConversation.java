package kaizen.data.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import kaizen.core.Message;

/**
 * Builds a goal-reaching episode in Kaizen's ReAct form, the one the household data and the
 * ALFWorld evaluation use: a first user turn (Kaizen's instruction, the goal, the first
 * observation), then per step an assistant turn {@code THOUGHT: ...\nACTION: ...} and a user turn
 * with what the environment answered. The observation after the last action is dropped so the
 * conversation ends with the agent's reply (training data teaches replies, not observations).
 */
final class ReactConversation {
    /** Kaizen's own wording; the environment-specific sentence comes after it. */
    static final String INSTRUCTION = "You are an agent in a text environment and must reach the goal you are given. "
            + "Each turn, reply with one line \"THOUGHT: ...\" saying what you think, then one line \"ACTION: ...\" "
            + "with exactly one command. The environment answers with what happened.";

    /** Every line terminator the protocol's (?m) patterns recognise. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private final List<Message> messages = new ArrayList<>();
    private String pending;

    /** @param environment one or two sentences on the environment and its commands */
    ReactConversation(String environment, String goalAndFirstObservation) {
        pending = INSTRUCTION + " " + environment + "\n\n" + goalAndFirstObservation.strip();
    }

    /** The agent's step; {@code thought} may be empty when the source has none (gold paths, demonstrations). */
    void act(String thought, String action) {
        if (pending == null) throw new IllegalStateException("two actions without an observation between them");
        messages.add(Message.user(pending));
        messages.add(Message.assistant(reply(thought, action)));
        pending = null;
    }

    /** What the environment answered to the last action (skipped when it is the last turn). */
    void observe(String observation) {
        pending = observation.isBlank() ? "(no output)" : observation.strip();
    }

    int steps() {
        return messages.size() / 2;
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    /** One reply; line breaks of any kind inside the thought or the action become spaces, so it stays two lines. */
    static String reply(String thought, String action) {
        String t = oneLine(thought);
        return (t.isEmpty() ? "THOUGHT:" : "THOUGHT: " + t) + "\nACTION: " + oneLine(action);
    }

    private static String oneLine(String text) {
        return LINE_BREAK.matcher(text).replaceAll(" ").strip();
    }
}
