package kaizen.data.gen.dbbench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import kaizen.core.python.PyFloat;
import kaizen.core.python.PyInt;
import kaizen.core.python.PyList;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyTuple;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonLiteral;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EpisodeDatabase;
import kaizen.env.db.ObservationReader;

/**
 * Runs a draft's gold SQL on a real episode database, through the same {@link
 * EpisodeDatabase#execute} the evaluation uses, and decides whether the task is kept: the answer
 * of a query is what the observation shows; a mutation's answer is the table hash afterwards
 * ({@link EpisodeDatabase#tableHash}, the evaluation's hash).
 */
final class GoldRunner {
    /** Most distinct values a list answer may have. */
    static final int MAX_LIST = 12;

    /** An observation that is an error as mysql.connector prints it: "1054 (42S22): ...". */
    static final Pattern ERROR = Pattern.compile("^\\d{4} \\([0-9A-Z]{5}\\): .*", Pattern.DOTALL);

    static final String NOT_LITERAL = "observation is not a Python literal list of one-value rows";

    private GoldRunner() {}

    sealed interface Gold {}

    /** A kept query task: the distinct answer values in result order. */
    record Answer(List<PyValue> values) implements Gold {}

    /** A kept mutation task: the table hash after the gold statement, as answer_md5 stores it. */
    record Hash(String md5) implements Gold {}

    record Rejected(String reason) implements Gold {}

    static Gold run(DbEnvironment env, SynthTable table, TaskDraft draft) {
        try (EpisodeDatabase db = env.open(table.spec())) {
            if (!db.buildError().isEmpty()) return new Rejected("table build failed: " + db.buildError());
            for (TaskDraft.Check c : draft.checks()) {
                if (!db.execute(c.sql()).equals(c.expected())) return new Rejected(c.reason());
            }
            String sql = draft.goldSql(table.name());
            if (draft.answer() == TaskDraft.Answer.MUTATION) {
                String before = db.tableHash();
                String obs = db.execute(sql);
                if (!obs.equals("[]")) return new Rejected("gold SQL failed: " + obs);
                String after = db.tableHash();
                return after.equals(before) ? new Rejected("mutation changes nothing") : new Hash(after);
            }
            return answer(db.execute(sql), draft.answer());
        }
    }

    static Gold answer(String obs, TaskDraft.Answer shape) {
        if (ERROR.matcher(obs).matches()) return new Rejected("gold SQL failed: " + obs);
        if (obs.endsWith(ObservationReader.TRUNCATED)) return new Rejected("answer too long for an observation");
        Optional<List<PyValue>> values = cells(obs);
        if (values.isEmpty()) return new Rejected(NOT_LITERAL);
        List<PyValue> distinct = List.copyOf(new LinkedHashSet<>(values.get()));
        if (distinct.isEmpty()) return new Rejected("empty answer");
        for (PyValue v : distinct) {
            if (v instanceof kaizen.core.python.PyNone) return new Rejected("NULL in the answer");
            if (!(v instanceof PyStr || v instanceof PyInt || v instanceof PyFloat)) return new Rejected("answer holds " + v.typeName());
        }
        if (shape == TaskDraft.Answer.ONE && distinct.size() != 1) return new Rejected("ambiguous (several answers)");
        if (distinct.size() > MAX_LIST) return new Rejected("too many answers");
        return new Answer(distinct);
    }

    /** The cells of a one-column result, read back from the observation text (a Python literal). */
    static Optional<List<PyValue>> cells(String obs) {
        Optional<PyValue> v = PythonLiteral.eval(obs);
        if (v.isEmpty() || !(v.get() instanceof PyList rows)) return Optional.empty();
        List<PyValue> out = new ArrayList<>();
        for (PyValue row : rows.items()) {
            if (!(row instanceof PyTuple tuple) || tuple.items().size() != 1) return Optional.empty();
            out.add(tuple.items().getFirst());
        }
        return Optional.of(out);
    }
}
