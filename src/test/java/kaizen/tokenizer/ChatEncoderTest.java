package kaizen.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kaizen.core.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training examples' masks, prompt ids and token counting on the real Qwen tokenizer. */
class ChatEncoderTest {
    private static Tokenizer tok;

    @BeforeAll
    static void load() {
        tok = Tokenizer.load(QwenTokenizerGoldenTest.QWEN);
    }

    /** The text of each maximal run of tokens where {@code mask} is true. */
    private static List<String> runs(int[] ids, boolean[] mask) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < ids.length) {
            if (!mask[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < ids.length && mask[j]) j++;
            out.add(tok.decode(Arrays.copyOfRange(ids, i, j)));
            i = j;
        }
        return out;
    }

    private static final List<Message> TWO_TURNS = List.of(
            Message.user("Hello"), Message.assistant("Hi there!"), Message.user("Bye?"), Message.assistant("Bye."));

    @Test
    void lossCoversEveryAssistantReplyWithItsClosing() {
        ChatEncoder enc = new ChatEncoder(tok, new ChatTemplate.Qwen25Instruct());
        TrainingExample ex = enc.trainingExample(TWO_TURNS, ChatEncoder.TrainingOptions.ALL_TURNS);
        assertArrayEquals(tok.encode(enc.template().render(TWO_TURNS, false).text()), ex.ids());
        assertEquals(List.of("Hi there!<|im_end|>\n", "Bye.<|im_end|>\n"), runs(ex.ids(), ex.loss()));
        assertEquals(List.of("Hi there!<|im_end|>\n", "Bye.<|im_end|>\n"), runs(ex.ids(), ex.action()));
        assertEquals(List.of(), runs(ex.ids(), ex.reason()));
    }

    @Test
    void lastTurnOnlyTrainsTheLastReply() {
        ChatEncoder enc = new ChatEncoder(tok, new ChatTemplate.Qwen3Instruct2507());
        TrainingExample ex = enc.trainingExample(TWO_TURNS, new ChatEncoder.TrainingOptions(true, ChatEncoder.ActionStart.WHOLE_CONTENT));
        assertEquals(List.of("Bye.<|im_end|>\n"), runs(ex.ids(), ex.loss()));
    }

    @Test
    void reasonAndActionSplitWhereTheCallerSays() {
        ChatEncoder enc = new ChatEncoder(tok, new ChatTemplate.Qwen3Instruct2507());
        List<Message> chat = List.of(Message.user("Task: heat an apple."),
                Message.assistant("THOUGHT: The apple is in the fridge.\nACTION: go to fridge 1"));
        TrainingExample ex = enc.trainingExample(chat, new ChatEncoder.TrainingOptions(false, c -> Math.max(0, c.indexOf("ACTION:"))));
        assertEquals(List.of("THOUGHT: The apple is in the fridge.\n"), runs(ex.ids(), ex.reason()));
        assertEquals(List.of("ACTION: go to fridge 1<|im_end|>\n"), runs(ex.ids(), ex.action()));
        assertEquals(List.of("THOUGHT: The apple is in the fridge.\nACTION: go to fridge 1<|im_end|>\n"), runs(ex.ids(), ex.loss()));
    }

    @Test
    void qwen3KeepsOnlyTheLastTurnsReasoningAndTrainsItAsReason() {
        ChatEncoder enc = new ChatEncoder(tok, new ChatTemplate.Qwen3Thinking(ChatTemplate.Qwen3Thinking.GenerationPrompt.THINKING_2507));
        List<Message> chat = List.of(Message.user("Q1"), Message.assistant("<think>\nold thoughts\n</think>\n\nA1"),
                Message.user("Q2"), Message.assistant("<think>\nnew thoughts\n</think>\n\nA2"));
        TrainingExample ex = enc.trainingExample(chat, ChatEncoder.TrainingOptions.ALL_TURNS);
        String text = enc.template().render(chat, false).text();
        assertFalse(text.contains("old thoughts"), "reasoning before the last user turn is dropped");
        assertEquals(List.of("A1<|im_end|>\n", "<think>\nnew thoughts\n</think>\n\nA2<|im_end|>\n"), runs(ex.ids(), ex.loss()));
        assertEquals(List.of("<think>\nnew thoughts\n</think>\n\n"), runs(ex.ids(), ex.reason()));
        assertEquals(List.of("A1<|im_end|>\n", "A2<|im_end|>\n"), runs(ex.ids(), ex.action()));
    }

    @Test
    void aTokenStraddlingTheHeaderIsTrained() {
        // "assistant\n" + "\nfoo" encodes "\n\n" as one token: it touches the reply, so it is trained.
        ChatEncoder enc = new ChatEncoder(tok, new ChatTemplate.Qwen3Instruct2507());
        TrainingExample ex = enc.trainingExample(List.of(Message.user("x"), Message.assistant("\nfoo")), ChatEncoder.TrainingOptions.ALL_TURNS);
        assertEquals(List.of("\n\nfoo<|im_end|>\n"), runs(ex.ids(), ex.loss()));
    }

    @Test
    void countsPromptTokensWithTheGenerationPrompt() {
        ChatEncoder enc = new ChatEncoder(tok, new ChatTemplate.Qwen25Instruct());
        List<Message> chat = List.of(Message.user("Hello"));
        String prompt = "<|im_start|>system\n" + ChatTemplate.Qwen25Instruct.DEFAULT_SYSTEM + "<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n";
        assertEquals(prompt, enc.template().render(chat, true).text());
        int n = tok.encode(prompt).length;
        assertEquals(n, enc.promptTokens(chat));
        assertArrayEquals(tok.encode(prompt), enc.promptIds(chat));
        assertFalse(enc.exceedsContext(chat, 512, n + 512));
        assertTrue(enc.exceedsContext(chat, 513, n + 512));
    }

    @Test
    void picksTheTemplateByModelName() {
        assertInstanceOf(ChatTemplate.Qwen25Instruct.class, ChatTemplate.forModel("Qwen/Qwen2.5-7B-Instruct"));
        assertInstanceOf(ChatTemplate.Qwen3Instruct2507.class, ChatTemplate.forModel("Qwen/Qwen3-4B-Instruct-2507"));
        assertEquals("qwen3-thinking-2507", ChatTemplate.forModel("Qwen/Qwen3-4B-Thinking-2507").name());
        assertEquals("qwen3", ChatTemplate.forModel("Qwen/Qwen3-8B").name());
        assertThrows(IllegalArgumentException.class, () -> ChatTemplate.forModel("meta-llama/Llama-3.1-8B"));
    }
}
