package kaizen.core.python;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The value of one Python string literal from its prefix flags and the code points between its
 * quotes: escape sequences for str and bytes (as CPython 3.11 decodes them, keeping unknown
 * escapes such as {@code \d} as written), raw strings, and f-strings without replacement fields
 * ({@code {{} and {@code }}} only; a field is not a literal).
 */
final class StringLiteral {
    static final int BYTES = 1;
    static final int RAW = 2;
    static final int UNICODE = 4;
    static final int FORMAT = 8;

    private StringLiteral() {}

    static PyValue decode(int flags, int[] src, int start, int end) {
        boolean bytes = (flags & BYTES) != 0;
        boolean raw = (flags & RAW) != 0;
        int[] body = Arrays.copyOfRange(src, start, end);
        if (bytes) {
            for (int c : body) {
                if (c >= 128) throw LiteralLexer.fail("bytes can only contain ASCII literal characters");
            }
        }
        if ((flags & FORMAT) != 0) body = withoutFormatBraces(body, raw);
        if (bytes) return new PyBytes(raw ? latin1(body) : decodeBytes(body));
        return new PyStr(raw ? new String(body, 0, body.length) : decodeStr(body));
    }

    /**
     * Undoubles {@code {{} and {@code }}}; a single brace is a replacement field or an error. As in
     * CPython, an escaped brace ({@code \{}) keeps its backslash and still counts as a brace, and
     * {@code \N{...}} is an escape, not a field.
     */
    private static int[] withoutFormatBraces(int[] body, boolean raw) {
        int[] out = new int[body.length];
        int n = 0;
        int i = 0;
        while (i < body.length) {
            int c = body[i];
            if (!raw && c == '\\' && i + 1 < body.length) {
                int next = body[i + 1];
                if (next == 'N' && i + 2 < body.length && body[i + 2] == '{') {
                    int close = i + 3;
                    while (close < body.length && body[close] != '}') close++;
                    if (close >= body.length) throw LiteralLexer.fail("f-string: malformed \\N escape");
                    for (int k = i; k <= close; k++) out[n++] = body[k];
                    i = close + 1;
                    continue;
                }
                out[n++] = c;
                i++;
                if (next != '{' && next != '}') {
                    out[n++] = next;
                    i++;
                }
                continue;
            }
            if (c == '{' || c == '}') {
                if (i + 1 < body.length && body[i + 1] == c) {
                    out[n++] = c;
                    i += 2;
                    continue;
                }
                throw LiteralLexer.fail(c == '{' ? "f-string replacement field" : "f-string: single '}' is not allowed");
            }
            out[n++] = c;
            i++;
        }
        return Arrays.copyOf(out, n);
    }

    private static String decodeStr(int[] body) {
        StringBuilder out = new StringBuilder(body.length);
        int i = 0;
        while (i < body.length) {
            int c = body[i++];
            if (c != '\\' || i >= body.length) {
                out.appendCodePoint(c);
                continue;
            }
            int e = body[i++];
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.append((char) e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000B');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < body.length && body[i] >= '0' && body[i] <= '7'; k++) v = v * 8 + body[i++] - '0';
                    out.appendCodePoint(v);
                }
                case 'x' -> {
                    out.appendCodePoint(hex(body, i, 2));
                    i += 2;
                }
                case 'u' -> {
                    out.append((char) hex(body, i, 4));
                    i += 4;
                }
                case 'U' -> {
                    int v = hex(body, i, 8); // 8 hex digits can overflow an int: negative is too large too
                    if (v < 0 || v > Character.MAX_CODE_POINT) throw LiteralLexer.fail("illegal Unicode character");
                    out.appendCodePoint(v);
                    i += 8;
                }
                case 'N' -> i = namedCharacter(body, i, out);
                default -> out.append('\\').appendCodePoint(e);
            }
        }
        return out.toString();
    }

    private static byte[] decodeBytes(int[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int i = 0;
        while (i < body.length) {
            int c = body[i++];
            if (c != '\\' || i >= body.length) {
                out.write(c);
                continue;
            }
            int e = body[i++];
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.write(e);
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write(10);
                case 'r' -> out.write(13);
                case 't' -> out.write(9);
                case 'v' -> out.write(11);
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < body.length && body[i] >= '0' && body[i] <= '7'; k++) v = v * 8 + body[i++] - '0';
                    out.write(v & 0xFF); // CPython 3.11 keeps the low byte of \400..\777
                }
                case 'x' -> {
                    out.write(hex(body, i, 2));
                    i += 2;
                }
                default -> {
                    out.write('\\');
                    out.write(e);
                }
            }
        }
        return out.toByteArray();
    }

    /** Exactly {@code count} ASCII hex digits at {@code at}, or a "truncated escape" error. */
    private static int hex(int[] body, int at, int count) {
        if (at + count > body.length) throw LiteralLexer.fail("truncated escape");
        int v = 0;
        for (int k = at; k < at + count; k++) {
            int c = body[k];
            int d = c < 128 ? Character.digit(c, 16) : -1;
            if (d < 0) throw LiteralLexer.fail("truncated escape");
            v = v * 16 + d;
        }
        return v;
    }

    /**
     * {@code \N{name}} through Java's Unicode name table. Python also accepts name aliases and the
     * algorithmic names of CJK ideographs and Hangul syllables, which this does not; Java's
     * invented names for unnamed characters ("CJK UNIFIED IDEOGRAPHS 4E00") are rejected.
     */
    private static int namedCharacter(int[] body, int i, StringBuilder out) {
        if (i >= body.length || body[i] != '{') throw LiteralLexer.fail("malformed \\N character escape");
        int close = i + 1;
        while (close < body.length && body[close] != '}') close++;
        if (close >= body.length || close == i + 1) throw LiteralLexer.fail("malformed \\N character escape");
        String name = new String(body, i + 1, close - i - 1);
        int cp;
        try {
            if (!name.equals(name.strip()) || name.chars().anyMatch(ch -> ch >= 128)) throw new IllegalArgumentException();
            cp = Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            throw LiteralLexer.fail("unknown Unicode character name");
        }
        String invented = " " + Integer.toHexString(cp).toUpperCase(Locale.ROOT);
        if (name.toUpperCase(Locale.ROOT).endsWith(invented)) throw LiteralLexer.fail("unknown Unicode character name");
        out.appendCodePoint(cp);
        return close + 1;
    }

    private static byte[] latin1(int[] body) {
        byte[] out = new byte[body.length];
        for (int k = 0; k < body.length; k++) out[k] = (byte) body[k];
        return out;
    }
}
