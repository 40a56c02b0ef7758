package kaizen.core.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Readable examples of PythonLiteral.eval; the golden test covers thousands more. */
class PyLiteralTest {

    private static String eval(String src) {
        return PythonLiteral.eval(src).map(PythonRepr::repr).orElse("<error>");
    }

    @Test
    void dbBenchAnswers() {
        assertEquals("['a', 'b']", eval(" [\"a\", \"b\"]"));
        assertEquals("5", eval(" 5"));
        assertEquals("'5'", eval(" '5'"));
        assertEquals("[5.0]", eval(" [5.0]"));
        assertEquals("<error>", eval(" abc"));
        assertEquals("None", eval(" None"));
        assertEquals("[('Alice', 30), ('Bob', 25)]", eval("[('Alice', 30), ('Bob', 25)]"));
        assertEquals("<error>", eval(""));
        assertEquals("<error>", eval("\n  1"));
    }

    @Test
    void numbers() {
        assertEquals("1000", eval("1_000"));
        assertEquals("255", eval("0xff"));
        assertEquals("-8", eval("-0o10"));
        assertEquals("5", eval("0b101"));
        assertEquals("-2", eval("~True"));
        assertEquals("1e+16", eval("1e16"));
        assertEquals("0.5", eval(".5"));
        assertEquals("inf", eval("1e999"));
        assertEquals("<error>", eval("012"));
        assertEquals("<error>", eval("1__0"));
        assertEquals("<error>", eval("1j"));
        assertEquals("<error>", eval("1 + 2"));
        assertEquals("<error>", eval("-'a'"));
    }

    @Test
    void strings() {
        assertEquals("'ab'", eval("'a' \"b\""));
        assertEquals("'a\\nb'", eval("'''a\nb'''"));
        assertEquals("'\\\\n'", eval("r'\\n'"));
        assertEquals("b'\\x00A'", eval("b'\\0\\x41'"));
        assertEquals("'é😀'", eval("'\\u00e9\\U0001F600'"));
        assertEquals("'a'", eval("'\\N{LATIN SMALL LETTER A}'"));
        assertEquals("'\\\\d'", eval("'\\d'"));
        assertEquals("'{x}'", eval("f'{{x}}'"));
        assertEquals("<error>", eval("f'{x}'"));
        assertEquals("<error>", eval("'a' b'b'"));
        assertEquals("<error>", eval("'unterminated"));
    }

    @Test
    void containers() {
        assertEquals("(1, 2)", eval("1, 2"));
        assertEquals("(1,)", eval("1,"));
        assertEquals("1", eval("(1)"));
        assertEquals("()", eval("()"));
        assertEquals("{}", eval("{}"));
        assertEquals("{1}", eval("{1, 1.0, True}"));
        assertEquals("{'a': [1, (2,)]}", eval("{'a': [1, (2,),],}"));
        assertEquals("<error>", eval("{[1]}"));
        assertEquals("<error>", eval("[1, 2][0]"));
        assertEquals("[1, 2]", eval("[1, # one\n 2]"));
    }

    @Test
    void deepNestingIsRejectedLikeCPythonNotByStackOverflow() {
        assertTrue(PythonLiteral.eval("[".repeat(200) + "]".repeat(200)).isPresent());
        assertEquals(Optional.empty(), PythonLiteral.eval("[".repeat(201) + "]".repeat(201)));
        assertEquals(Optional.empty(), PythonLiteral.eval("-".repeat(100_000) + "1"));
        assertEquals(Optional.empty(), PythonLiteral.eval("[".repeat(100_000)));
    }

    @Test
    void sourcesPythonCannotEncodeAreErrors() {
        assertEquals("<error>", eval("'\u0000'"));
        assertEquals("<error>", eval("'\ud800'"));
        assertEquals("'\\ud800'", eval("'\\ud800'"));
    }
}
