package kaizen.train;

import java.util.List;
import kaizen.core.Message;

/**
 * Turns conversations into tokens with loss flags, with a model's tokenizer and chat template.
 * Kaizen's tokenizer package implements it (kaizen.tokenizer.ChatEncoder: ids plus loss, reason
 * and action masks → {@link TokenFlags#of}); the training side never tokenizes text itself.
 */
public interface ExampleRenderer {
    /** The conversation with every assistant reply trained (reason/action parts flagged). */
    TokenizedExample sft(List<Message> conversation);

    /** The prompt conversation and two alternative continuations (assistant messages). */
    PreferencePair dpo(List<Message> prompt, List<Message> chosen, List<Message> rejected);
}
