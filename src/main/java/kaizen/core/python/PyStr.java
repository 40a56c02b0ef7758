package kaizen.core.python;

import java.util.Objects;

/**
 * Python {@code str}. Java strings are UTF-16, so a Python string holding a high surrogate
 * followed by a low one cannot be told apart from the one supplementary character they encode.
 */
public record PyStr(String value) implements PyValue {
    public PyStr {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
        return "str";
    }
}
