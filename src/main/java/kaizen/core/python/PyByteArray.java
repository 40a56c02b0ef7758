package kaizen.core.python;

import java.util.Arrays;
import java.util.Objects;

/** Python {@code bytearray}: like {@code bytes}, but unhashable (see {@link PyByteString}). */
public record PyByteArray(byte[] value) implements PyByteString {
    public PyByteArray {
        value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyByteArray b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "PyByteArray[" + PythonRepr.repr(this) + "]";
    }

    @Override
    public String typeName() {
        return "bytearray";
    }
}
