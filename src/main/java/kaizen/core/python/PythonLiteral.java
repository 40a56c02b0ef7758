package kaizen.core.python;

import java.util.Arrays;
import java.util.Optional;

/**
 * What Python's {@code eval(source)} returns for literal expressions: numbers (with underscores,
 * hex/octal/binary, unary + - ~), strings in every quoting and prefix form with implicit
 * concatenation, None/True/False, tuples (including a bare top-level {@code 1, 2}), lists, sets,
 * dicts, nested. Everything else is empty: syntax errors, runtime errors of literal displays
 * (an unhashable set element or dict key), and valid Python that is not a literal (names, calls,
 * arithmetic, comprehensions, complex numbers, Ellipsis). Callers treat empty as "eval raised".
 */
public final class PythonLiteral {
    private PythonLiteral() {}

    public static Optional<PyValue> eval(String source) {
        // eval() strips leading spaces and tabs (only those) before compiling.
        int start = 0;
        while (start < source.length() && (source.charAt(start) == ' ' || source.charAt(start) == '\t')) start++;
        int[] code = prepare(source, start);
        if (code == null) return Optional.empty();
        try {
            return Optional.of(new LiteralParser(new LiteralLexer(code)).parseEvalInput());
        } catch (LiteralSyntaxError e) {
            return Optional.empty();
        }
    }

    /**
     * Code points with CPython's newline translation (\r\n and \r become \n); null where Python
     * refuses the source outright: a NUL character, or a lone surrogate (not encodable as UTF-8).
     */
    private static int[] prepare(String s, int start) {
        int[] out = new int[s.length() - start];
        int n = 0;
        for (int i = start; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return null;
            if (cp == '\r') {
                if (i < s.length() && s.charAt(i) == '\n') i++;
                cp = '\n';
            }
            out[n++] = cp;
        }
        return Arrays.copyOf(out, n);
    }
}
