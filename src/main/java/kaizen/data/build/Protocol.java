package kaizen.data.build;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.harness.dbbench.DbBenchActions;

/**
 * The text protocol a source's assistant turns must follow; {@link #problem} names the first
 * turn that breaks it. Checked with the evaluation's own parsing where Kaizen has it (DBBench).
 */
public enum Protocol {
    /** AgentBench DBBench: after the "Ok." turn, each reply is one "Action: Operation" with one sql block, or "Action: Answer" with "Final Answer: [...]"; the last reply answers. */
    DBBENCH("dbbench"),
    /**
     * DBBench's replies in a multi-turn conversation (imported SParC/CoSQL interactions): as {@link #DBBENCH},
     * but an answer may close one question before the user asks the next.
     */
    DBBENCH_MULTITURN("dbbench-multiturn"),
    /** ReAct: each reply has exactly one THOUGHT: line and then exactly one non-empty ACTION: line. */
    REACT("react"),
    /** Plain conversation: alternating user/assistant turns ending with a non-empty assistant reply. */
    CONVERSATION("conversation");

    private static final Pattern ACTION_WORD = Pattern.compile("Action: ");
    private static final Pattern SQL_BLOCK_START = Pattern.compile("```sql\n");
    private static final Pattern THOUGHT_LINE = Pattern.compile("(?m)^THOUGHT:");
    private static final Pattern ACTION_LINE = Pattern.compile("(?m)^ACTION:(.*)$");

    private final String wireName;

    Protocol(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Protocol> fromWire(String name) {
        for (Protocol p : values()) {
            if (p.wireName.equals(name)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Why the conversation breaks the protocol (a reason to count drops by), or empty when it is well formed. */
    public Optional<String> problem(List<Message> messages) {
        return problem(messages, Set.of());
    }

    /**
     * As {@link #problem(List)}, for a conversation whose {@code untrained} assistant turns (weight 0:
     * a deliberate bad turn kept in the context of a recovery example) are not learnt and so are not
     * judged; every trained turn is, and the last reply must be trained.
     */
    public Optional<String> problem(List<Message> messages, Set<Integer> untrained) {
        Optional<String> shape = shape(messages);
        if (shape.isPresent()) return shape;
        if (untrained.contains(messages.size() - 1)) return Optional.of("last reply not trained (weight 0)");
        return trainedTurns(messages, untrained, messages.size());
    }

    /**
     * The check for a DPO rejected candidate: its last reply is the one judged bad, on purpose, so
     * only the shape and the trained replies before it are checked.
     */
    public Optional<String> rejectedProblem(List<Message> messages, Set<Integer> untrained) {
        Optional<String> shape = shape(messages);
        if (shape.isPresent()) return shape;
        return trainedTurns(messages, untrained, messages.size() - 1);
    }

    /** The first protocol problem among the trained assistant turns before {@code end}. */
    private Optional<String> trainedTurns(List<Message> messages, Set<Integer> untrained, int end) {
        for (int i = 0; i < end; i++) {
            Message m = messages.get(i);
            if (m.role() != Role.ASSISTANT || untrained.contains(i) || isDbBenchAcknowledgement(i, m)) continue;
            Optional<String> p = switch (this) {
                case DBBENCH -> dbbenchReply(m.content(), i == messages.size() - 1, false);
                case DBBENCH_MULTITURN -> dbbenchReply(m.content(), i == messages.size() - 1, true);
                case REACT -> reactReply(m.content());
                case CONVERSATION -> m.content().isBlank() ? Optional.of("empty assistant reply") : Optional.empty();
            };
            if (p.isPresent()) return p;
        }
        return Optional.empty();
    }

    private static Optional<String> shape(List<Message> messages) {
        int first = !messages.isEmpty() && messages.get(0).role() == Role.SYSTEM ? 1 : 0;
        if (messages.size() - first < 2) return Optional.of("fewer than two turns");
        for (int i = first; i < messages.size(); i++) {
            Role expected = (i - first) % 2 == 0 ? Role.USER : Role.ASSISTANT;
            if (messages.get(i).role() != expected) return Optional.of("turns do not alternate user/assistant");
        }
        if (messages.getLast().role() != Role.ASSISTANT) return Optional.of("does not end with an assistant reply");
        return Optional.empty();
    }

    /** DBBench's first reply is the fixed "Ok." to the instructions, part of the format. */
    private boolean isDbBenchAcknowledgement(int index, Message m) {
        return (this == DBBENCH || this == DBBENCH_MULTITURN) && index == 1 && m.content().strip().equals("Ok.");
    }

    private static Optional<String> dbbenchReply(String reply, boolean last, boolean answersBeforeLast) {
        int actions = count(ACTION_WORD, reply);
        if (actions != 1) return Optional.of("dbbench reply with " + actions + " 'Action: ' lines (expected 1)");
        String action = DbBenchActions.action(reply).orElse("");
        switch (action) {
            case "Operation" -> {
                int blocks = count(SQL_BLOCK_START, reply);
                if (blocks != 1 || DbBenchActions.sql(reply).isEmpty()) return Optional.of("dbbench operation without exactly one ```sql block");
                if (last) return Optional.of("dbbench conversation ends without an answer");
            }
            case "Answer" -> {
                String answer = DbBenchActions.finalAnswer(reply).orElse("").strip();
                if (!answer.startsWith("[") || !answer.endsWith("]")) return Optional.of("dbbench answer without 'Final Answer: [...]'");
                if (!last && !answersBeforeLast) return Optional.of("dbbench answer before the last reply");
            }
            default -> {
                return Optional.of("dbbench reply with action '" + action + "' (expected Operation or Answer)");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> reactReply(String reply) {
        int thoughts = count(THOUGHT_LINE, reply);
        if (thoughts != 1) return Optional.of("react reply with " + thoughts + " THOUGHT: lines (expected 1)");
        Matcher a = ACTION_LINE.matcher(reply);
        int actions = 0;
        int actionStart = -1;
        String command = "";
        while (a.find()) {
            if (actions++ == 0) {
                actionStart = a.start();
                command = a.group(1).strip();
            }
        }
        if (actions != 1) return Optional.of("react reply with " + actions + " ACTION: lines (expected 1)");
        if (command.isEmpty()) return Optional.of("react reply with an empty ACTION:");
        Matcher t = THOUGHT_LINE.matcher(reply);
        if (t.find() && t.start() > actionStart) return Optional.of("react reply with ACTION: before THOUGHT:");
        return Optional.empty();
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
