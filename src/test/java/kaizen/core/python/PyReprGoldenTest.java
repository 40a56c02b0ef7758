package kaizen.core.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import kaizen.core.JsonlRecord;
import org.junit.jupiter.api.Test;

/** repr() of thousands of values against what CPython 3.11 printed (golden/python/repr.jsonl). */
class PyReprGoldenTest {

    @Test
    void reprMatchesCPythonForEveryGoldenValue() {
        PyGolden.Failures failures = new PyGolden.Failures();
        for (JsonlRecord r : PyGolden.read("repr.jsonl")) {
            PyValue v = PyGolden.decode(r.node().get("value"));
            String expected = r.node().get("repr").textValue();
            String actual = PythonRepr.repr(v);
            failures.check(expected.equals(actual), "line " + r.line() + ": expected " + expected + " got " + actual);
        }
        assertTrue(failures.checked() > 8000);
        failures.assertNone("repr");
    }

    @Test
    void floatTextAndStrShortcutsAgreeWithRepr() {
        PyGolden.Failures failures = new PyGolden.Failures();
        for (JsonlRecord r : PyGolden.read("repr.jsonl")) {
            PyValue v = PyGolden.decode(r.node().get("value"));
            String expected = r.node().get("repr").textValue();
            if (v instanceof PyFloat f) {
                StringBuilder sb = new StringBuilder("x");
                PythonRepr.floatText(sb, f.value());
                failures.check(sb.toString().equals("x" + expected), "float line " + r.line() + ": " + sb);
            } else if (v instanceof PyStr s) {
                failures.check(PythonRepr.str(s.value()).equals(expected), "str line " + r.line());
            }
        }
        failures.assertNone("shortcuts");
    }
}
