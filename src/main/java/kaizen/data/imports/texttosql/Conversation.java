package kaizen.data.imports.texttosql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import kaizen.core.Message;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonRepr;
import kaizen.data.gen.dbbench.DbBenchTurns;
import kaizen.harness.dbbench.DbBenchPrompt;

/**
 * One imported DBBench conversation, built turn by turn. The first user turn is DBBench's: the
 * question, then the name-and-headers sentence — one per table, each on its own line, since
 * these databases have several tables where DBBench tasks have one. BIRD's evidence follows the
 * question as a "Hint:" line. The assistant's prose comes from a few templates per step.
 */
final class Conversation {
    private final Schema schema;
    private final RandomGenerator rng;
    private final List<Message> messages = new ArrayList<>();
    private String category = "other";
    private int turns;

    Conversation(Schema schema, RandomGenerator rng) {
        this.schema = schema;
        this.rng = rng;
        messages.add(Message.user(DbBenchPrompt.BIG_PROMPT));
        messages.add(Message.assistant(DbBenchPrompt.OK));
    }

    void add(Dataset.Turn turn, TextToSqlImporter.Passed gold) {
        boolean first = turns == 0;
        if (first) {
            category = category(gold.sqlite());
            messages.add(Message.user(question(turn) + "\n" + description()));
        } else {
            messages.add(Message.user(question(turn)));
        }
        String plan = first
                ? oneOf("I need to query the database to answer this.", "One SQL query answers this.", "Let me write a query for this.")
                : oneOf("Now I adapt the query to this follow-up question.", "For this follow-up I change the previous query.",
                        "Let me run an updated query for the new question.");
        messages.add(Message.assistant(plan + tables(gold.mysql()) + "\n" + DbBenchTurns.operation(gold.mysql())));
        messages.add(Message.user(gold.observation()));
        messages.add(Message.assistant(reading(gold.observation()) + "\n" + lead(gold.answer()) + "\n" + DbBenchTurns.answer(gold.answer())));
        turns++;
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    int turns() {
        return turns;
    }

    /** The DBBench task type the first query looks like (a label for the data card, not a score). */
    String category() {
        return category;
    }

    private static String question(Dataset.Turn turn) {
        String q = turn.question().strip();
        return turn.hint().isBlank() ? q : q + "\nHint: " + turn.hint().strip();
    }

    private String description() {
        return String.join("\n", schema.tables().stream().map(t -> DbBenchTurns.tableSentence(t.name(), t.headers())).toList());
    }

    private String tables(String sql) {
        List<String> used = SqliteToMysql.tablesUsed(sql, schema).stream().map(n -> "`" + n + "`").toList();
        if (used.isEmpty()) return "";
        if (used.size() == 1) return " The data is in the table " + used.getFirst() + ".";
        return " The data is spread over " + String.join(", ", used.subList(0, used.size() - 1)) + " and " + used.getLast()
                + ", so the query combines them.";
    }

    private String reading(String obs) {
        return oneOf("The query returned " + obs + ".", "The output is " + obs + ".", "The database answered " + obs + ".");
    }

    private String lead(List<PyValue> values) {
        if (values.size() == 1) {
            PyValue v = values.getFirst();
            String shown = v instanceof PyStr s ? s.value() : PythonRepr.repr(v);
            return oneOf("So the answer is " + shown + ".", "That gives " + shown + ".");
        }
        return oneOf("So the answer consists of these " + values.size() + " values.", "These " + values.size() + " values are the answer.");
    }

    static String category(String sql) {
        String u = " " + sql.toUpperCase(Locale.ROOT).replaceAll("[^A-Z_]+", " ") + " ";
        if (u.contains(" COUNT ")) return "counting";
        if (u.contains(" ORDER BY ") && u.contains(" LIMIT ")) return "ranking";
        for (String agg : List.of("SUM", "AVG", "MIN", "MAX")) {
            if (u.contains(" " + agg + " ")) return "aggregation-" + agg;
        }
        return "other";
    }

    @SafeVarargs
    private <T> T oneOf(T... options) {
        return options[rng.nextInt(options.length)];
    }
}
