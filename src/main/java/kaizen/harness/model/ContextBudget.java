package kaizen.harness.model;

import java.util.List;
import kaizen.core.Message;
import kaizen.tokenizer.TokenCounter;

/**
 * Answers "context limit" itself, without a request, when vLLM would refuse the conversation: its
 * prompt tokens (the model's chat template, encoded by Kaizen's tokenizer) plus {@code max_tokens}
 * exceed {@code max_model_len}. Otherwise the wrapped model is asked. The detail is worded as
 * vLLM words its 400, so transcripts read the same whichever side noticed.
 */
public final class ContextBudget implements ChatModel {
    private final ChatModel model;
    private final TokenCounter counter;
    private final int maxTokens;
    private final int maxModelLength;

    public ContextBudget(ChatModel model, TokenCounter counter, int maxTokens, int maxModelLength) {
        if (maxModelLength < 1) throw new IllegalArgumentException("max_model_len must be positive, got " + maxModelLength);
        this.model = model;
        this.counter = counter;
        this.maxTokens = maxTokens;
        this.maxModelLength = maxModelLength;
    }

    @Override
    public ModelReply complete(List<Message> messages) throws ModelUnavailableException {
        int prompt = counter.promptTokens(messages);
        if (prompt + (long) maxTokens > maxModelLength) {
            return new ModelReply.ContextLimit("This model's maximum context length is " + maxModelLength + " tokens. However, you "
                    + "requested " + (prompt + maxTokens) + " tokens (" + prompt + " in the messages, " + maxTokens
                    + " in the completion). Please reduce the length of the messages or completion.");
        }
        return model.complete(messages);
    }
}
