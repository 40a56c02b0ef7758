package kaizen.core.python;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Python {@code set}. Duplicates (by Python's hash equality: 1, 1.0 and True are one element)
 * are dropped keeping the first, as Python does when it builds a set. Elements keep the order
 * given; CPython prints sets in hash-table order, which for strings depends on the hash seed,
 * so {@link PythonRepr} can only match CPython for sets whose order the caller supplies.
 *
 * @throws IllegalArgumentException for an unhashable element (list, dict, set, bytearray)
 */
public record PySet(List<PyValue> items) implements PyValue {
    public PySet {
        List<PyValue> unique = new ArrayList<>(items.size());
        Set<Object> seen = new HashSet<>();
        for (PyValue item : items) {
            Object key = HashKey.of(item).orElseThrow(
                    () -> new IllegalArgumentException("unhashable type: '" + item.typeName() + "'"));
            if (seen.add(key)) unique.add(item);
        }
        items = List.copyOf(unique);
    }

    public static PySet of(PyValue... items) {
        return new PySet(List.of(items));
    }

    @Override
    public String typeName() {
        return "set";
    }
}
