package kaizen.data.gen.dbbench;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kaizen.data.gen.dbbench.Sql.Naming;

/**
 * A task before it meets the database: the question, the gold statement (as a function of how
 * names are written, so the expert can make a one-place mistake), the columns it uses, what
 * shape of answer is acceptable, read-only checks that must hold (no ties, one row per key), and
 * the words the expert uses to explain its plan.
 *
 * @param intent what the gold statement does, as a verb phrase ("count the rows whose `Genre` is 'Poetry'")
 * @param filter a category column and value the statement filters on, which the expert may look up first
 * @param followUp a read-only statement the expert may run after a mutation to see its effect
 */
record TaskDraft(String category, String question, Function<Naming, String> sql, List<String> columns, Answer answer,
        List<Check> checks, String intent, Optional<Filter> filter, Optional<String> followUp) {

    /** What the gold result must look like for the task to be kept. */
    enum Answer {
        /** Exactly one distinct value. */
        ONE,
        /** One to {@link GoldRunner#MAX_LIST} distinct values, compared as a set. */
        LIST,
        /** No rows; the table must change (scored by hash). */
        MUTATION
    }

    /** A read-only statement whose observation must equal {@code expected}, else the task is rejected for {@code reason}. */
    record Check(String sql, String expected, String reason) {}

    record Filter(String header, String value) {}

    TaskDraft {
        columns = List.copyOf(columns);
        checks = List.copyOf(checks);
    }

    String goldSql(String table) {
        return sql.apply(Naming.quoted(table));
    }
}
