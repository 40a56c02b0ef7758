package kaizen.data.build;

import java.util.List;
import kaizen.core.Message;

/**
 * A target model's view of a conversation: its chat template and its token count. The dataset
 * files carry plain messages (trainers apply their own template); a model format is what the
 * build uses for per-model length limits, length histograms and the rendered-text preview.
 * Implementations come from the tokenizer package ({@code kaizen.tokenizer}); {@link #CHARACTERS}
 * is the built-in measure that needs no tokenizer.
 */
public interface ModelFormat {
    /** The name recipes use, e.g. {@code qwen2.5}, {@code qwen3-instruct-2507}, {@code qwen3-thinking}, {@code chars}. */
    String id();

    /** The conversation as the model's chat template writes it (for training: no generation prompt). */
    String render(List<Message> messages);

    /** The length of the conversation in this format's unit (tokens; characters for {@link #CHARACTERS}). */
    int length(List<Message> messages);

    /** The unit {@link #length} counts, for reports: "tokens" or "characters". */
    String unit();

    /**
     * Characters of the message contents: a tokenizer-free stand-in for lengths (about 3-4 characters
     * per token for English and SQL). Renders as "role: content" lines, which no model reads.
     */
    ModelFormat CHARACTERS = new ModelFormat() {
        @Override
        public String id() {
            return "chars";
        }

        @Override
        public String render(List<Message> messages) {
            StringBuilder sb = new StringBuilder();
            for (Message m : messages) sb.append(m.role().wireName()).append(": ").append(m.content()).append('\n');
            return sb.toString();
        }

        @Override
        public int length(List<Message> messages) {
            int n = 0;
            for (Message m : messages) n += m.content().length();
            return n;
        }

        @Override
        public String unit() {
            return "characters";
        }
    };
}
