package kaizen.core.python;

import java.util.Locale;
import java.util.Optional;

/**
 * Python's {@code float(str)} and {@code float(bytes)}: surrounding ASCII whitespace, a sign,
 * decimal digits with one optional point and an optional exponent, or inf/infinity/nan in any
 * case; single underscores only between digits. For {@code str} (but not bytes) CPython first maps
 * non-ASCII Unicode whitespace to a space and Unicode decimal digits (category Nd) to ASCII digits;
 * any other non-ASCII character makes the text invalid. Out-of-range values become inf or 0.0 as in
 * Python; Java's {@code Double.parseDouble} rounds correctly, as CPython's dtoa does.
 */
final class FloatParse {
    private FloatParse() {}

    static Optional<Double> ofStr(String s) {
        StringBuilder ascii = new StringBuilder(s.length());
        boolean allAscii = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                allAscii = false;
                break;
            }
        }
        if (allAscii) return ofAscii(s);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 127) ascii.append((char) cp);
            else if (PythonOps.isUnicodeSpace(cp)) ascii.append(' ');
            else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) ascii.append((char) ('0' + Character.digit(cp, 10)));
            else return Optional.empty();
        }
        return ofAscii(ascii.toString());
    }

    static Optional<Double> ofBytes(byte[] b) {
        StringBuilder ascii = new StringBuilder(b.length);
        for (byte x : b) {
            if (x < 0) return Optional.empty();
            ascii.append((char) x);
        }
        return ofAscii(ascii.toString());
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static Optional<Double> ofAscii(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isAsciiSpace(s.charAt(start))) start++;
        while (end > start && isAsciiSpace(s.charAt(end - 1))) end--;
        String t = s.substring(start, end);
        if (t.indexOf('_') >= 0) {
            t = removeUnderscores(t);
            if (t == null) return Optional.empty();
        }
        return parse(t);
    }

    /** Underscores are allowed only between two digits; null when misplaced. */
    private static String removeUnderscores(String t) {
        StringBuilder out = new StringBuilder(t.length());
        char prev = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '_') {
                if (!isDigit(prev)) return null;
            } else {
                if (prev == '_' && !isDigit(c)) return null;
                out.append(c);
            }
            prev = c;
        }
        return prev == '_' ? null : out.toString();
    }

    private static Optional<Double> parse(String t) {
        int i = 0;
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        String body = t.substring(i);
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return Optional.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (lower.equals("nan")) return Optional.of(Double.NaN);
        if (!isDecimalFloat(body)) return Optional.empty();
        double v = Double.parseDouble(body);
        return Optional.of(negative ? -v : v);
    }

    /** digits [. digits] | . digits, then optionally e[+-]digits; nothing else (Java would also take 0x.., 1d, 1f). */
    private static boolean isDecimalFloat(String b) {
        int i = 0;
        int n = b.length();
        int intDigits = 0;
        while (i < n && isDigit(b.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && b.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(b.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < n && (b.charAt(i) == 'e' || b.charAt(i) == 'E')) {
            i++;
            if (i < n && (b.charAt(i) == '+' || b.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < n && isDigit(b.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
