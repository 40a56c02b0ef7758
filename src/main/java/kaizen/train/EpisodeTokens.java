package kaizen.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An episode's turns as training rows: the token ids the model saw and wrote, with only the
 * written ones trained, each with the log-prob the server sampled it at.
 *
 * <p>A turn's prompt is what the endpoint was sent (Kaizen's rendering of the conversation). When
 * it starts with the previous row (that turn's prompt and reply), the turns share a row: the new
 * part of the prompt (the reply's closing newline, the environment's message, the next assistant
 * header) joins untrained and the new reply trained. Otherwise, e.g. when the harness's window
 * dropped old messages or a reply re-tokenizes differently than it was sampled, a new row starts.
 * Either way every trained token is scored in exactly the context it was sampled in.
 */
final class EpisodeTokens {
    /** One sequence: ids, trained flags (model-written), and the sampling log-probs (0 where untrained). */
    record Row(int[] ids, boolean[] trained, float[] oldLogprobs) {
        int trainedTokens() {
            int n = 0;
            for (boolean b : trained) if (b) n++;
            return n;
        }
    }

    private EpisodeTokens() {}

    static List<Row> rows(List<RolloutModel.Turn> turns) {
        List<Row> rows = new ArrayList<>();
        Builder cur = null;
        for (RolloutModel.Turn t : turns) {
            if (cur != null && cur.isPrefixOf(t.prompt())) {
                cur.add(Arrays.copyOfRange(t.prompt(), cur.size, t.prompt().length), null);
            } else {
                if (cur != null) rows.add(cur.build());
                cur = new Builder();
                cur.add(t.prompt(), null);
            }
            cur.add(t.generated(), t.logprobs());
        }
        if (cur != null) rows.add(cur.build());
        return rows;
    }

    /**
     * The weight of each trained token of one episode's rows in the step's weighted mean: 1 for
     * {@code TOKEN}; for {@code EPISODE} one over the episode's trained tokens, so each episode's
     * tokens weigh 1 together.
     */
    static double tokenWeight(List<Row> rows, GrpoConfig.LossNormalization normalization) {
        if (normalization == GrpoConfig.LossNormalization.TOKEN) return 1.0;
        int trained = rows.stream().mapToInt(Row::trainedTokens).sum();
        return trained == 0 ? 0.0 : 1.0 / trained;
    }

    private static final class Builder {
        int[] ids = new int[256];
        boolean[] trained = new boolean[256];
        float[] logprobs = new float[256];
        int size;

        boolean isPrefixOf(int[] prompt) {
            return prompt.length >= size && Arrays.equals(ids, 0, size, prompt, 0, size);
        }

        /** Appends ids, trained with their log-probs when {@code lps} is given. */
        void add(int[] more, float[] lps) {
            if (size + more.length > ids.length) {
                int cap = Math.max(ids.length * 2, size + more.length);
                ids = Arrays.copyOf(ids, cap);
                trained = Arrays.copyOf(trained, cap);
                logprobs = Arrays.copyOf(logprobs, cap);
            }
            System.arraycopy(more, 0, ids, size, more.length);
            if (lps != null) {
                Arrays.fill(trained, size, size + more.length, true);
                System.arraycopy(lps, 0, logprobs, size, more.length);
            }
            size += more.length;
        }

        Row build() {
            return new Row(Arrays.copyOf(ids, size), Arrays.copyOf(trained, size), Arrays.copyOf(logprobs, size));
        }
    }
}
