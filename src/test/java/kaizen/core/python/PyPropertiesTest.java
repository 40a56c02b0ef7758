package kaizen.core.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties that must hold for any input, not just the golden ones. */
class PyPropertiesTest {

    @Provide
    Arbitrary<String> anyStrings() {
        char[] tricky = {'\'', '"', '\\', '\n', '\r', '\t', '\0', '\u007f', '\u00a0', '\u200b', '\u2028', '\ud800',
            '\udc00', '\ue000', '\ufeff', '{', '}', '#', 'N', 'x', 'u'};
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars(tricky).withCharRange('\u0000', '\u00ff').ofMaxLength(40),
                Arbitraries.strings().withCharRange(Character.MIN_VALUE, Character.MAX_VALUE).ofMaxLength(20));
    }

    @Property(tries = 3000)
    void evalOfReprOfAStringGivesTheString(@ForAll("anyStrings") String s) {
        assertEquals(Optional.of(new PyStr(s)), PythonLiteral.eval(PythonRepr.str(s)));
    }

    @Provide
    Arbitrary<Double> anyFiniteDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.doubles(),
                Arbitraries.longs().between(0, 1L << 20).map(Double::longBitsToDouble))
                .filter(d -> !d.isNaN() && !d.isInfinite());
    }

    @Property(tries = 5000)
    void floatTextReadsBackAsTheSameDouble(@ForAll("anyFiniteDoubles") double d) {
        String text = PythonRepr.floatText(d);
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
        // and Python would read it back too: eval of the repr is the same float
        PyValue back = PythonLiteral.eval(text).orElseThrow();
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(((PyFloat) back).value()), text);
    }

    @Provide
    Arbitrary<String> sourceLike() {
        Arbitrary<String> pieces = Arbitraries.of("(", ")", "[", "]", "{", "}", ",", ":", "-", "+", "~", " ", "\t",
                "\n", "\r", "\f", "\\", "\\\n", "#", "'", "\"", "'''", "\"\"\"", "0", "1", "9", "_", ".", "e", "j", "x",
                "o", "b", "r", "u", "f", "N", "None", "True", "é", "\u0000", "\ud800", "{{", "}}", "\\x", "\\u", "\\N{");
        return Arbitraries.oneOf(
                pieces.list().ofMaxSize(30).map(l -> String.join("", l)),
                Arbitraries.strings().all().ofMaxLength(30));
    }

    @Property(tries = 10000)
    void evalNeverThrows(@ForAll("sourceLike") String source) {
        Optional<PyValue> v = PythonLiteral.eval(source);
        v.ifPresent(PythonRepr::repr);
    }

    @Property(tries = 2000)
    void toFloatNeverThrowsOnStrings(@ForAll("sourceLike") String s) {
        PythonOps.toFloat(new PyStr(s));
    }
}
