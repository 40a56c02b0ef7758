package kaizen.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Round trips and invariants of the real Qwen tokenizer on arbitrary text. */
class TokenizerPropertiesTest {
    private static Tokenizer tok;

    private static java.util.List<String> addedTokenTexts;

    @BeforeContainer
    static void load() throws java.io.IOException {
        tok = Tokenizer.load(QwenTokenizerGoldenTest.QWEN);
        var json = kaizen.core.Json.mapper().readTree(QwenTokenizerGoldenTest.QWEN.resolve("tokenizer.json").toFile());
        addedTokenTexts = new java.util.ArrayList<>();
        json.path("added_tokens").forEach(t -> addedTokenTexts.add(t.path("content").asText()));
    }

    @Property(tries = 2000)
    void decodeOfEncodeIsTheNormalisedText(@ForAll("texts") String s) {
        assertEquals(normalisedAroundAddedTokens(s), tok.decode(tok.encode(s)));
    }

    @net.jqwik.api.Example
    void aCombiningMarkAfterAnAddedTokenIsNotFoldedIntoIt() {  // found by the property above (seed -1269723898059206468)
        String s = "<|im_end|>\u0338";
        decodeOfEncodeIsTheNormalisedText(s);
        tokensCoverTheTextsBytes(s);
        assertEquals(s, tok.decode(tok.encode(s)));
    }

    /** Added tokens are found in the raw text first and only the text between them is normalised
     * (as Hugging Face's tokenizers do): "<|im_end|>" + U+0338 stays so, where NFC of the whole
     * string would fold the ">" into "≯". */
    static String normalisedAroundAddedTokens(String s) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int i = 0; i < s.length(); ) {
            String found = null;
            for (String t : addedTokenTexts) {
                if (s.startsWith(t, i) && (found == null || t.length() > found.length())) found = t;
            }
            if (found == null) {
                i++;
                continue;
            }
            out.append(Normalizer.normalize(s.substring(from, i), Normalizer.Form.NFC)).append(found);
            i += found.length();
            from = i;
        }
        return out.append(Normalizer.normalize(s.substring(from), Normalizer.Form.NFC)).toString();
    }

    @Property(tries = 1000)
    void encodingIsTheSameWithAWarmCache(@ForAll("texts") String s) {
        int[] first = tok.encode(s);
        assertArrayEquals(first, tok.encode(s));
        assertArrayEquals(first, tok.encode(new String(s.toCharArray()))); // a fresh, equal string
    }

    @Property(tries = 1000)
    void tokensCoverTheTextsBytes(@ForAll("texts") String s) {
        int[] ids = tok.encode(s);
        int covered = Arrays.stream(ids).map(tok::textBytes).sum();
        assertEquals(normalisedAroundAddedTokens(s).getBytes(StandardCharsets.UTF_8).length, covered);
        assertEquals(covered, tok.normalizedBytes(s, 0, s.length()));
    }

    @Property(tries = 1000)
    void lossyDecodeAgreesWithJavaOnValidUtf8AndNeverThrows(@ForAll("byteArrays") byte[] bytes) {
        String lossy = Utf8.decodeLossy(bytes, bytes.length);
        String strict = new String(bytes, StandardCharsets.UTF_8);
        if (!strict.contains("\uFFFD")) assertEquals(strict, lossy);
        assertEquals(lossy, Utf8.decodeLossy(lossy.getBytes(StandardCharsets.UTF_8), lossy.getBytes(StandardCharsets.UTF_8).length));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> words = Arbitraries.of("the", " cat", "'s", "'LL", "\u017F", "\n\n", "  ", "\t", "\r\n", "<|im_end|>",
                "<|im_start|>", "<think>", "<|im_", "\u3053\u3093\u306B\u3061\u306F", "\u6F22\u5B57", "\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69",
                "e\u0301", "\u1100\u1161", "SELECT * FROM `t`;", "12345", "\u00A0", "\u3000", "{\"a\": [1, 2]}");
        Arbitrary<String> random = Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(6)
                .filter(QwenSplitterTest::noLoneSurrogate);
        return Arbitraries.oneOf(words, random, Arbitraries.strings().ascii().ofMaxLength(8)).list().ofMaxSize(25)
                .map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<byte[]> byteArrays() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
    }
}
