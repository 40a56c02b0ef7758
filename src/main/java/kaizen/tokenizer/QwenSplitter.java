package kaizen.tokenizer;

/**
 * Qwen's pre-tokenizer split, hand-compiled: the pieces that the Oniguruma regex
 * <pre>(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</pre>
 * finds, scanning left to right, with its backtracking worked out by hand (each branch's
 * comment says how). A scanner instead of java.util.regex for two reasons: speed (one pass,
 * no backtracking engine) and exactness (Java's {@code \s} is ASCII-only unless asked, and
 * Oniguruma's {@code \s} is Unicode White_Space, which no built-in Java predicate equals).
 * Every character matches some branch, so the pieces tile the text.
 */
final class QwenSplitter {
    /** The regex this class implements, as tokenizer.json spells it. */
    static final String PATTERN =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final byte OTHER = 0, LETTER = 1, NUMBER = 2, SPACE = 3, NEWLINE = 4;
    private static final byte[] BMP_CLASS = new byte[0x10000];

    static {
        for (int cp = 0; cp < 0x10000; cp++) BMP_CLASS[cp] = computeClass(cp);
    }

    /** Receives each piece as a [start, end) range of chars. */
    interface Sink {
        void piece(int start, int end);
    }

    private QwenSplitter() {}

    private static byte computeClass(int cp) {
        if (cp == '\r' || cp == '\n') return NEWLINE;
        if (isWhiteSpace(cp)) return SPACE;
        if (Character.isLetter(cp)) return LETTER;
        int type = Character.getType(cp);
        if (type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER) {
            return NUMBER;
        }
        return OTHER;
    }

    /** Unicode's White_Space property, which Oniguruma's {@code \s} matches. */
    private static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    private static byte classAt(CharSequence s, int i, int end) {
        char c = s.charAt(i);
        if (!Character.isHighSurrogate(c) || i + 1 >= end) return BMP_CLASS[c];
        char d = s.charAt(i + 1);
        return Character.isLowSurrogate(d) ? computeClass(Character.toCodePoint(c, d)) : BMP_CLASS[c];
    }

    private static int next(CharSequence s, int i, int end) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))
                ? i + 2
                : i + 1;
    }

    static void split(CharSequence s, int start, int end, Sink sink) {
        int i = start;
        while (i < end) {
            int j = pieceEnd(s, i, end);
            sink.piece(i, j);
            i = j;
        }
    }

    /** End of the piece that starts at {@code i}: the first branch of the regex that matches there. */
    private static int pieceEnd(CharSequence s, int i, int end) {
        char c = s.charAt(i);
        // (?i:'s|'t|'re|'ve|'m|'ll|'d): case-insensitive as Oniguruma folds, so U+017F (long s) is an 's'.
        if (c == '\'' && i + 1 < end) {
            int n = contraction(s, i + 1, end);
            if (n > 0) return i + 1 + n;
        }
        byte cls = classAt(s, i, end);
        int afterFirst = next(s, i, end);
        // [^\r\n\p{L}\p{N}]?\p{L}+ : a letter run, with one optional leading non-letter, non-number, non-newline.
        if (cls == LETTER) return letterRunEnd(s, afterFirst, end);
        if (cls != NUMBER && cls != NEWLINE && afterFirst < end && classAt(s, afterFirst, end) == LETTER) {
            return letterRunEnd(s, afterFirst, end);
        }
        // \p{N}: one number character.
        if (cls == NUMBER) return afterFirst;
        // ' ?[^\s\p{L}\p{N}]+[\r\n]*': an optional space, a run of other characters, trailing newlines.
        if (cls == OTHER) return newlineRunEnd(s, otherRunEnd(s, afterFirst, end), end);
        if (c == ' ' && afterFirst < end && classAt(s, afterFirst, end) == OTHER) {
            return newlineRunEnd(s, otherRunEnd(s, afterFirst, end), end);
        }
        // Whitespace. \s*[\r\n]+ : \s* takes the whole run and backtracks to the last newline in it.
        int runEnd = i;
        int lastNewlineEnd = -1;
        int prev = i;
        while (runEnd < end) {
            byte k = classAt(s, runEnd, end);
            if (k != SPACE && k != NEWLINE) break;
            prev = runEnd;
            runEnd = next(s, runEnd, end);
            if (k == NEWLINE) lastNewlineEnd = runEnd;
        }
        if (lastNewlineEnd > 0) return lastNewlineEnd;
        // \s+(?!\S): the whole run at the end of text; else the run less its last character, if that leaves one.
        if (runEnd == end) return runEnd;
        if (prev > i) return prev;
        // \s+ : a single whitespace character before a non-space.
        return runEnd;
    }

    private static int contraction(CharSequence s, int i, int end) {
        char a = Character.toLowerCase(s.charAt(i));
        if (a == 's' || a == '\u017F' || a == 't' || a == 'm' || a == 'd') return 1;
        if (i + 1 >= end) return 0;
        char b = Character.toLowerCase(s.charAt(i + 1));
        if ((a == 'r' || a == 'v') && b == 'e') return 2;
        if (a == 'l' && b == 'l') return 2;
        return 0;
    }

    private static int letterRunEnd(CharSequence s, int i, int end) {
        while (i < end && classAt(s, i, end) == LETTER) i = next(s, i, end);
        return i;
    }

    private static int otherRunEnd(CharSequence s, int i, int end) {
        while (i < end && classAt(s, i, end) == OTHER) i = next(s, i, end);
        return i;
    }

    private static int newlineRunEnd(CharSequence s, int i, int end) {
        while (i < end && classAt(s, i, end) == NEWLINE) i++;
        return i;
    }
}
