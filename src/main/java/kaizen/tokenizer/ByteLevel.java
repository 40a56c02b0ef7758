package kaizen.tokenizer;

/**
 * GPT-2's byte-to-character table, which byte-level BPE vocabularies are written in: printable
 * bytes stand for themselves, the other 68 bytes are shifted to U+0100 and up so that no token
 * string holds a control character or a space.
 */
final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    /** Inverse of {@link #BYTE_TO_CHAR}; -1 for characters that stand for no byte. */
    private static final short[] CHAR_TO_BYTE = new short[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, (short) -1);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + shifted++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = (short) b;
        }
    }

    private ByteLevel() {}

    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a vocabulary character stands for, or -1. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The bytes a vocabulary string stands for, or null when one of its characters is no byte. */
    static byte[] bytesOf(String token) {
        byte[] out = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            int b = byteOf(token.charAt(i));
            if (b < 0) return null;
            out[i] = (byte) b;
        }
        return out;
    }
}
