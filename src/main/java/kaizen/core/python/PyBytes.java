package kaizen.core.python;

import java.util.Arrays;
import java.util.Objects;

/** Python {@code bytes} (see {@link PyByteString}). */
public record PyBytes(byte[] value) implements PyByteString {
    public PyBytes {
        value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
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
