package kaizen.tokenizer;

import java.util.List;
import kaizen.core.Message;

/**
 * Counts a conversation's prompt tokens the way the serving model does, so the harness can
 * report a context-limit finish without asking the server.
 */
public interface TokenCounter {
    /** Tokens of the conversation's prompt: chat template with generation prompt, then encoded. */
    int promptTokens(List<Message> messages);

    /**
     * vLLM's rule for an OpenAI chat request: it is refused when the prompt's tokens plus the
     * requested {@code max_tokens} exceed the model's context length ({@code max_model_len}).
     */
    default boolean exceedsContext(List<Message> messages, int maxTokens, int maxModelLength) {
        return promptTokens(messages) + (long) maxTokens > maxModelLength;
    }
}
