package kaizen.core.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import kaizen.core.JsonlRecord;
import org.junit.jupiter.api.Test;

/**
 * PythonLiteral.eval against CPython 3.11's eval (golden/python/literal_eval.jsonl): the same
 * value where Python evaluated a literal; empty where Python raised, or evaluated something that
 * is not a literal (arithmetic, attributes, names) or a type Kaizen does not model (complex).
 */
class PyLiteralGoldenTest {

    @Test
    void evalMatchesCPythonForEveryGoldenSource() {
        PyGolden.Failures failures = new PyGolden.Failures();
        int values = 0;
        for (JsonlRecord r : PyGolden.read("literal_eval.jsonl")) {
            String src = r.node().get("src").textValue();
            Optional<PyValue> actual = PythonLiteral.eval(src);
            String shown = PythonRepr.str(src.length() > 120 ? src.substring(0, 120) + "..." : src);
            if (r.node().get("expect").textValue().equals("value")) {
                values++;
                PyValue expected = PyGolden.decode(r.node().get("value"));
                failures.check(actual.isPresent() && PyGolden.same(expected, actual.get()),
                        "line " + r.line() + " " + shown + ": expected " + PythonRepr.repr(expected)
                                + " got " + actual.map(PythonRepr::repr).orElse("<error>"));
            } else {
                failures.check(actual.isEmpty(), "line " + r.line() + " " + shown + ": Python gave "
                        + r.node().get("error").textValue() + " but got " + actual.map(PythonRepr::repr).orElse(""));
            }
        }
        assertTrue(values > 1500, "golden file should hold many successful evaluations");
        failures.assertNone("eval");
    }
}
