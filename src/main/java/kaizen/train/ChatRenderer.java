package kaizen.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import kaizen.core.KaizenException;
import kaizen.core.Message;
import kaizen.tokenizer.ChatEncoder;
import kaizen.tokenizer.ChatEncoder.TrainingOptions;
import kaizen.tokenizer.TrainingExample;

/**
 * {@link ExampleRenderer} over Kaizen's tokenizer: the text a model sees is the chat template's
 * rendering, its ids Kaizen's Qwen tokenizer, and the trained tokens exactly those of the
 * assistant replies (content through the closing "&lt;|im_end|&gt;\n"), as
 * {@link ChatEncoder#trainingExample} marks them.
 */
public record ChatRenderer(ChatEncoder encoder) implements ExampleRenderer {

    /** The renderer for data.format messages: the model folder's tokenizer.json and the named template. */
    public static ChatRenderer of(ModelFolder model, String template) {
        return new ChatRenderer(ChatEncoder.forModel(model.folder(), template));
    }

    @Override
    public TokenizedExample sft(List<Message> conversation, IntPredicate trainedMessage) {
        TrainingExample e = encoder.trainingExample(conversation, TrainingOptions.ALL_TURNS.onlyMessages(trainedMessage));
        return new TokenizedExample(e.ids(), TokenFlags.of(e.loss(), e.reason(), e.action()));
    }

    /**
     * The prompt's tokens are those of the prompt rendered alone: every turn ends with
     * "&lt;|im_end|&gt;\n" and the next starts with a special token, so the token boundary is clean
     * (checked: a template that rewrites earlier turns is refused).
     */
    @Override
    public PreferencePair dpo(List<Message> prompt, List<Message> chosen, List<Message> rejected) {
        int[] promptIds = encoder.trainingExample(prompt, TrainingOptions.ALL_TURNS).ids();
        TrainingExample c = continuation(prompt, chosen, promptIds);
        TrainingExample r = continuation(prompt, rejected, promptIds);
        int p = promptIds.length;
        return new PreferencePair(promptIds, tail(c.ids(), p), tail(r.ids(), p), tail(c.loss(), p), tail(r.loss(), p));
    }

    private TrainingExample continuation(List<Message> prompt, List<Message> completion, int[] promptIds) {
        List<Message> all = new ArrayList<>(prompt);
        all.addAll(completion);
        TrainingExample e = encoder.trainingExample(all, TrainingOptions.ALL_TURNS.onlyMessages(i -> i >= prompt.size()));
        int[] ids = e.ids();
        if (ids.length <= promptIds.length || !Arrays.equals(ids, 0, promptIds.length, promptIds, 0, promptIds.length)) {
            throw new KaizenException("chat template " + encoder.template().name()
                    + " does not render the DPO prompt as a prefix of prompt + completion; use data.format tokens");
        }
        return e;
    }

    private static int[] tail(int[] a, int from) {
        return Arrays.copyOfRange(a, from, a.length);
    }

    private static boolean[] tail(boolean[] a, int from) {
        return Arrays.copyOfRange(a, from, a.length);
    }
}
