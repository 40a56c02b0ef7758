package kaizen.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation rendered by a {@link ChatTemplate}: the prompt text and, for each assistant
 * reply, where its parts lie in it (char offsets).
 */
public record RenderedChat(String text, List<AssistantReply> replies) {
    public RenderedChat {
        replies = List.copyOf(replies);
    }

    /**
     * One assistant reply after its "&lt;|im_start|&gt;assistant\n" header: the think block
     * {@code [start, contentStart)} (empty when the template shows none), the content
     * {@code [contentStart, contentEnd)} and the closing "&lt;|im_end|&gt;\n" {@code [contentEnd, end)}.
     */
    public record AssistantReply(int messageIndex, int start, int contentStart, int contentEnd, int end) {}

    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<AssistantReply> replies = new ArrayList<>();

        void text(String s) {
            text.append(s);
        }

        void turn(String role, String content) {
            text.append(ChatTemplate.IM_START).append(role).append('\n').append(content).append(ChatTemplate.IM_END).append('\n');
        }

        void assistant(int messageIndex, String thinkBlock, String content) {
            text.append(ChatTemplate.IM_START).append("assistant\n");
            int start = text.length();
            text.append(thinkBlock);
            int contentStart = text.length();
            text.append(content);
            int contentEnd = text.length();
            text.append(ChatTemplate.IM_END).append('\n');
            replies.add(new AssistantReply(messageIndex, start, contentStart, contentEnd, text.length()));
        }

        RenderedChat build() {
            return new RenderedChat(text.toString(), replies);
        }
    }
}
