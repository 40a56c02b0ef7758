package kaizen.tokenizer;

import java.util.Arrays;

/**
 * A conversation as training data: its token ids (exactly the ids of the rendered text) and
 * three loss masks over them. {@code loss} is true on every token of a trained assistant reply,
 * from the first token after "assistant\n" through the closing "&lt;|im_end|&gt;\n";
 * {@code reason} and {@code action} split those tokens for a Structured-Agent-Distillation
 * style loss: reason = the think block and the content before the action, action = the rest,
 * closing included. A token that straddles two regions belongs to both (as Hugging Face's
 * assistant masks count any token a span touches). Arrays are copied in and out.
 */
public record TrainingExample(int[] ids, boolean[] loss, boolean[] reason, boolean[] action) {
    public TrainingExample {
        if (loss.length != ids.length || reason.length != ids.length || action.length != ids.length) {
            throw new IllegalArgumentException("masks must have one entry per token");
        }
        ids = ids.clone();
        loss = loss.clone();
        reason = reason.clone();
        action = action.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public boolean[] loss() {
        return loss.clone();
    }

    @Override
    public boolean[] reason() {
        return reason.clone();
    }

    @Override
    public boolean[] action() {
        return action.clone();
    }

    public int size() {
        return ids.length;
    }

    /** How many tokens the loss is computed on. */
    public int trainedTokens() {
        int n = 0;
        for (boolean b : loss) if (b) n++;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingExample t && Arrays.equals(ids, t.ids) && Arrays.equals(loss, t.loss)
                && Arrays.equals(reason, t.reason) && Arrays.equals(action, t.action);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(loss);
    }

    @Override
    public String toString() {
        return "TrainingExample[" + ids.length + " tokens, " + trainedTokens() + " trained]";
    }
}
