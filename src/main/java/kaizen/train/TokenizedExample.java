package kaizen.train;

import java.util.Arrays;

/**
 * One training example as tokens: ids and a flag byte per token ({@link TokenFlags}; the START bit
 * is the shard writer's to set). Arrays are copied in and out.
 */
public record TokenizedExample(int[] ids, byte[] flags) {
    public TokenizedExample {
        if (ids.length != flags.length) throw new IllegalArgumentException("one flag byte per token");
        if (ids.length == 0) throw new IllegalArgumentException("an example needs at least one token");
        ids = ids.clone();
        flags = flags.clone();
        for (int i = 0; i < flags.length; i++) flags[i] &= (byte) ~TokenFlags.START;
    }

    /** A prompt (untrained) followed by a completion whose {@code trained} tokens are in the loss. */
    public static TokenizedExample completion(int[] prompt, int[] completion, boolean[] trained) {
        int[] ids = Arrays.copyOf(prompt, prompt.length + completion.length);
        System.arraycopy(completion, 0, ids, prompt.length, completion.length);
        byte[] flags = new byte[ids.length];
        for (int i = 0; i < completion.length; i++) if (trained[i]) flags[prompt.length + i] = TokenFlags.LOSS;
        return new TokenizedExample(ids, flags);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public byte[] flags() {
        return flags.clone();
    }

    public int size() {
        return ids.length;
    }

    public int trainedTokens() {
        int n = 0;
        for (byte f : flags) if (TokenFlags.has(f, TokenFlags.LOSS)) n++;
        return n;
    }

    int id(int i) {
        return ids[i];
    }

    byte flag(int i) {
        return flags[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedExample t && Arrays.equals(ids, t.ids) && Arrays.equals(flags, t.flags);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(flags);
    }

    @Override
    public String toString() {
        return "TokenizedExample[" + ids.length + " tokens, " + trainedTokens() + " trained]";
    }
}
