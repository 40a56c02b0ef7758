package kaizen.data.gen.dbbench;

import java.util.List;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonRepr;

/**
 * The pieces of DBBench's text protocol that every writer of DBBench trajectories shares (the
 * synthetic expert and the text-to-SQL importers): the table sentence of the question turn, an
 * operation, a final answer.
 */
public final class DbBenchTurns {
    private DbBenchTurns() {}

    /**
     * The sentence that tells the agent a table's name and headers. This is the DBBench input
     * format the agent meets at evaluation, not task content, so it is reproduced word for word.
     */
    public static String tableSentence(String table, List<String> headers) {
        return "The name of this table is " + table + ", and the headers of this table are " + String.join(",", headers) + ".";
    }

    /** An operation: the action line and one sql block, as the prompt's example writes it. */
    public static String operation(String sql) {
        return "Action: Operation\n```sql\n" + sql + "\n```";
    }

    /** The answer action with its final answer. */
    public static String answer(List<PyValue> values) {
        return "Action: Answer\nFinal Answer: " + finalAnswer(values);
    }

    /**
     * The answer as a Python list literal, strings in double quotes as the protocol's example
     * shows ({@code ["ANSWER1", "ANSWER2", ...]}) when that is the same literal, else Python's repr.
     */
    public static String finalAnswer(List<PyValue> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) out.append(", ");
            PyValue v = values.get(i);
            if (v instanceof PyStr s && plainText(s.value())) out.append('"').append(s.value()).append('"');
            else PythonRepr.repr(out, v);
        }
        return out.append(']').toString();
    }

    private static boolean plainText(String s) {
        return s.codePoints().allMatch(cp -> cp != '"' && cp != '\\' && PythonRepr.isPrintable(cp));
    }
}
