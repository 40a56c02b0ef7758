package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.Message;
import kaizen.harness.Session;
import kaizen.tokenizer.ChatEncoder;
import kaizen.tokenizer.TrainingExample;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Training rows from recorded turns, with the real Qwen tokenizer and Kaizen's chat template: the
 * rows must be the tokens the model saw and wrote, trained exactly on the written ones — which is
 * the ChatEncoder's assistant loss mask, less the newline the template puts after each
 * &lt;|im_end|&gt; (the model never writes it: it is the next prompt's first token).
 */
class EpisodeTokensTest {
    private static final Path TOKENIZER = Path.of("../shared/data/qwen-tokenizer");
    ChatEncoder encoder;
    int imEnd;

    @BeforeEach
    void load() {
        Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(TOKENIZER.resolve("tokenizer.json")), "the Qwen tokenizer in ../shared/data");
        encoder = ChatEncoder.forModel(TOKENIZER, "qwen2.5");
        imEnd = encoder.tokenizer().tokenId("<|im_end|>").orElseThrow();
    }

    /** Plays a scripted episode as RolloutModel records it: prompts are Session windows of the history. */
    private List<RolloutModel.Turn> play(List<String> observations, List<String> replies) {
        Session session = new Session();
        session.inject(Message.user(observations.getFirst()));
        List<RolloutModel.Turn> turns = new ArrayList<>();
        for (int t = 0; t < replies.size(); t++) {
            int[] prompt = encoder.promptIds(Session.window(session.history()));
            int[] text = encoder.tokenizer().encode(replies.get(t));
            int[] generated = java.util.Arrays.copyOf(text, text.length + 1);
            generated[text.length] = imEnd;
            float[] lps = new float[generated.length];
            for (int i = 0; i < lps.length; i++) lps[i] = -(t + 1) - i / 100f;
            turns.add(new RolloutModel.Turn(prompt, generated, lps, true));
            session.inject(Message.assistant(replies.get(t)));
            if (t + 1 < observations.size()) session.inject(Message.user(observations.get(t + 1)));
        }
        return turns;
    }

    @Test
    void aMultiTurnEpisodeIsOneRowTrainedExactlyOnTheAssistantTokens() {
        List<String> obs = List.of("You are in a kitchen. Goal: put a mug in a cupboard.", "You see a mug 1.", "You pick up the mug 1.");
        List<String> replies = List.of("THOUGHT: find it.\nACTION: walk to shelf 1", "ACTION: pick up mug 1 from shelf 1",
                "THOUGHT: now the cupboard — ünïcode too.\nACTION: walk to cupboard 1");
        List<EpisodeTokens.Row> rows = EpisodeTokens.rows(play(obs, replies));
        assertEquals(1, rows.size());
        EpisodeTokens.Row row = rows.getFirst();

        List<Message> all = new ArrayList<>();
        for (int t = 0; t < replies.size(); t++) {
            all.add(Message.user(obs.get(t)));
            all.add(Message.assistant(replies.get(t)));
        }
        TrainingExample te = encoder.trainingExample(all, ChatEncoder.TrainingOptions.ALL_TURNS);
        int[] ids = te.ids();
        boolean[] loss = te.loss();
        assertEquals(ids.length - 1, row.ids().length, "the row stops at the last <|im_end|>, before the template's newline");
        assertArrayEquals(java.util.Arrays.copyOf(ids, ids.length - 1), row.ids());
        for (int i = 0; i < row.ids().length; i++) {
            boolean expected = loss[i] && !(i > 0 && ids[i - 1] == imEnd);
            assertEquals(expected, row.trained()[i], "token " + i);
        }
        // old log-probs sit on the trained tokens, in order, and nowhere else
        List<Float> olds = new ArrayList<>();
        for (int i = 0; i < row.ids().length; i++) {
            if (row.trained()[i]) olds.add(row.oldLogprobs()[i]);
            else assertEquals(0f, row.oldLogprobs()[i]);
        }
        assertEquals(-1f, olds.getFirst());
        assertEquals(row.trainedTokens(), olds.size());
    }

    @Test
    void aPromptThatDoesNotExtendTheRowStartsAnother() {
        List<RolloutModel.Turn> turns = new ArrayList<>(play(List.of("Hello.", "More."), List.of("ACTION: look around", "ACTION: inventory")));
        // the second reply as sampled differs from its re-tokenized text: its ids are not a prefix of the next prompt
        RolloutModel.Turn first = turns.getFirst();
        int[] odd = first.generated().clone();
        odd[0] = odd[0] + 1;
        turns.set(0, new RolloutModel.Turn(first.prompt(), odd, first.logprobs(), true));
        List<EpisodeTokens.Row> rows = EpisodeTokens.rows(turns);
        assertEquals(2, rows.size());
        assertArrayEquals(turns.get(1).prompt(), java.util.Arrays.copyOf(rows.get(1).ids(), turns.get(1).prompt().length));
        assertEquals(turns.get(0).generated().length, rows.get(0).trainedTokens());
        assertEquals(turns.get(1).generated().length, rows.get(1).trainedTokens());
    }

    @Test
    void episodeNormalizationGivesEachEpisodeTheSameTotalWeight() {
        List<EpisodeTokens.Row> two = List.of(row(10), row(30));
        List<EpisodeTokens.Row> one = List.of(row(8));
        double w2 = EpisodeTokens.tokenWeight(two, GrpoConfig.LossNormalization.EPISODE);
        double w1 = EpisodeTokens.tokenWeight(one, GrpoConfig.LossNormalization.EPISODE);
        assertEquals(1.0, w2 * 40, 1e-12);  // an episode of 40 trained tokens over two rows
        assertEquals(1.0, w1 * 8, 1e-12);
        assertEquals(1.0, EpisodeTokens.tokenWeight(two, GrpoConfig.LossNormalization.TOKEN));
        assertEquals(0.0, EpisodeTokens.tokenWeight(List.of(row(0)), GrpoConfig.LossNormalization.EPISODE));
    }

    /** A row of one untrained prompt token then {@code trained} trained ones. */
    private static EpisodeTokens.Row row(int trained) {
        boolean[] flags = new boolean[trained + 1];
        java.util.Arrays.fill(flags, 1, flags.length, true);
        return new EpisodeTokens.Row(new int[trained + 1], flags, new float[trained + 1]);
    }
}
