package kaizen.core.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python 3.11's {@code str} methods that reference protocols apply to model output: strip(),
 * split() with no argument, lower(), isalpha(). Whitespace is str.isspace (Unicode 14); all work
 * on code points, as Python does, not on UTF-16 units.
 */
public final class PyStrings {
    private PyStrings() {}

    /** {@code str.isspace()} for one code point. */
    public static boolean isSpace(int cp) {
        return PythonOps.isUnicodeSpace(cp);
    }

    /** {@code str.isalpha()} for one code point: general category Lu, Ll, Lt, Lm or Lo. */
    public static boolean isAlpha(int cp) {
        return Character.isLetter(cp);
    }

    /** {@code s.strip()}: removes leading and trailing whitespace. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isSpace(cp)) break;
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) break;
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    /** {@code s.split()}: the runs of non-whitespace, no empty strings. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
            int start = i;
            while (i < n && !isSpace(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
            if (i > start) out.add(s.substring(start, i));
        }
        return out;
    }

    /**
     * {@code s.lower()}: full Unicode lower-casing with the special cases (final sigma, dotted
     * capital I), which Java's root-locale {@code toLowerCase} applies the same way.
     */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
