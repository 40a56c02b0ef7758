package kaizen.core.python;

/** Python {@code True} / {@code False}; numerically 1 and 0, as in Python. */
public record PyBool(boolean value) implements PyValue {
    public static final PyBool TRUE = new PyBool(true);
    public static final PyBool FALSE = new PyBool(false);

    public static PyBool of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public String typeName() {
        return "bool";
    }
}
