package kaizen.train;

/**
 * The per-token flag byte of a shard (one bit each, so a token can be in several sets):
 * trained (in the loss), in the reason part, in the action part, first token of an example.
 * The worker's kaizen_worker/shards.py reads the same bits.
 */
public final class TokenFlags {
    public static final byte LOSS = 1;
    public static final byte REASON = 2;
    public static final byte ACTION = 4;
    public static final byte START = (byte) 0x80;

    private TokenFlags() {}

    /** Flags from the tokenizer's masks (one entry per token each). */
    public static byte[] of(boolean[] loss, boolean[] reason, boolean[] action) {
        if (reason.length != loss.length || action.length != loss.length) {
            throw new IllegalArgumentException("masks must have one entry per token");
        }
        byte[] flags = new byte[loss.length];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = (byte) ((loss[i] ? LOSS : 0) | (reason[i] ? REASON : 0) | (action[i] ? ACTION : 0));
        }
        return flags;
    }

    public static boolean has(byte flags, byte bit) {
        return (flags & bit) != 0;
    }
}
