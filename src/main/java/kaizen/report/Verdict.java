package kaizen.report;

/** How one episode is judged: it succeeded, or it failed for one reason at one turn. */
public sealed interface Verdict {
    /** The episode was correct (DBBench) or won (ALFWorld). */
    record Success() implements Verdict {}

    /**
     * @param turn the 1-based model turn where it went wrong (0 when no turn is to blame)
     * @param why the reason in words, quoting the transcript where that helps
     */
    record Failure(FailureClass failureClass, int turn, String why) implements Verdict {}
}
