package kaizen.train;

import java.util.Arrays;

/**
 * A DPO example as tokens: the shared prompt and two completions, the preferred one first, each
 * completion with the tokens that count in its log-probability (all of them for token data; the
 * assistant replies only when a completion spans several turns). Stored as two consecutive shard
 * records (prompt + chosen, prompt + rejected).
 */
public record PreferencePair(int[] prompt, int[] chosen, int[] rejected, boolean[] chosenTrained, boolean[] rejectedTrained) {
    public PreferencePair {
        if (chosen.length == 0 || rejected.length == 0) throw new IllegalArgumentException("empty completion");
        if (chosenTrained.length != chosen.length || rejectedTrained.length != rejected.length) {
            throw new IllegalArgumentException("one trained flag per completion token");
        }
        prompt = prompt.clone();
        chosen = chosen.clone();
        rejected = rejected.clone();
        chosenTrained = chosenTrained.clone();
        rejectedTrained = rejectedTrained.clone();
    }

    /** Every completion token trained. */
    public PreferencePair(int[] prompt, int[] chosen, int[] rejected) {
        this(prompt, chosen, rejected, all(chosen.length), all(rejected.length));
    }

    public TokenizedExample chosenExample() {
        return TokenizedExample.completion(prompt, chosen, chosenTrained);
    }

    public TokenizedExample rejectedExample() {
        return TokenizedExample.completion(prompt, rejected, rejectedTrained);
    }

    public int longest() {
        return prompt.length + Math.max(chosen.length, rejected.length);
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return b;
    }
}
