package kaizen.core.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import kaizen.core.Json;
import org.junit.jupiter.api.Test;

/** Readable examples of PythonOps and PyJson; the golden tests cover many more. */
class PyOpsTest {

    private static PyStr s(String v) {
        return new PyStr(v);
    }

    @Test
    void listOfStrGivesCodePoints() {
        assertEquals(List.of(s(" "), s("'"), s("a"), s("😀")), PythonOps.list(s(" 'a😀")).orElseThrow());
        assertEquals(List.of(PyInt.of(0), PyInt.of(255)), PythonOps.list(new PyBytes(new byte[] {0, -1})).orElseThrow());
        assertEquals(Optional.empty(), PythonOps.list(PyInt.of(5)));
        assertEquals(Optional.empty(), PythonOps.list(PyNone.INSTANCE));
    }

    @Test
    void toFloatFollowsPythonFloat() {
        assertEquals(Optional.of(1.5), PythonOps.toFloat(s(" 1.5\n")));
        assertEquals(Optional.of(1000.0), PythonOps.toFloat(s("1_000")));
        assertEquals(Optional.of(Double.NEGATIVE_INFINITY), PythonOps.toFloat(s("-Infinity")));
        assertEquals(Optional.of(123.0), PythonOps.toFloat(s("\u0661\u0662\u0663")));
        assertEquals(Optional.empty(), PythonOps.toFloat(s("1_")));
        assertEquals(Optional.empty(), PythonOps.toFloat(s("0x10")));
        assertEquals(Optional.empty(), PythonOps.toFloat(s("1.5f")));
        assertEquals(Optional.empty(), PythonOps.toFloat(PyNone.INSTANCE));
        assertEquals(Optional.of(1.0), PythonOps.toFloat(PyBool.TRUE));
        assertThrows(ArithmeticException.class, () -> PythonOps.toFloat(new PyInt(BigInteger.TEN.pow(400))));
    }

    @Test
    void equality() {
        assertTrue(PythonOps.pyEquals(PyInt.of(1), new PyFloat(1.0)));
        assertTrue(PythonOps.pyEquals(PyBool.TRUE, new PyDecimal("1.00")));
        assertFalse(PythonOps.pyEquals(new PyFloat(0.1), new PyDecimal("0.1")));
        assertFalse(PythonOps.pyEquals(s("1"), PyInt.of(1)));
        assertFalse(PythonOps.pyEquals(new PyFloat(Double.NaN), new PyFloat(Double.NaN)));
        assertFalse(PythonOps.pyEquals(PyList.of(PyInt.of(1)), PyTuple.of(PyInt.of(1))));
        assertTrue(PythonOps.pyEquals(new PyBytes(new byte[] {1}), new PyByteArray(new byte[] {1})));
    }

    @Test
    void setEquality() {
        assertEquals(Optional.of(true), PythonOps.setEquals(List.of(PyInt.of(1), s("a")), List.of(s("a"), PyBool.TRUE, new PyFloat(1))));
        assertEquals(Optional.of(false), PythonOps.setEquals(List.of(s("1")), List.of(PyInt.of(1))));
        assertEquals(Optional.empty(), PythonOps.setEquals(List.of(PyList.of()), List.of()));
        assertEquals(Optional.empty(), PythonOps.setEquals(List.of(), List.of(PyTuple.of(PyList.of()))));
        // Every NaN is its own element: Python's identity shortcut for one shared NaN object is not modelled.
        assertEquals(Optional.of(false), PythonOps.setEquals(List.of(new PyFloat(Double.NaN)), List.of(new PyFloat(Double.NaN))));
    }

    @Test
    void jsonLabelsBecomeWhatJsonLoadsGives() throws Exception {
        PyValue v = PyJson.fromJson(Json.parse("[\"a\", 1, 1.5, 1e400, null, true, [2], {\"k\": NaN}]"));
        assertEquals("['a', 1, 1.5, inf, None, True, [2], {'k': nan}]", PythonRepr.repr(v));
        assertEquals("[0.1, 12345678901234567890123]", PythonRepr.repr(PyJson.fromJson(Json.parse("[0.1, 12345678901234567890123]"))));
    }
}
