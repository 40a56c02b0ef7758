package kaizen.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Packs examples into rows of at most {@code maxLength} tokens, first fit over a bounded window of
 * open rows (streaming: memory holds at most {@code window} rows). When no open row has room and
 * the window is full, the fullest open row is emitted. Rows come out with examples in arrival
 * order; the worker keeps attention inside each example (see docs/TRAINING.md).
 */
final class Packer {
    private final int maxLength;
    private final int window;
    private final Consumer<List<TokenizedExample>> sink;
    private final List<Open> open = new ArrayList<>();

    private static final class Open {
        final List<TokenizedExample> examples = new ArrayList<>();
        int tokens;
    }

    Packer(int maxLength, int window, Consumer<List<TokenizedExample>> sink) {
        if (window < 1) throw new IllegalArgumentException("window must be at least 1");
        this.maxLength = maxLength;
        this.window = window;
        this.sink = sink;
    }

    void add(TokenizedExample e) {
        if (e.size() > maxLength) throw new IllegalArgumentException(e.size() + " tokens exceed max length " + maxLength);
        for (Open row : open) {
            if (row.tokens + e.size() <= maxLength) {
                row.examples.add(e);
                row.tokens += e.size();
                return;
            }
        }
        if (open.size() == window) {
            Open fullest = open.getFirst();
            for (Open row : open) if (row.tokens > fullest.tokens) fullest = row;
            open.remove(fullest);
            sink.accept(List.copyOf(fullest.examples));
        }
        Open row = new Open();
        row.examples.add(e);
        row.tokens = e.size();
        open.add(row);
    }

    void finish() {
        for (Open row : open) sink.accept(List.copyOf(row.examples));
        open.clear();
    }
}
