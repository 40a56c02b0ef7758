package kaizen.train;

import java.util.List;
import java.util.function.IntPredicate;
import kaizen.core.Message;

/**
 * Turns conversations into tokens with loss flags, with a model's tokenizer and chat template
 * ({@link ChatRenderer}: Kaizen's own kaizen.tokenizer.ChatEncoder). The shard code never
 * tokenizes text itself.
 */
public interface ExampleRenderer {
    /**
     * The conversation with its assistant replies trained (reason/action parts flagged), except
     * the assistant messages whose index {@code trainedMessage} rejects: those are context.
     */
    TokenizedExample sft(List<Message> conversation, IntPredicate trainedMessage);

    /** The prompt conversation and two alternative continuations (their assistant replies trained). */
    PreferencePair dpo(List<Message> prompt, List<Message> chosen, List<Message> rejected);
}
