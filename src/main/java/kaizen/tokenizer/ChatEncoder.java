package kaizen.tokenizer;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import kaizen.core.Message;

/**
 * A model's tokenizer and chat template together: prompts as token ids, prompt token counts (for
 * the harness's context-limit check) and conversations as training examples with loss masks.
 */
public record ChatEncoder(Tokenizer tokenizer, ChatTemplate template) implements TokenCounter {
    public ChatEncoder {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(template, "template");
    }

    /** The encoder for a model folder holding tokenizer.json, with the template of {@code modelName}. */
    public static ChatEncoder forModel(java.nio.file.Path modelFolder, String modelName) {
        return new ChatEncoder(Tokenizer.load(modelFolder), ChatTemplate.forModel(modelName));
    }

    /** The ids a server feeds the model for this conversation (generation prompt added). */
    public int[] promptIds(List<Message> messages) {
        return tokenizer.encode(template.render(messages, true).text());
    }

    @Override
    public int promptTokens(List<Message> messages) {
        return promptIds(messages).length;
    }

    /** Where the action starts in an assistant reply's content: a char index into it. */
    @FunctionalInterface
    public interface ActionStart {
        /** The whole content is action; only a think block is reasoning. */
        ActionStart WHOLE_CONTENT = content -> 0;

        int in(String content);
    }

    /**
     * @param lastTurnOnly train only the last assistant reply (earlier ones are context)
     * @param actionStart where each reply's action begins, for the reason/action masks
     * @param trainedMessage which assistant messages (by index in the conversation) are trained at
     *     all; the others are context, like the user turns (OpenAI's per-message {@code "weight": 0})
     */
    public record TrainingOptions(boolean lastTurnOnly, ActionStart actionStart, IntPredicate trainedMessage) {
        public static final TrainingOptions ALL_TURNS = new TrainingOptions(false, ActionStart.WHOLE_CONTENT);

        public TrainingOptions {
            Objects.requireNonNull(actionStart, "actionStart");
            Objects.requireNonNull(trainedMessage, "trainedMessage");
        }

        public TrainingOptions(boolean lastTurnOnly, ActionStart actionStart) {
            this(lastTurnOnly, actionStart, i -> true);
        }

        /** These options with only the assistant messages that {@code trained} accepts trained. */
        public TrainingOptions onlyMessages(IntPredicate trained) {
            return new TrainingOptions(lastTurnOnly, actionStart, trained);
        }
    }

    /** The conversation (no generation prompt) as ids with loss masks on the assistant replies. */
    public TrainingExample trainingExample(List<Message> messages, TrainingOptions options) {
        RenderedChat chat = template.render(messages, false);
        String text = chat.text();
        int[] ids = tokenizer.encode(text);
        long[] tokenEnds = new long[ids.length]; // byte offset where each token ends
        long at = 0;
        for (int i = 0; i < ids.length; i++) {
            at += tokenizer.textBytes(ids[i]);
            tokenEnds[i] = at;
        }
        boolean[] loss = new boolean[ids.length], reason = new boolean[ids.length], action = new boolean[ids.length];
        List<RenderedChat.AssistantReply> replies = chat.replies();
        int first = options.lastTurnOnly() ? Math.max(0, replies.size() - 1) : 0;
        int charAt = 0;
        long byteAt = 0;
        for (int r = first; r < replies.size(); r++) {
            RenderedChat.AssistantReply reply = replies.get(r);
            if (!options.trainedMessage().test(reply.messageIndex())) continue;
            String content = text.substring(reply.contentStart(), reply.contentEnd());
            int split = reply.contentStart() + Math.clamp(options.actionStart().in(content), 0, content.length());
            int[] chars = {reply.start(), split, reply.end()};
            long[] bytes = new long[3];
            for (int k = 0; k < 3; k++) {
                byteAt += tokenizer.normalizedBytes(text, charAt, chars[k]);
                charAt = chars[k];
                bytes[k] = byteAt;
            }
            mark(tokenEnds, ids, bytes[0], bytes[2], loss);
            mark(tokenEnds, ids, bytes[0], bytes[1], reason);
            mark(tokenEnds, ids, bytes[1], bytes[2], action);
        }
        return new TrainingExample(ids, loss, reason, action);
    }

    /** Sets {@code mask} on every token that overlaps bytes [from, to). */
    private void mark(long[] tokenEnds, int[] ids, long from, long to, boolean[] mask) {
        if (from >= to) return;
        int lo = 0, hi = tokenEnds.length; // first token ending after `from`
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokenEnds[mid] > from) hi = mid;
            else lo = mid + 1;
        }
        for (int i = lo; i < tokenEnds.length && tokenEnds[i] - tokenizer.textBytes(ids[i]) < to; i++) mask[i] = true;
    }
}
