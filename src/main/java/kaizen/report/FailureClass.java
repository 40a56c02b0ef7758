package kaizen.report;

import java.util.List;

/**
 * The failure taxonomy: why a failed episode failed. Each failed episode gets exactly one class,
 * the first in {@link Taxonomy}'s order whose rule matches; {@link #rule()} is that rule in words
 * (docs/REPORTS.md lists the same).
 */
public enum FailureClass {
    CONTEXT_LIMIT("context limit",
            "The conversation no longer fit the model's context window (status 'agent context limit', or the "
                    + "model's first reply was already refused for length)."),
    FORMAT_VIOLATION("format violation",
            "The reply follows no protocol pattern: DBBench, no 'Action: Operation' with a ```sql block and no "
                    + "'Action: Answer' (or an empty reply); ALFWorld, no 'ACTION:' with a command."),
    WRONG_ANSWER_FORMAT("wrong final answer format",
            "DBBench: the model chose to answer, but there is no 'Final Answer:' line, or (for a query task) the "
                    + "answer is not a list literal such as [\"A\", \"B\"]."),
    REPEATED_ACTION_LOOP("repeated action loop",
            "ALFWorld: the same command was played 3 or more times in a row."),
    INVALID_ACTION("invalid action",
            "ALFWorld: more than half of the commands played were not among the admissible commands."),
    STEP_LIMIT("step/round limit",
            "The episode used all its turns (status 'task limit reached': DBBench max_round, ALFWorld max_step)."),
    SQL_ERROR_NOT_RECOVERED("SQL error not recovered",
            "DBBench: the last SQL statement the model ran ended in a MySQL error, and it answered anyway."),
    GAVE_UP_EARLY("gave up early",
            "DBBench: the model answered without running any SQL, or answered an empty list."),
    WRONG_SQL_RESULT("wrong SQL result",
            "DBBench: a well-formed answer after successful SQL that does not match the label (for INSERT, "
                    + "UPDATE and DELETE tasks: the table's hash differs from the expected one)."),
    OTHER("other",
            "Anything else: a harness or game error (status 'unknown' or 'task error'), or an ALFWorld game that "
                    + "ended without a win.");

    private final String title;
    private final String rule;

    FailureClass(String title, String rule) {
        this.title = title;
        this.rule = rule;
    }

    public String title() {
        return title;
    }

    public String rule() {
        return rule;
    }

    /** A lower-case name usable in HTML ids. */
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }

    /** The classes that can occur in a benchmark's episodes, in taxonomy order. */
    public static List<FailureClass> of(Benchmark benchmark) {
        return switch (benchmark) {
            case DBBENCH -> List.of(CONTEXT_LIMIT, FORMAT_VIOLATION, WRONG_ANSWER_FORMAT, STEP_LIMIT, SQL_ERROR_NOT_RECOVERED,
                    GAVE_UP_EARLY, WRONG_SQL_RESULT, OTHER);
            case ALFWORLD, HOUSEHOLD -> List.of(CONTEXT_LIMIT, FORMAT_VIOLATION, REPEATED_ACTION_LOOP, INVALID_ACTION, STEP_LIMIT, OTHER);
        };
    }
}
