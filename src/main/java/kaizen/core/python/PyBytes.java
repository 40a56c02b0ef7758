package kaizen.core.python;

import java.util.Arrays;
import java.util.Objects;

/** Python {@code bytes}. Immutable: the array is copied in and out. */
public record PyBytes(byte[] value) implements PyValue {
    public PyBytes {
        value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Byte {@code i} as Python indexes it: 0..255. */
    public int at(int i) {
        return value[i] & 0xFF;
    }

    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyBytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "PyBytes[" + PythonRepr.repr(this) + "]";
    }

    @Override
    public String typeName() {
        return "bytes";
    }
}
