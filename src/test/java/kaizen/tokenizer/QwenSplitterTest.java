package kaizen.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The hand-compiled split against java.util.regex running the same pattern (with Unicode
 * classes, so {@code \s} is White_Space as in Oniguruma): the regex engine is the oracle for
 * the backtracking worked out by hand. The Unicode tables themselves are checked against the
 * reference by the differential test.
 */
class QwenSplitterTest {
    private static final Pattern ORACLE = Pattern.compile(QwenSplitter.PATTERN,
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE);

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        QwenSplitter.split(s, 0, s.length(), (a, b) -> out.add(s.substring(a, b)));
        return out;
    }

    static List<String> oracle(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = ORACLE.matcher(s);
        while (m.find()) out.add(m.group());
        return out;
    }

    @Test
    void splitsLikeTheRegexOnHandPickedCases() {
        // Expected lists are the reference's pre_tokenize_str output for the same strings.
        assertEquals(List.of("Hello", ",", " world", "'s", " ", " ", "1", "2", "3", "\n\n", "  ", " x"), split("Hello, world's  123\n\n   x"));
        assertEquals(List.of("don", "'T", " it", "'\u017F"), split("don'T it'\u017F"));
        assertEquals(List.of(" \n", "\t", "\tfoo", " ++\r\n", "\u3000"), split(" \n\t\tfoo ++\r\n\u3000"));
        assertEquals(List.of("\uD83D\uDE00abc", " \uD83D\uDC4D\uD83C\uDFFD"), split("\uD83D\uDE00abc \uD83D\uDC4D\uD83C\uDFFD"));
    }

    @Property(tries = 3000)
    void piecesTileTheTextAndMatchTheRegex(@ForAll("texts") String s) {
        List<String> pieces = split(s);
        assertEquals(s, String.join("", pieces));
        assertEquals(oracle(s), pieces);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> interesting = Arbitraries.of(' ', ' ', '\n', '\r', '\t', '\u000B', '\u0085', '\u00A0', '\u3000',
                '\u2028', '\'', 's', 'S', 't', 'r', 'e', 'v', 'm', 'l', 'd', '\u017F', 'a', 'Z', '1', '\u00BD', '\u2167', '!', '.',
                '<', '|', '\u3042', '\u6F22', '\u0301', '\u200B', '\uFEFF');
        Arbitrary<String> pieces = Arbitraries.oneOf(
                interesting.map(String::valueOf),
                Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(3).filter(QwenSplitterTest::noLoneSurrogate),
                Arbitraries.of("\uD83D\uDE00", "\uD835\uDC00", "\uD835\uDFCE", "\uD83C\uDDEF\uD83C\uDDF5"));
        return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
    }

    static boolean noLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return false;
        }
        return true;
    }
}
