package kaizen.data.parquet;

import java.util.List;
import kaizen.core.Message;

/** One column of a table to write: text per row, or a conversation (a list of role/content structs) per row. */
public sealed interface ParquetColumn {
    String name();

    int rows();

    /** {@code required binary name (UTF8)}. */
    record Strings(String name, List<String> values) implements ParquetColumn {
        public Strings {
            values = List.copyOf(values);
        }

        @Override
        public int rows() {
            return values.size();
        }
    }

    /**
     * {@code required group name (LIST) { repeated group list { required group element { required binary role (UTF8);
     * required binary content (UTF8); required int32 weight; } } }}: what pandas and Hugging Face datasets read as a
     * list of {@code {"role", "content", "weight"}} dicts, the OpenAI-messages column trainers expect. {@code weight}
     * is OpenAI fine-tuning's per-message mark: 0 for an assistant turn kept in the context but not learnt, else 1.
     *
     * @param untrained per row, the indices of its messages with weight 0
     */
    record Conversations(String name, List<List<Message>> values, List<java.util.Set<Integer>> untrained) implements ParquetColumn {
        public Conversations {
            values = values.stream().map(List::copyOf).toList();
            untrained = untrained.stream().map(java.util.Set::copyOf).toList();
            if (untrained.size() != values.size()) throw new IllegalArgumentException("one set of untrained turns per row");
        }

        /** Every message with weight 1. */
        public Conversations(String name, List<List<Message>> values) {
            this(name, values, java.util.Collections.nCopies(values.size(), java.util.Set.of()));
        }

        List<List<String>> weights() {
            List<List<String>> out = new java.util.ArrayList<>(values.size());
            for (int r = 0; r < values.size(); r++) {
                List<String> w = new java.util.ArrayList<>(values.get(r).size());
                for (int i = 0; i < values.get(r).size(); i++) w.add(untrained.get(r).contains(i) ? "0" : "1");
                out.add(w);
            }
            return out;
        }

        @Override
        public int rows() {
            return values.size();
        }
    }
}
