package kaizen.core.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import kaizen.core.JsonlRecord;
import org.junit.jupiter.api.Test;

/** float(), ==, set(a) == set(b) and list() against CPython 3.11 (golden/python/*.jsonl). */
class PyOpsGoldenTest {

    @Test
    void toFloatMatchesPythonFloat() {
        PyGolden.Failures failures = new PyGolden.Failures();
        for (JsonlRecord r : PyGolden.read("float_parse.jsonl")) {
            PyValue input = PyGolden.decode(r.node().get("input"));
            JsonNode result = r.node().get("result");
            Optional<Double> actual = PythonOps.toFloat(input);
            String where = "line " + r.line() + " float(" + PythonRepr.repr(input) + ")";
            if (result.get("t").textValue().equals("error")) {
                failures.check(actual.isEmpty(), where + ": Python raised, got " + actual.orElse(null));
            } else {
                double expected = PyGolden.bits(result.get("v").textValue());
                failures.check(actual.isPresent() && PyGolden.same(new PyFloat(expected), new PyFloat(actual.get())),
                        where + ": expected " + PythonRepr.floatText(expected) + " got " + actual.orElse(null));
            }
        }
        failures.assertNone("float()");
    }

    @Test
    void pyEqualsMatchesPythonEq() {
        PyGolden.Failures failures = new PyGolden.Failures();
        for (JsonlRecord r : PyGolden.read("equality.jsonl")) {
            PyValue a = PyGolden.decode(r.node().get("a"));
            PyValue b = PyGolden.decode(r.node().get("b"));
            boolean expected = r.node().get("eq").booleanValue();
            failures.check(PythonOps.pyEquals(a, b) == expected,
                    "line " + r.line() + ": " + PythonRepr.repr(a) + " == " + PythonRepr.repr(b) + " is " + (expected ? "True" : "False"));
        }
        assertTrue(failures.checked() > 5000);
        failures.assertNone("==");
    }

    @Test
    void setEqualsMatchesPythonSets() {
        PyGolden.Failures failures = new PyGolden.Failures();
        for (JsonlRecord r : PyGolden.read("set_equality.jsonl")) {
            List<PyValue> a = ((PyList) PyGolden.decode(r.node().get("a"))).items();
            List<PyValue> b = ((PyList) PyGolden.decode(r.node().get("b"))).items();
            JsonNode eq = r.node().get("eq");
            Optional<Boolean> expected = eq.isNull() ? Optional.empty() : Optional.of(eq.booleanValue());
            failures.check(PythonOps.setEquals(a, b).equals(expected),
                    "line " + r.line() + ": set(" + a + ") == set(" + b + ") is " + expected);
        }
        failures.assertNone("set ==");
    }

    @Test
    void listMatchesPythonList() {
        PyGolden.Failures failures = new PyGolden.Failures();
        for (JsonlRecord r : PyGolden.read("list.jsonl")) {
            PyValue input = PyGolden.decode(r.node().get("input"));
            JsonNode result = r.node().get("result");
            Optional<List<PyValue>> actual = PythonOps.list(input);
            String where = "line " + r.line() + " list(" + PythonRepr.repr(input) + ")";
            if (result.isNull()) {
                failures.check(actual.isEmpty(), where + ": Python raised TypeError");
                continue;
            }
            List<PyValue> expected = ((PyList) PyGolden.decode(result)).items();
            boolean ordered = r.node().get("ordered").booleanValue();
            failures.check(actual.isPresent() && (ordered ? PyGolden.sameInOrder(expected, actual.get())
                    : PyGolden.sameAnyOrder(expected, actual.get())), where + ": expected " + expected);
        }
        failures.assertNone("list()");
    }
}
