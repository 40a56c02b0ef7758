package kaizen.core.python;

/** Python {@code None}. */
public record PyNone() implements PyValue {
    public static final PyNone INSTANCE = new PyNone();

    @Override
    public String typeName() {
        return "NoneType";
    }
}
