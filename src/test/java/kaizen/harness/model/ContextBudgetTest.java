package kaizen.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kaizen.core.Message;
import kaizen.tokenizer.ChatEncoder;
import org.junit.jupiter.api.Test;

/** Kaizen's own context check, with the real Qwen tokenizer and template, against vLLM's rule. */
class ContextBudgetTest {
    static final ChatEncoder QWEN25 = ChatEncoder.forModel(Path.of("../shared/data/qwen-tokenizer"), "Qwen/Qwen2.5-7B-Instruct");

    @Test
    void asksTheModelExactlyWhilePromptPlusMaxTokensFits() {
        List<Message> conversation = List.of(Message.user("How many rows does the table have?"), Message.assistant("Ok."),
                Message.user("Count them, please."));
        int prompt = QWEN25.promptTokens(conversation);
        AtomicInteger asked = new AtomicInteger();
        ChatModel model = m -> {
            asked.incrementAndGet();
            return new ModelReply.Text("fine");
        };

        // prompt + 512 == limit: still allowed (vLLM refuses only when it exceeds)
        assertInstanceOf(ModelReply.Text.class, new ContextBudget(model, QWEN25, 512, prompt + 512).complete(conversation));
        assertEquals(1, asked.get());

        ModelReply refused = new ContextBudget(model, QWEN25, 512, prompt + 511).complete(conversation);
        ModelReply.ContextLimit limit = assertInstanceOf(ModelReply.ContextLimit.class, refused);
        assertEquals(1, asked.get(), "a refused conversation is never sent");
        assertTrue(limit.detail().contains("maximum context length is " + (prompt + 511) + " tokens"), limit.detail());
        assertTrue(limit.detail().contains("(" + prompt + " in the messages, 512 in the completion)"), limit.detail());
        assertTrue(ContextLimitRule.matches(limit.detail()), "worded so AgentBench's rule recognises it");
    }
}
