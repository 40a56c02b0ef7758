package kaizen.data.build;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.tokenizer.ChatTemplate;
import kaizen.tokenizer.Tokenizer;

/**
 * A target model's format from {@code kaizen.tokenizer}: the conversation as its chat template
 * writes it for training (no generation prompt), its length in the model's tokens.
 *
 * <p>{@code qwen3-thinking}: the reasoning of a reply is the text before its action — the THOUGHT
 * of a ReAct reply (without the label), the explanation of a DBBench reply — and goes inside
 * {@code <think>}; the action line(s) stay outside, where the evaluation parses them. A reply with
 * no action (DBBench's "Ok.", a plain chat answer) has no reasoning. Qwen3's template keeps the
 * reasoning only of replies after the last user turn, so in a multi-turn example the rendered text
 * shows the final reply's reasoning and earlier replies as their actions alone — that is what the
 * template makes of the conversation, not a choice of the build.
 */
record TemplateFormat(String id, ChatTemplate template, Supplier<Tokenizer> tokenizer, boolean thinking) implements ModelFormat {
    @Override
    public String render(List<Message> messages) {
        return template.render(thinking ? withThinking(messages) : messages, false).text();
    }

    @Override
    public int length(List<Message> messages) {
        return tokenizer.get().encode(render(messages)).length;
    }

    @Override
    public String unit() {
        return "tokens";
    }

    static List<Message> withThinking(List<Message> messages) {
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) out.add(m.role() == Role.ASSISTANT ? Message.assistant(thinking(m.content())) : m);
        return out;
    }

    /** "reasoning\nACTION: x" (or "THOUGHT: reasoning\nACTION: x", "reasoning\nAction: ...") as "<think>\nreasoning\n</think>\n\nACTION: x". */
    static String thinking(String reply) {
        int action = actionStart(reply);
        if (action <= 0) return reply;
        String reasoning = reply.substring(0, action).strip();
        if (reasoning.startsWith("THOUGHT:")) reasoning = reasoning.substring("THOUGHT:".length()).strip();
        if (reasoning.isEmpty()) return reply;
        return "<think>\n" + reasoning + "\n</think>\n\n" + reply.substring(action);
    }

    private static int actionStart(String reply) {
        for (String marker : List.of("\nACTION:", "\nAction: ")) {
            int i = reply.indexOf(marker);
            if (i >= 0) return i + 1;
        }
        return -1;
    }
}
