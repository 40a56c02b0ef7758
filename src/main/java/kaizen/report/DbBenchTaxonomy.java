package kaizen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.core.python.PyList;
import kaizen.core.python.PyTuple;
import kaizen.core.python.PyValue;
import kaizen.core.python.PyStrings;
import kaizen.core.python.PythonLiteral;
import kaizen.env.db.MysqlErrorText;
import kaizen.harness.FinishStatus;
import kaizen.harness.dbbench.DbBenchActions;
import kaizen.harness.runner.EpisodeRecord;

/**
 * Reads a DBBench transcript with the harness's own parser ({@link DbBenchActions}) and classifies a
 * failed episode. The history is the reference's: the prompt, "Ok.", the question, then model replies
 * and SQL outputs in turn.
 */
final class DbBenchTaxonomy {
    /** The prompt, the scripted "Ok." and the question. */
    static final int OPENING = 3;
    private static final String CONTEXT_LIMIT_REPLY = FinishStatus.AGENT_CONTEXT_LIMIT.text();

    private DbBenchTaxonomy() {}

    static EpisodeView read(EpisodeRecord r) {
        List<Message> history = r.history();
        int opening = Math.min(OPENING, history.size());
        List<Turn> turns = new ArrayList<>();
        for (int i = opening, n = 1; i < history.size(); i += 2, n++) {
            String output = history.get(i).content();
            String observation = i + 1 < history.size() ? history.get(i + 1).content() : "";
            String note = !observation.isEmpty() && MysqlErrorText.isError(observation) ? "the SQL statement failed" : "";
            turns.add(new Turn(n, output, parsedAction(output), observation, note));
        }
        return new EpisodeView(r, r.resultText("type"), history.subList(0, opening), turns, classify(r, turns));
    }

    /** What the harness does with a reply, in words: the SQL it runs, the answer it takes, or nothing. */
    static String parsedAction(String reply) {
        Optional<String> action = DbBenchActions.action(reply);
        if (action.isPresent() && action.get().equals("Operation")) {
            return DbBenchActions.sql(reply).map(sql -> "SQL: " + sql).orElse("Operation without a ```sql block");
        }
        return DbBenchActions.finalAnswer(reply).map(a -> "Final Answer:" + a).orElse("");
    }

    static Verdict classify(EpisodeRecord r, List<Turn> turns) {
        if (r.correct()) return new Verdict.Success();
        int last = turns.size();
        String reply = turns.isEmpty() ? "" : turns.getLast().output();
        switch (r.status()) {
            case AGENT_CONTEXT_LIMIT:
                return new Verdict.Failure(FailureClass.CONTEXT_LIMIT, last, "the conversation no longer fit the context window");
            case TASK_LIMIT_REACHED:
                return new Verdict.Failure(FailureClass.STEP_LIMIT, last, "still running SQL after " + r.rounds() + " rounds");
            case AGENT_VALIDATION_FAILED:
                return malformed(reply, last);
            case COMPLETED:
                return wrongAnswer(r, turns, reply, last);
            default:
                return new Verdict.Failure(FailureClass.OTHER, last, "status '" + r.status().text() + "'"
                        + (r.resultText("error").isEmpty() ? "" : ": " + r.resultText("error")));
        }
    }

    /** A reply the harness could not act on (status 'agent validation failed'). */
    private static Verdict malformed(String reply, int turn) {
        // The harness records a context-limit reply on the first turn as a validation failure.
        if (reply.equals(CONTEXT_LIMIT_REPLY)) {
            return new Verdict.Failure(FailureClass.CONTEXT_LIMIT, turn, "the first prompt already exceeded the context window");
        }
        Optional<String> action = DbBenchActions.action(reply);
        if (action.isPresent() && action.get().equals("Operation")) {
            return new Verdict.Failure(FailureClass.FORMAT_VIOLATION, turn, "'Action: Operation' without a ```sql block");
        }
        if (action.isPresent() && action.get().strip().equals("Answer")) {
            return new Verdict.Failure(FailureClass.WRONG_ANSWER_FORMAT, turn, "'Action: Answer' without a 'Final Answer:' line");
        }
        return new Verdict.Failure(FailureClass.FORMAT_VIOLATION, turn, action.isPresent()
                ? "unknown action '" + action.get() + "' and no 'Final Answer:' line"
                : "no 'Action: ...' line in the reply");
    }

    /** A completed episode whose answer was judged wrong. */
    private static Verdict wrongAnswer(EpisodeRecord r, List<Turn> turns, String reply, int last) {
        List<Turn> statements = turns.stream().filter(t -> t.action().startsWith("SQL: ") && !t.observation().isEmpty()).toList();
        if (!statements.isEmpty() && !statements.getLast().note().isEmpty()) {
            Turn failed = statements.getLast();
            return new Verdict.Failure(FailureClass.SQL_ERROR_NOT_RECOVERED, failed.number(),
                    "the last statement failed (" + firstLine(failed.observation()) + ") and the model answered anyway");
        }
        String answer = DbBenchActions.finalAnswer(reply).orElse("");
        boolean mutation = List.of("INSERT", "UPDATE", "DELETE").contains(r.resultText("type"));
        Optional<List<PyValue>> items = PythonLiteral.eval(PyStrings.strip(answer)).flatMap(v -> switch (v) {
            case PyList l -> Optional.of(l.items());
            case PyTuple t -> Optional.of(t.items());
            default -> Optional.<List<PyValue>>empty();
        });
        if (!mutation && items.isEmpty()) {
            return new Verdict.Failure(FailureClass.WRONG_ANSWER_FORMAT, last,
                    "the final answer '" + PyStrings.strip(answer) + "' is not a list literal");
        }
        if (statements.isEmpty()) {
            return new Verdict.Failure(FailureClass.GAVE_UP_EARLY, last, "answered without running any SQL");
        }
        if (!mutation && items.get().isEmpty()) {
            return new Verdict.Failure(FailureClass.GAVE_UP_EARLY, last, "answered an empty list");
        }
        return new Verdict.Failure(FailureClass.WRONG_SQL_RESULT, last, mutation
                ? "the table after " + statements.size() + " statement(s) differs from the expected one"
                : "the answer " + PyStrings.strip(answer) + " does not match the label");
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
