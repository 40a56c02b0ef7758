package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import kaizen.core.BadInputException;
import kaizen.tokenizer.ChatEncoder;
import kaizen.tokenizer.ChatTemplate;
import kaizen.tokenizer.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * data.format messages end to end on the real Qwen tokenizer: JSONL conversations → ShardBuilder
 * (ChatRenderer, Kaizen's templates) → shard files read back. The loss positions are checked
 * against an independent reading of the token stream: exactly the tokens of each trained
 * assistant turn after its "&lt;|im_start|&gt;assistant\n" header, through "&lt;|im_end|&gt;" and the
 * newline after it; turns marked {@code "weight": 0} and every other role untrained.
 */
class ChatRendererTest {
    private static final Path QWEN = Path.of("../shared/data/qwen-tokenizer");
    private static Tokenizer tok;
    private static int imStart;
    private static int imEnd;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        tok = Tokenizer.load(QWEN);
        imStart = tok.encode("<|im_start|>")[0];
        imEnd = tok.encode("<|im_end|>")[0];
    }

    /** Conversations in the trajectories.jsonl wire form; "weight" on some assistant turns. */
    private static final String CONVERSATIONS = """
            {"messages": [{"role": "system", "content": "You operate a MySQL database."}, {"role": "user", "content": "How many rows does `Box Office` have?"}, {"role": "assistant", "content": "Let me count them.\\nAction: Operation\\n```sql\\nSELECT COUNT(*) FROM `Box Office`\\n```", "weight": 0}, {"role": "user", "content": "1054 (42S22): Unknown column"}, {"role": "assistant", "content": "Counting again.\\nAction: Operation\\n```sql\\nSELECT COUNT(*) FROM `Box Office`;\\n```", "weight": 1}, {"role": "user", "content": "[(12,)]"}, {"role": "assistant", "content": "Action: Answer\\nFinal Answer: [\\"12\\"]"}]}
            {"messages": [{"role": "user", "content": "Your goal: put a ladle in a bread bin. Café ✓ — 東京"}, {"role": "assistant", "content": "THOUGHT: look first.\\nACTION: walk to dish rack 1"}, {"role": "user", "content": "Nothing comes of that."}, {"role": "assistant", "content": "THOUGHT: again  \\nACTION: pick up ladle 1 from dish rack 1", "weight": 0}, {"role": "user", "content": "You take the ladle 1."}, {"role": "assistant", "content": "THOUGHT: done.\\nACTION: place ladle 1 in bread bin 1"}]}
            {"messages": [{"role": "user", "content": "One turn."}, {"role": "assistant", "content": "<think>\\nShort reasoning.\\n</think>\\n\\nThe answer."}]}
            """;

    /** Which assistant turns of each conversation are trained (weight absent or 1). */
    private static final List<List<Boolean>> TRAINED = List.of(List.of(false, true, true), List.of(true, false, true), List.of(true));

    private RunConfig config(String kind, String template, Path data) throws Exception {
        Path model = TrainFixtures.model(dir, 151_936);
        Files.copy(QWEN.resolve("tokenizer.json"), model.resolve("tokenizer.json"));
        Path run = TrainFixtures.yaml(dir, kind + ".yaml", "name: t\nmodel: " + model + "\nout: " + dir.resolve("run")
                + "\ndata:\n  train: " + data + "\n  format: messages\n  template: " + template
                + "\n  layout: padded\n  max_length: 4096\nlaunch:\n  worker: " + TrainFixtures.worker(dir) + "\n");
        return RunConfigReader.read(run, kind.equals("sft") ? RunConfig.Kind.SFT : RunConfig.Kind.DPO);
    }

    private List<ShardReader.Row> shards(RunConfig c) {
        ModelFolder model = ModelFolder.check(c.model(), true);
        var renderer = new ChatRenderer(new ChatEncoder(tok, ChatTemplate.forModel(c.data().template()))); // tokenizer loaded once
        new ShardBuilder(c, model.vocabSize(), renderer).build(dir.resolve("shards"));
        return ShardReader.readAll(dir.resolve("shards"));
    }

    /** The trained positions an independent reading of the token stream expects. */
    private static TreeSet<Integer> expected(int[] ids, List<Boolean> trainedTurns) {
        TreeSet<Integer> out = new TreeSet<>();
        int turn = 0;
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] != imStart) continue;
            int h = p + 1; // last token of the header "role\n"
            while (!tok.decode(Arrays.copyOfRange(ids, p + 1, h + 1)).endsWith("\n")) h++;
            if (!tok.decode(Arrays.copyOfRange(ids, p + 1, h + 1)).equals("assistant\n")) continue;
            int e = h + 1;
            while (ids[e] != imEnd) e++;
            int last = e + 1 < ids.length && tok.decode(new int[] {ids[e + 1]}).equals("\n") ? e + 1 : e;
            if (trainedTurns.get(turn++)) for (int i = h + 1; i <= last; i++) out.add(i);
        }
        assertEquals(trainedTurns.size(), turn, "assistant turns found in the token stream");
        return out;
    }

    private static TreeSet<Integer> trained(ShardReader.Row row) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < row.flags().length; i++) if (TokenFlags.has(row.flags()[i], TokenFlags.LOSS)) out.add(i);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2.5", "qwen3-instruct-2507", "qwen3"})
    void lossIsOnExactlyTheTrainedAssistantTokensOfEveryTurn(String template) throws Exception {
        Path data = Files.writeString(dir.resolve("sft.jsonl"), CONVERSATIONS);
        List<ShardReader.Row> rows = shards(config("sft", template, data));
        assertEquals(3, rows.size());
        for (int c = 0; c < rows.size(); c++) {
            ShardReader.Row row = rows.get(c);
            assertEquals(expected(row.ids(), TRAINED.get(c)), trained(row), template + ", conversation " + c);
        }
    }

    @Test
    void theTrainedTextIsEachRepliesContentAndItsClosing() throws Exception {
        Path data = Files.writeString(dir.resolve("sft.jsonl"), CONVERSATIONS);
        ShardReader.Row row = shards(config("sft", "qwen2.5", data)).get(1);
        List<String> runs = new ArrayList<>();
        int[] ids = row.ids();
        for (int i = 0; i < ids.length; i++) {
            if (!TokenFlags.has(row.flags()[i], TokenFlags.LOSS)) continue;
            int j = i;
            while (j < ids.length && TokenFlags.has(row.flags()[j], TokenFlags.LOSS)) j++;
            runs.add(tok.decode(Arrays.copyOfRange(ids, i, j)));
            i = j;
        }
        assertEquals(List.of("THOUGHT: look first.\nACTION: walk to dish rack 1<|im_end|>\n",
                "THOUGHT: done.\nACTION: place ladle 1 in bread bin 1<|im_end|>\n"), runs);
    }

    @Test
    void dpoCompletionsTrainOnlyTheirAssistantTurns() throws Exception {
        Path data = Files.writeString(dir.resolve("dpo.jsonl"), """
                {"prompt": [{"role": "user", "content": "Goal: open the box."}], "chosen": [{"role": "assistant", "content": "ACTION: open box 1"}, {"role": "user", "content": "The box opens."}, {"role": "assistant", "content": "ACTION: look around"}], "rejected": [{"role": "assistant", "content": "ACTION: walk to door 1"}]}
                """);
        List<ShardReader.Row> rows = shards(config("dpo", "qwen2.5", data));
        assertEquals(2, rows.size(), "a pair is two records");
        assertEquals(expected(rows.get(0).ids(), List.of(true, true)), trained(rows.get(0)));
        assertEquals(expected(rows.get(1).ids(), List.of(true)), trained(rows.get(1)));
        int prompt = trained(rows.get(1)).first();
        assertTrue(Arrays.equals(rows.get(0).ids(), 0, prompt, rows.get(1).ids(), 0, prompt), "both records share the prompt");
    }

    @Test
    void aWeightOtherThanZeroOrOneIsRefusedWithItsLineAndField() throws Exception {
        Path data = Files.writeString(dir.resolve("sft.jsonl"), """
                {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}
                {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b", "weight": 0.5}]}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> shards(config("sft", "qwen2.5", data)));
        assertEquals(2, e.line());
        assertEquals("messages[1].weight", e.field());
    }

    @Test
    void aConversationWhoseEveryReplyHasWeightZeroIsRefused() throws Exception {
        Path data = Files.writeString(dir.resolve("sft.jsonl"), """
                {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b", "weight": 0}]}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> shards(config("sft", "qwen2.5", data)));
        assertTrue(e.getMessage().contains("no token is trained"), e.getMessage());
    }

    @Test
    void anUnknownTemplateIsAConfigurationError() throws Exception {
        Path data = Files.writeString(dir.resolve("sft.jsonl"), CONVERSATIONS);
        BadInputException e = assertThrows(BadInputException.class, () -> config("sft", "llama3", data));
        assertEquals("data.template", e.field());
    }
}
