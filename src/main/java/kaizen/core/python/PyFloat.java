package kaizen.core.python;

/** Python {@code float}: an IEEE double. */
public record PyFloat(double value) implements PyValue {
    @Override
    public String typeName() {
        return "float";
    }
}
