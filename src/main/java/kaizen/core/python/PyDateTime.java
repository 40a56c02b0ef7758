package kaizen.core.python;

import java.time.LocalDateTime;
import java.util.Objects;

/** Python naive {@code datetime.datetime}: microsecond precision, years 1..9999. */
public record PyDateTime(LocalDateTime value) implements PyValue {
    public PyDateTime {
        Objects.requireNonNull(value, "value");
        if (value.getYear() < 1 || value.getYear() > 9999) {
            throw new IllegalArgumentException("year " + value.getYear() + " is out of range");
        }
        if (value.getNano() % 1000 != 0) {
            throw new IllegalArgumentException("Python datetimes have microsecond precision: " + value);
        }
    }

    public static PyDateTime of(int year, int month, int day, int hour, int minute, int second, int microsecond) {
        return new PyDateTime(LocalDateTime.of(year, month, day, hour, minute, second, microsecond * 1000));
    }

    public int microsecond() {
        return value.getNano() / 1000;
    }

    @Override
    public String typeName() {
        return "datetime";
    }
}
