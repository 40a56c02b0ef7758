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
     * required binary content (UTF8); } } }}: what pandas and Hugging Face datasets read as a list of
     * {@code {"role", "content"}} dicts, the OpenAI-messages column trainers expect.
     */
    record Conversations(String name, List<List<Message>> values) implements ParquetColumn {
        public Conversations {
            values = values.stream().map(List::copyOf).toList();
        }

        @Override
        public int rows() {
            return values.size();
        }
    }
}
