package kaizen.tokenizer;

/**
 * UTF-8 both ways with Rust's rules: encoding maps a lone surrogate to U+FFFD (Rust strings
 * cannot hold one), and lossy decoding replaces each maximal ill-formed subpart with one U+FFFD,
 * exactly as {@code String::from_utf8_lossy} does, so decoded text matches the reference's.
 */
final class Utf8 {
    private Utf8() {}

    /** Appends the UTF-8 bytes of {@code s[from, to)} to {@code out} from {@code at}; returns the new end. */
    static int encode(CharSequence s, int from, int to, byte[] out, int at) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[at++] = (byte) (0xF0 | (cp >> 18));
                out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (Character.isSurrogate(c)) c = '\uFFFD';
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return at;
    }

    /** Bytes {@code s[from, to)} takes in UTF-8. */
    static int length(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    static String decodeLossy(byte[] b, int len) {
        StringBuilder sb = new StringBuilder(len);
        int i = 0;
        while (i < len) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                sb.append((char) b0);
                i++;
                continue;
            }
            int need;
            int lo = 0x80, hi = 0xBF; // allowed range of the second byte
            if (b0 >= 0xC2 && b0 <= 0xDF) need = 1;
            else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                if (b0 == 0xE0) lo = 0xA0;
                if (b0 == 0xED) hi = 0x9F;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                if (b0 == 0xF0) lo = 0x90;
                if (b0 == 0xF4) hi = 0x8F;
            } else {
                sb.append('\uFFFD');
                i++;
                continue;
            }
            int cp = b0 & (0x3F >> need);
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                int bk = j < len ? b[j] & 0xFF : -1;
                int min = k == 0 ? lo : 0x80, max = k == 0 ? hi : 0xBF;
                if (bk < min || bk > max) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (bk & 0x3F);
            }
            if (ok) sb.appendCodePoint(cp);
            else sb.append('\uFFFD');
            i = j; // a failing byte is not consumed: it starts the next sequence
        }
        return sb.toString();
    }
}
