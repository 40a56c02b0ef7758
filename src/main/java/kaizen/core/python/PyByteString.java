package kaizen.core.python;

/**
 * Python's two byte strings, {@code bytes} and {@code bytearray}: equal to each other (in Python)
 * when their contents are, iterable as ints 0..255, parsed alike by {@code float()}; only
 * {@code bytes} is hashable. The records are immutable snapshots: arrays are copied in and out.
 */
public sealed interface PyByteString extends PyValue permits PyBytes, PyByteArray {
    /** A copy of the content. */
    byte[] value();
}
