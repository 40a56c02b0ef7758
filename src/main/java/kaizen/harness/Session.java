package kaizen.harness;

import java.util.ArrayList;
import java.util.List;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.core.python.PyStrings;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.ModelUnavailableException;

/**
 * One episode's conversation as AgentBench's task-side {@code Session} keeps it (src/server/task.py
 * of AgentBench v0.2, used by every task): tasks inject messages; a model turn sends a window of the
 * history (see {@link #window}) and appends the reply as {@code content or status}, so an empty reply
 * is stored as "normal" and a context-limit reply as "agent context limit". Not thread-safe: one
 * episode owns it.
 */
public final class Session {
    /** filter_messages keeps the newest messages whose segments, with the first message's, stay under this. */
    public static final int THRESHOLD_SEGMENTS = 3500;

    private final List<Message> history = new ArrayList<>();

    public void inject(Message message) {
        history.add(message);
    }

    /** One model turn: the window of the history goes to the model; the reply joins the history. */
    public ModelReply action(ChatModel model) throws ModelUnavailableException {
        ModelReply reply = model.complete(window(history));
        String stored = switch (reply) {
            case ModelReply.Text t when !t.content().isEmpty() -> t.content();
            case ModelReply.Text t -> "normal";
            case ModelReply.ContextLimit c -> FinishStatus.AGENT_CONTEXT_LIMIT.text();
        };
        history.add(Message.assistant(stored));
        return reply;
    }

    /** The whole history (not the window), as it stands. */
    public List<Message> history() {
        return List.copyOf(history);
    }

    public int size() {
        return history.size();
    }

    /** Replaces the content of the message at {@code index} (negative counts from the end, as in Python). */
    public void rewrite(int index, String content) {
        int i = index < 0 ? history.size() + index : index;
        history.set(i, new Message(history.get(i).role(), content));
    }

    public Message get(int index) {
        return history.get(index < 0 ? history.size() + index : index);
    }

    /**
     * What the model is sent: the reference's filter_messages. The first message (the instruction)
     * always goes; then the newest messages, walking back, while the running segment count (the
     * first message's included) stays under {@link #THRESHOLD_SEGMENTS}; an oldest kept message from
     * the user is dropped so roles alternate; when anything was left out the instruction gets
     * "\n\n[NOTICE] N messages are omitted." appended.
     *
     * @throws IllegalStateException when the history has an even length (the reference asserts)
     */
    public static List<Message> window(List<Message> messages) {
        if (messages.size() % 2 != 1) {
            throw new IllegalStateException("Invalid message length: " + messages.size() + " messages (must be odd)");
        }
        int segments = segments(messages.getFirst().content());
        List<Message> kept = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 1; i--) {
            segments += segments(messages.get(i).content());
            if (segments >= THRESHOLD_SEGMENTS) break;
            kept.add(messages.get(i));
        }
        if (!kept.isEmpty() && kept.getLast().role() == Role.USER) kept.removeLast();
        String instruction = messages.getFirst().content();
        int omitted = messages.size() - kept.size() - 1;
        if (omitted > 0) instruction += "\n\n[NOTICE] " + omitted + " messages are omitted.";
        List<Message> out = new ArrayList<>(kept.size() + 1);
        out.add(new Message(Role.USER, instruction));
        out.addAll(kept.reversed());
        return List.copyOf(out);
    }

    /**
     * The reference's _calc_segments: a run of letters counts once per 7 letters (and once for a
     * shorter tail); every other character but space and newline counts once.
     */
    public static int segments(String text) {
        int segments = 0;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (PyStrings.isAlpha(cp)) {
                run++;
                if (run >= 7) {
                    segments++;
                    run = 0;
                }
            } else {
                if (run > 0) {
                    segments++;
                    run = 0;
                }
                if (cp != ' ' && cp != '\n') segments++;
            }
        }
        return run > 0 ? segments + 1 : segments;
    }
}
