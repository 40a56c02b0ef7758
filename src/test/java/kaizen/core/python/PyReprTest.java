package kaizen.core.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readable examples of repr(); the golden test covers thousands more. */
class PyReprTest {

    private static PyStr s(String v) {
        return new PyStr(v);
    }

    @Test
    void strQuotingAndEscapes() {
        assertEquals("'abc'", PythonRepr.str("abc"));
        assertEquals("\"it's\"", PythonRepr.str("it's"));
        assertEquals("'say \"hi\"'", PythonRepr.str("say \"hi\""));
        assertEquals("'both \\' and \"'", PythonRepr.str("both ' and \""));
        assertEquals("'a\\\\b\\n\\r\\t'", PythonRepr.str("a\\b\n\r\t"));
        assertEquals("'\\x00\\x7f\\x85\\xa0\\xad'", PythonRepr.str("\u0000\u007f\u0085\u00a0\u00ad"));
        assertEquals("'zero\\u200bwidth\\u3000\\ufeff'", PythonRepr.str("zero\u200bwidth\u3000\ufeff"));
        assertEquals("'\\ud800'", PythonRepr.str("\ud800"));
        assertEquals("'\\U000e0001\\U0010ffff'", PythonRepr.str("\uDB40\uDC01\uDBFF\uDFFF"));
        assertEquals("'中文 e\u0301 😀 \u00e9'", PythonRepr.str("中文 e\u0301 😀 \u00e9"));
    }

    @Test
    void floats() {
        String[][] cases = {
            {"12.0", "12.0"}, {"0.1", "0.1"}, {"1e16", "1e+16"}, {"1e-5", "1e-05"}, {"123456789.123", "123456789.123"},
            {"-0.0", "-0.0"}, {"1e15", "1000000000000000.0"}, {"0.0001", "0.0001"}, {"1.5e300", "1.5e+300"},
            {"4.9e-324", "5e-324"}, {"1e22", "1e+22"}, {"0.30000000000000004", "0.30000000000000004"},
        };
        for (String[] c : cases) assertEquals(c[1], PythonRepr.floatText(Double.parseDouble(c[0])), c[0]);
        assertEquals("inf", PythonRepr.floatText(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PythonRepr.floatText(Double.NEGATIVE_INFINITY));
        assertEquals("nan", PythonRepr.floatText(Double.NaN));
    }

    @Test
    void decimalsKeepTheirDigitsAndUsePythonsScientificRule() {
        assertEquals("Decimal('1.50')", PythonRepr.repr(new PyDecimal("1.50")));
        assertEquals("Decimal('1E-7')", PythonRepr.repr(new PyDecimal("0.0000001")));
        assertEquals("Decimal('0.000001')", PythonRepr.repr(new PyDecimal("0.000001")));
        assertEquals("Decimal('100')", PythonRepr.repr(new PyDecimal("100")));
        assertEquals("Decimal('1E+2')", PythonRepr.repr(new PyDecimal("1e2")));
        assertEquals("Decimal('-0.00')", PythonRepr.repr(new PyDecimal("-0.00")));
        assertEquals("Decimal('7.50')", PythonRepr.repr(new PyDecimal(" 007.50 ")));
        assertEquals("Decimal('NaN')", PythonRepr.repr(new PyDecimal("nan")));
        assertEquals("Decimal('-Infinity')", PythonRepr.repr(new PyDecimal("-inf")));
        assertThrows(IllegalArgumentException.class, () -> new PyDecimal("1.2.3"));
    }

    @Test
    void containersAndScalars() {
        assertEquals("('a',)", PythonRepr.repr(PyTuple.of(s("a"))));
        assertEquals("()", PythonRepr.repr(PyTuple.of()));
        assertEquals("[]", PythonRepr.repr(PyList.of()));
        assertEquals("set()", PythonRepr.repr(PySet.of()));
        assertEquals("{}", PythonRepr.repr(new PyDict(List.of())));
        assertEquals("[(\"O'Brien\", 12.0, None, True)]",
                PythonRepr.repr(PyList.of(PyTuple.of(s("O'Brien"), new PyFloat(12), PyNone.INSTANCE, PyBool.TRUE))));
        assertEquals("{1: 'a', 'k': [1, 2]}", PythonRepr.repr(new PyDict(List.of(
                new PyDict.Entry(PyInt.of(1), s("a")), new PyDict.Entry(s("k"), PyList.of(PyInt.of(1), PyInt.of(2)))))));
        assertEquals("123456789012345678901234567890", PythonRepr.repr(new PyInt(new BigInteger("123456789012345678901234567890"))));
        assertEquals("b'a\\'b\"'", PythonRepr.repr(new PyBytes("a'b\"".getBytes())));
        assertEquals("b\"it's\"", PythonRepr.repr(new PyBytes("it's".getBytes())));
        assertEquals("bytearray(b\"it\\'s\")", PythonRepr.repr(new PyByteArray("it's".getBytes())));
        assertEquals("b'\\x00\\xff\\t'", PythonRepr.repr(new PyBytes(new byte[] {0, (byte) 0xFF, 9})));
    }

    @Test
    void datesTimesAndDurations() {
        assertEquals("datetime.date(2020, 1, 5)", PythonRepr.repr(PyDate.of(2020, 1, 5)));
        assertEquals("datetime.datetime(2020, 1, 5, 13, 4)", PythonRepr.repr(PyDateTime.of(2020, 1, 5, 13, 4, 0, 0)));
        assertEquals("datetime.datetime(2020, 1, 5, 0, 0)", PythonRepr.repr(PyDateTime.of(2020, 1, 5, 0, 0, 0, 0)));
        assertEquals("datetime.datetime(2020, 1, 5, 13, 4, 5)", PythonRepr.repr(PyDateTime.of(2020, 1, 5, 13, 4, 5, 0)));
        assertEquals("datetime.datetime(2020, 1, 5, 13, 4, 0, 7)", PythonRepr.repr(PyDateTime.of(2020, 1, 5, 13, 4, 0, 7)));
        assertEquals("datetime.timedelta(days=1, seconds=5)", PythonRepr.repr(PyTimedelta.of(1, 5, 0)));
        assertEquals("datetime.timedelta(0)", PythonRepr.repr(PyTimedelta.of(0, 0, 0)));
        assertEquals("datetime.timedelta(days=-1, seconds=82800)", PythonRepr.repr(PyTimedelta.of(0, -3600, 0)));
        assertEquals("datetime.timedelta(microseconds=5)", PythonRepr.repr(PyTimedelta.of(0, 0, 5)));
    }

    @Test
    void setsAndDictsDeduplicateLikePython() {
        assertEquals("{1}", PythonRepr.repr(PySet.of(PyInt.of(1), new PyFloat(1.0), PyBool.TRUE)));
        assertEquals("{1: 'c'}", PythonRepr.repr(new PyDict(List.of(new PyDict.Entry(PyInt.of(1), s("a")),
                new PyDict.Entry(new PyFloat(1.0), s("b")), new PyDict.Entry(PyBool.TRUE, s("c"))))));
        assertThrows(IllegalArgumentException.class, () -> PySet.of(PyList.of()));
    }
}
