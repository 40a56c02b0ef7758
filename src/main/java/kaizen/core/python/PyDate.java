package kaizen.core.python;

import java.time.LocalDate;
import java.util.Objects;

/** Python {@code datetime.date} (years 1..9999, as Python allows). */
public record PyDate(LocalDate date) implements PyValue {
    public PyDate {
        Objects.requireNonNull(date, "date");
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new IllegalArgumentException("year " + date.getYear() + " is out of range");
        }
    }

    public static PyDate of(int year, int month, int day) {
        return new PyDate(LocalDate.of(year, month, day));
    }

    @Override
    public String typeName() {
        return "date";
    }
}
