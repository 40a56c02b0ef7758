package kaizen.harness.dbbench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kaizen.core.python.PyStrings;

/**
 * The reference's parsing of a model reply: the first {@code Action: (.*?)\n}, the first
 * {@code ```sql\n...\n```} block, and {@code \nFinal Answer:(.*)}. UNIX_LINES makes '.' stop
 * only at '\n', as Python's re does.
 */
public final class DbBenchActions {
    private static final Pattern ACTION = Pattern.compile("Action: (.*?)\n", Pattern.UNIX_LINES);
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\n([\\s\\S]*?)\n```", Pattern.UNIX_LINES);
    private static final Pattern FINAL_ANSWER = Pattern.compile("\nFinal Answer:(.*)", Pattern.UNIX_LINES);

    private DbBenchActions() {}

    /** The action word, or empty when the reply has no "Action: ...\n". */
    public static Optional<String> action(String reply) {
        Matcher m = ACTION.matcher(reply);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The SQL to run: the first sql block, stripped, newlines turned into spaces. */
    public static Optional<String> sql(String reply) {
        Matcher m = SQL_BLOCK.matcher(reply);
        if (!m.find()) return Optional.empty();
        return Optional.of(PyStrings.strip(m.group(1)).replace("\n", " "));
    }

    /** The text after "\nFinal Answer:" up to the end of that line, or empty when absent. */
    public static Optional<String> finalAnswer(String reply) {
        Matcher m = FINAL_ANSWER.matcher(reply);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
