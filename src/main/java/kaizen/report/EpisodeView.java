package kaizen.report;

import java.util.List;
import kaizen.core.Message;
import kaizen.harness.runner.EpisodeRecord;

/**
 * One episode read back for the report: the record, its category (DBBench result type, ALFWorld task
 * type), the opening messages before the model's first turn, the model's turns and the verdict.
 */
public record EpisodeView(EpisodeRecord record, String category, List<Message> opening, List<Turn> turns, Verdict verdict) {
    public EpisodeView {
        opening = List.copyOf(opening);
        turns = List.copyOf(turns);
    }

    public boolean failed() {
        return verdict instanceof Verdict.Failure;
    }

    /** The failure class, or empty for a success. */
    public java.util.Optional<FailureClass> failureClass() {
        return verdict instanceof Verdict.Failure f ? java.util.Optional.of(f.failureClass()) : java.util.Optional.empty();
    }
}
