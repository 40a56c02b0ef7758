package kaizen.train;

/**
 * A DPO example as tokens: the shared prompt and two completions, the preferred one first.
 * Stored as two consecutive shard records (prompt + chosen, prompt + rejected), completions trained.
 */
public record PreferencePair(int[] prompt, int[] chosen, int[] rejected) {
    public PreferencePair {
        if (chosen.length == 0 || rejected.length == 0) throw new IllegalArgumentException("empty completion");
        prompt = prompt.clone();
        chosen = chosen.clone();
        rejected = rejected.clone();
    }

    public TokenizedExample chosenExample() {
        return TokenizedExample.completion(prompt, chosen);
    }

    public TokenizedExample rejectedExample() {
        return TokenizedExample.completion(prompt, rejected);
    }

    public int longest() {
        return prompt.length + Math.max(chosen.length, rejected.length);
    }
}
