package kaizen.core.python;

import java.math.BigInteger;
import java.util.Objects;

/** Python {@code int}: arbitrary precision. */
public record PyInt(BigInteger value) implements PyValue {
    public PyInt {
        Objects.requireNonNull(value, "value");
    }

    public static PyInt of(long value) {
        return new PyInt(BigInteger.valueOf(value));
    }

    @Override
    public String typeName() {
        return "int";
    }
}
