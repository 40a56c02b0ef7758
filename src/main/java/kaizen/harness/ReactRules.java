package kaizen.harness;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kaizen.core.python.PyStrings;

/**
 * The THOUGHT:/ACTION: protocol's two rules that every text-world evaluation shares (ALFWorld and
 * Kaizen's household world): how an action is read from a model output, and when repeated outputs
 * end an episode. Both follow AgentBench's alfworld task (utils.py process_action, the loop check of
 * alfworld_run). UNIX_LINES makes '.' stop only at '\n', as in Python's re.
 */
public final class ReactRules {
    private static final Pattern ACTION = Pattern.compile("ACTION:(.*)", Pattern.UNIX_LINES);
    /** So many identical outputs in a row end the episode. */
    public static final int REPEATS = 3;

    private ReactRules() {}

    /**
     * The action line of a model output: the text after the first "ACTION:" up to the end of its
     * line, stripped and lower-cased; empty when the output has no "ACTION:" or nothing after it.
     */
    public static Optional<String> action(String output) {
        Matcher m = ACTION.matcher(output);
        if (!m.find()) return Optional.empty();
        String action = PyStrings.lower(PyStrings.strip(m.group(1)));
        int newline = action.indexOf('\n');
        if (newline >= 0) action = action.substring(0, newline);
        return Optional.of(action);
    }

    /** More than {@link #REPEATS} steps played and the last {@link #REPEATS} raw outputs are one and the same text. */
    public static boolean repeating(List<String> outputs) {
        if (outputs.size() <= REPEATS) return false;
        String last = outputs.getLast();
        for (int k = 2; k <= REPEATS; k++) {
            if (!outputs.get(outputs.size() - k).equals(last)) return false;
        }
        return true;
    }
}
