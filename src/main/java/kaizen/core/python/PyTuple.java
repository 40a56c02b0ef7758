package kaizen.core.python;

import java.util.List;

/** Python {@code tuple}. */
public record PyTuple(List<PyValue> items) implements PyValue {
    public PyTuple {
        items = List.copyOf(items);
    }

    public static PyTuple of(PyValue... items) {
        return new PyTuple(List.of(items));
    }

    @Override
    public String typeName() {
        return "tuple";
    }
}
