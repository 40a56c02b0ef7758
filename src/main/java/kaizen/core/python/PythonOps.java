package kaizen.core.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The few Python built-ins AgentBench's DBBench scoring applies to evaluated answers. */
public final class PythonOps {
    private PythonOps() {}

    /**
     * Python's {@code list(x)}: the items of a list, tuple or set, the characters (code points) of a
     * str, the keys of a dict, the byte values of bytes/bytearray; empty (Python's TypeError) for
     * anything not iterable.
     */
    public static Optional<List<PyValue>> list(PyValue v) {
        return switch (v) {
            case PyList l -> Optional.of(l.items());
            case PyTuple t -> Optional.of(t.items());
            case PySet s -> Optional.of(s.items());
            case PyDict d -> Optional.of(d.keys());
            case PyStr s -> Optional.of(s.value().codePoints()
                    .mapToObj(cp -> (PyValue) new PyStr(Character.toString(cp))).toList());
            case PyByteString b -> Optional.of(byteValues(b.value()));
            default -> Optional.empty();
        };
    }

    private static List<PyValue> byteValues(byte[] bytes) {
        List<PyValue> out = new ArrayList<>(bytes.length);
        for (byte x : bytes) out.add(PyInt.of(x & 0xFF));
        return out;
    }

    /**
     * Python's {@code float(x)}. Empty where Python raises ValueError or TypeError.
     *
     * @throws ArithmeticException where Python raises OverflowError: an int too large for a double
     *     (callers that catch only ValueError/TypeError in Python must let this propagate)
     */
    public static Optional<Double> toFloat(PyValue v) {
        return switch (v) {
            case PyFloat f -> Optional.of(f.value());
            case PyBool b -> Optional.of(b.value() ? 1.0 : 0.0);
            case PyInt i -> Optional.of(intToFloat(i.value()));
            case PyStr s -> FloatParse.ofStr(s.value());
            case PyByteString b -> FloatParse.ofBytes(b.value());
            case PyDecimal d -> decimalToFloat(d);
            default -> Optional.empty();
        };
    }

    private static double intToFloat(BigInteger i) {
        // BigInteger.doubleValue rounds half-even like CPython; it gives infinity where Python raises.
        double d = i.doubleValue();
        if (Double.isInfinite(d)) throw new ArithmeticException("OverflowError: int too large to convert to float");
        return d;
    }

    /** Python converts a Decimal through its string, so this rounds exactly once; sNaN raises ValueError. */
    private static Optional<Double> decimalToFloat(PyDecimal d) {
        DecimalText p = d.parts();
        return switch (p.kind()) {
            case SNAN -> Optional.empty();
            case NAN -> Optional.of(Double.NaN);
            case INFINITY -> Optional.of(p.negative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            case FINITE -> Optional.of(Double.parseDouble(d.text()));
        };
    }

    /**
     * Python's {@code a == b} for these types: numbers compare by exact value across bool, int,
     * float and Decimal (1 == 1.0 == True, 0.1 != Decimal('0.1')), NaN equals nothing, str never
     * equals a number, bytes equals a bytearray with the same content, lists and tuples compare
     * elementwise but a list never equals a tuple, a date never equals a datetime.
     */
    public static boolean pyEquals(PyValue a, PyValue b) {
        if (isNumber(a) || isNumber(b)) return isNumber(a) && isNumber(b) && numbersEqual(a, b);
        return switch (a) {
            case PyNone n -> b instanceof PyNone;
            case PyStr s -> b instanceof PyStr t && s.value().equals(t.value());
            case PyByteString x -> b instanceof PyByteString y && Arrays.equals(x.value(), y.value());
            case PyList l -> b instanceof PyList m && elementwise(l.items(), m.items());
            case PyTuple t -> b instanceof PyTuple u && elementwise(t.items(), u.items());
            case PySet s -> b instanceof PySet t && setEquals(s.items(), t.items()).orElse(false);
            case PyDict d -> b instanceof PyDict e && dictEquals(d, e);
            case PyDate d -> b instanceof PyDate e && d.equals(e);
            case PyDateTime d -> b instanceof PyDateTime e && d.equals(e);
            case PyTimedelta d -> b instanceof PyTimedelta e && d.equals(e);
            default -> false;
        };
    }

    /**
     * Python's {@code set(a) == set(b)}: empty where building either set raises TypeError (an
     * unhashable element: list, dict, set, bytearray, or a tuple holding one); elements are the
     * same when Python's hash equality says so (1, 1.0 and True are one element). Every NaN is a
     * distinct element.
     */
    public static Optional<Boolean> setEquals(List<PyValue> a, List<PyValue> b) {
        Optional<Set<Object>> x = keys(a);
        if (x.isEmpty()) return Optional.empty();
        Optional<Set<Object>> y = keys(b);
        if (y.isEmpty()) return Optional.empty();
        return Optional.of(x.get().equals(y.get()));
    }

    /** Whether {@code hash(v)} succeeds in Python. */
    public static boolean isHashable(PyValue v) {
        return HashKey.isHashable(v);
    }

    /** Python's {@code str.isspace} for one code point (Unicode 14, as in Python 3.11). */
    static boolean isUnicodeSpace(int cp) {
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
                || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000
                || cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    }

    private static Optional<Set<Object>> keys(List<PyValue> items) {
        Set<Object> out = new HashSet<>();
        for (PyValue item : items) {
            Optional<Object> k = HashKey.of(item);
            if (k.isEmpty()) return Optional.empty();
            out.add(k.get());
        }
        return Optional.of(out);
    }

    private static boolean elementwise(List<PyValue> a, List<PyValue> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!pyEquals(a.get(i), b.get(i))) return false;
        }
        return true;
    }

    private static boolean dictEquals(PyDict a, PyDict b) {
        if (a.entries().size() != b.entries().size()) return false;
        Map<Object, PyValue> other = new HashMap<>();
        for (PyDict.Entry e : b.entries()) other.put(HashKey.of(e.key()).orElseThrow(), e.value());
        for (PyDict.Entry e : a.entries()) {
            PyValue v = other.get(HashKey.of(e.key()).orElseThrow());
            if (v == null || !pyEquals(e.value(), v)) return false;
        }
        return true;
    }

    private static boolean isNumber(PyValue v) {
        return v instanceof PyBool || v instanceof PyInt || v instanceof PyFloat || v instanceof PyDecimal;
    }

    /** Exact comparison; NaN (float or Decimal) is unequal to everything. */
    private static boolean numbersEqual(PyValue a, PyValue b) {
        Optional<Object> x = numericKey(a);
        Optional<Object> y = numericKey(b);
        return x.isPresent() && y.isPresent() && x.get().equals(y.get());
    }

    /** NaNs get no key here (rather than HashKey's unique one) so that they compare unequal. */
    private static Optional<Object> numericKey(PyValue v) {
        if (v instanceof PyFloat f && Double.isNaN(f.value())) return Optional.empty();
        if (v instanceof PyDecimal d && d.parts().kind() != DecimalText.Kind.FINITE
                && d.parts().kind() != DecimalText.Kind.INFINITY) return Optional.empty();
        return HashKey.of(v);
    }
}
