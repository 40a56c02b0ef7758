package kaizen.core.python;

import java.util.List;

/** Python {@code list}. */
public record PyList(List<PyValue> items) implements PyValue {
    public PyList {
        items = List.copyOf(items);
    }

    public static PyList of(PyValue... items) {
        return new PyList(List.of(items));
    }

    @Override
    public String typeName() {
        return "list";
    }
}
