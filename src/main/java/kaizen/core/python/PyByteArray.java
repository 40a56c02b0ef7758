package kaizen.core.python;

import java.util.Arrays;
import java.util.Objects;

/**
 * Python {@code bytearray}: equal to {@code bytes} with the same content, but unhashable.
 * This record is an immutable snapshot; the array is copied in and out.
 */
public record PyByteArray(byte[] value) implements PyValue {
    public PyByteArray {
        value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int at(int i) {
        return value[i] & 0xFF;
    }

    public int length() {
        return value.length;
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
