package kaizen.tokenizer;

import java.util.List;
import kaizen.core.Message;
import kaizen.core.Role;

/**
 * The chat templates of the models Kaizen trains, written in Java and verified byte for byte
 * against {@code apply_chat_template} with the models' own Jinja text (kept, with its source, in
 * src/test/resources/tokenizer/templates/). Only what Kaizen's messages can hold is rendered:
 * system, user and assistant turns with string content; no tools.
 */
public sealed interface ChatTemplate {
    String IM_START = "<|im_start|>";
    String IM_END = "<|im_end|>";

    /** The model's prompt text for {@code messages}, with where each assistant reply lies in it. */
    RenderedChat render(List<Message> messages, boolean addGenerationPrompt);

    /** The template's name in tools and golden files. */
    String name();

    /** Qwen2.5-Instruct: a default system turn ("You are Qwen, ...") when the conversation has none. */
    record Qwen25Instruct() implements ChatTemplate {
        public static final String DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

        @Override
        public RenderedChat render(List<Message> messages, boolean addGenerationPrompt) {
            RenderedChat.Builder out = new RenderedChat.Builder();
            if (messages.isEmpty() || messages.getFirst().role() != Role.SYSTEM) out.turn("system", DEFAULT_SYSTEM);
            renderPlainTurns(messages, out);
            if (addGenerationPrompt) out.text(IM_START + "assistant\n");
            return out.build();
        }

        @Override
        public String name() {
            return "qwen2.5-instruct";
        }
    }

    /** Qwen3-Instruct-2507: plain turns, no think blocks anywhere (the model never thinks). */
    record Qwen3Instruct2507() implements ChatTemplate {
        @Override
        public RenderedChat render(List<Message> messages, boolean addGenerationPrompt) {
            RenderedChat.Builder out = new RenderedChat.Builder();
            renderPlainTurns(messages, out);
            if (addGenerationPrompt) out.text(IM_START + "assistant\n");
            return out.build();
        }

        @Override
        public String name() {
            return "qwen3-instruct-2507";
        }
    }

    /**
     * Qwen3's thinking templates: an assistant reply may carry a {@code <think>} block in its
     * content; the block is kept only for replies after the last user turn (reasoning from earlier
     * turns is dropped), and such a reply always shows a block, empty if it had none.
     */
    record Qwen3Thinking(GenerationPrompt generationPrompt) implements ChatTemplate {
        /** What the generation prompt opens with after "assistant\n". */
        public enum GenerationPrompt {
            /** Qwen3 (hybrid) with enable_thinking left on: nothing, the model opens its own block. */
            HYBRID_THINKING("qwen3", ""),
            /** Qwen3 (hybrid) with enable_thinking=False: an empty, closed block. */
            HYBRID_NO_THINKING("qwen3-no-thinking", "<think>\n\n</think>\n\n"),
            /** Qwen3-Thinking-2507: the block is opened for the model. */
            THINKING_2507("qwen3-thinking-2507", "<think>\n");

            private final String templateName;
            private final String opening;

            GenerationPrompt(String templateName, String opening) {
                this.templateName = templateName;
                this.opening = opening;
            }
        }

        public Qwen3Thinking {
            java.util.Objects.requireNonNull(generationPrompt, "generationPrompt");
        }

        @Override
        public RenderedChat render(List<Message> messages, boolean addGenerationPrompt) {
            RenderedChat.Builder out = new RenderedChat.Builder();
            if (!messages.isEmpty() && messages.getFirst().role() == Role.SYSTEM) out.turn("system", messages.getFirst().content());
            int lastQuery = lastUserQuery(messages);
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                switch (m.role()) {
                    case SYSTEM -> {
                        if (i > 0) out.turn("system", m.content());
                    }
                    case USER -> out.turn("user", m.content());
                    case ASSISTANT -> {
                        ThinkSplit split = ThinkSplit.of(m.content());
                        boolean showThinking = i > lastQuery && (i == messages.size() - 1 || !split.reasoning().isEmpty());
                        String reasoning = showThinking
                                ? "<think>\n" + strip(split.reasoning()) + "\n</think>\n\n"
                                : "";
                        String content = showThinking ? stripLeading(split.content()) : split.content();
                        out.assistant(i, reasoning, content);
                    }
                }
            }
            if (addGenerationPrompt) out.text(IM_START + "assistant\n" + generationPrompt.opening);
            return out.build();
        }

        @Override
        public String name() {
            return generationPrompt.templateName;
        }

        /** The last user message that is not a wrapped tool response; the last index when there is none. */
        private static int lastUserQuery(List<Message> messages) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                Message m = messages.get(i);
                boolean toolResponse = m.content().startsWith("<tool_response>") && m.content().endsWith("</tool_response>");
                if (m.role() == Role.USER && !toolResponse) return i;
            }
            return messages.size() - 1;
        }
    }

    /** Reasoning and answer of an assistant content, split as the Qwen3 template does. */
    record ThinkSplit(String reasoning, String content) {
        static ThinkSplit of(String content) {
            int close = content.indexOf("</think>");
            if (close < 0) return new ThinkSplit("", content);
            String before = stripTrailing(content.substring(0, close));
            int open = before.lastIndexOf("<think>");
            String reasoning = stripLeading(open < 0 ? before : before.substring(open + "<think>".length()));
            String after = stripLeading(content.substring(content.lastIndexOf("</think>") + "</think>".length()));
            return new ThinkSplit(reasoning, after);
        }
    }

    /** The Qwen2.5 / Qwen3-Instruct-2507 loop: every turn as it is, the first system turn rendered before. */
    private static void renderPlainTurns(List<Message> messages, RenderedChat.Builder out) {
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m.role()) {
                case SYSTEM -> out.turn("system", m.content());
                case USER -> out.turn("user", m.content());
                case ASSISTANT -> out.assistant(i, "", m.content());
            }
        }
    }

    /** Python's {@code s.strip('\n')}. */
    private static String strip(String s) {
        return stripTrailing(stripLeading(s));
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\n') i++;
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int j = s.length();
        while (j > 0 && s.charAt(j - 1) == '\n') j--;
        return s.substring(0, j);
    }

    /** The template Kaizen uses for a model name such as "Qwen/Qwen2.5-7B-Instruct". */
    public static ChatTemplate forModel(String modelName) {
        String n = modelName.toLowerCase(java.util.Locale.ROOT);
        if (n.contains("qwen2.5")) return new Qwen25Instruct();
        if (n.contains("qwen3") && n.contains("instruct-2507")) return new Qwen3Instruct2507();
        if (n.contains("qwen3") && n.contains("thinking-2507")) return new Qwen3Thinking(Qwen3Thinking.GenerationPrompt.THINKING_2507);
        if (n.contains("qwen3")) return new Qwen3Thinking(Qwen3Thinking.GenerationPrompt.HYBRID_THINKING);
        throw new IllegalArgumentException("no chat template known for model '" + modelName
                + "' (known: Qwen2.5-*-Instruct, Qwen3-*-Instruct-2507, Qwen3-*-Thinking-2507, Qwen3-*)");
    }
}
