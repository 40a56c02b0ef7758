package kaizen.data.decontam;

import java.util.Objects;

/**
 * One piece of an evaluation benchmark that training data must not contain: a DBBench question,
 * table header sentence or table rows, an ALFWorld task sentence, game text or walkthrough.
 *
 * @param corpus which benchmark ({@code dbbench} or {@code alfworld})
 * @param unit   the task or game it belongs to, as a user finds it: {@code dev.jsonl:12} or the game folder
 * @param kind   what part of it this is ({@code question}, {@code headers}, {@code rows}, {@code task}, ...)
 * @param text   the text itself
 */
public record BenchmarkItem(String corpus, String unit, String kind, String text) {
    public BenchmarkItem {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** Where a user finds it, e.g. {@code dbbench dev.jsonl:12 question}. */
    public String origin() {
        return corpus + " " + unit + " " + kind;
    }
}
