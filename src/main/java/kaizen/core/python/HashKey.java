package kaizen.core.python;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Java keys whose {@code equals} is Python's hash equality, so Java hash sets can stand in for
 * Python sets and dict keys. Numbers of any type with the same value share a key (1, 1.0, True,
 * Decimal('1.00')); a NaN gets a fresh key, so it matches nothing, as two distinct NaN objects
 * don't in Python (Python's identity shortcut for the very same NaN object is not modelled).
 */
final class HashKey {
    private HashKey() {}

    private record Num(BigDecimal value) {}

    private record Inf(boolean negative) {}

    private record Str(String value) {}

    private record Bytes(List<Integer> value) {}

    private record Tuple(List<Object> items) {}

    private static final Object NONE = new Object();

    /** The key, or empty when Python would raise "unhashable type". */
    static Optional<Object> of(PyValue v) {
        return switch (v) {
            case PyNone n -> Optional.of(NONE);
            case PyBool b -> Optional.of(number(b.value() ? BigDecimal.ONE : BigDecimal.ZERO));
            case PyInt i -> Optional.of(number(new BigDecimal(i.value())));
            case PyFloat f -> Optional.of(floatKey(f.value()));
            case PyDecimal d -> decimalKey(d);
            case PyStr s -> Optional.of(new Str(s.value()));
            case PyBytes b -> Optional.of(new Bytes(unsigned(b.value())));
            case PyTuple t -> tupleKey(t);
            case PyDate d -> Optional.of(d);
            case PyDateTime d -> Optional.of(d);
            case PyTimedelta d -> Optional.of(d);
            case PyByteArray b -> Optional.empty();
            case PyList l -> Optional.empty();
            case PySet s -> Optional.empty();
            case PyDict d -> Optional.empty();
        };
    }

    private static Object number(BigDecimal exact) {
        // stripTrailingZeros makes 1, 1.0 and 1.00 one key (BigDecimal.equals compares the scale).
        return new Num(exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros());
    }

    private static Object floatKey(double d) {
        if (Double.isNaN(d)) return new Object();
        if (Double.isInfinite(d)) return new Inf(d < 0);
        return number(new BigDecimal(d));
    }

    private static Optional<Object> decimalKey(PyDecimal d) {
        DecimalText p = d.parts();
        return switch (p.kind()) {
            case SNAN -> Optional.empty(); // Python: "Cannot hash a signaling NaN value"
            case NAN -> Optional.of(new Object());
            case INFINITY -> Optional.of(new Inf(p.negative()));
            case FINITE -> Optional.of(p.exactValue().<Object>map(HashKey::number)
                    .orElseGet(() -> hugeDecimal(p)));
        };
    }

    /** A decimal beyond BigDecimal's exponent range can only equal another such decimal. */
    private record HugeDecimal(boolean negative, String digits, long exponent) {}

    private static Object hugeDecimal(DecimalText p) {
        String digits = p.digits();
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        return new HugeDecimal(p.negative(), digits.substring(0, end), p.exponent() + (digits.length() - end));
    }

    private static Optional<Object> tupleKey(PyTuple t) {
        List<Object> keys = new ArrayList<>(t.items().size());
        for (PyValue item : t.items()) {
            Optional<Object> k = of(item);
            if (k.isEmpty()) return Optional.empty();
            keys.add(k.get());
        }
        return Optional.of(new Tuple(keys));
    }

    private static List<Integer> unsigned(byte[] bytes) {
        Integer[] out = new Integer[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xFF;
        return Arrays.asList(out);
    }

    static boolean isHashable(PyValue v) {
        return of(v).isPresent();
    }
}
