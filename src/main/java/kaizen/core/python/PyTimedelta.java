package kaizen.core.python;

/**
 * Python {@code datetime.timedelta} in its normalised form: {@code 0 <= seconds < 86400},
 * {@code 0 <= microseconds < 1000000}, days may be negative (a MySQL {@code TIME} of -01:00:00
 * is {@code timedelta(days=-1, seconds=82800)}).
 */
public record PyTimedelta(long days, int seconds, int microseconds) implements PyValue {
    private static final long MAX_DAYS = 999_999_999L;

    public PyTimedelta {
        if (seconds < 0 || seconds >= 86_400 || microseconds < 0 || microseconds >= 1_000_000) {
            throw new IllegalArgumentException("not normalised; use PyTimedelta.of");
        }
        if (Math.abs(days) > MAX_DAYS) throw new IllegalArgumentException("days=" + days + "; must have magnitude <= 999999999");
    }

    /** Normalises like Python's {@code timedelta(days=, seconds=, microseconds=)} for whole numbers. */
    public static PyTimedelta of(long days, long seconds, long microseconds) {
        long carrySeconds = Math.floorDiv(microseconds, 1_000_000L);
        int micros = (int) Math.floorMod(microseconds, 1_000_000L);
        long totalSeconds = Math.addExact(seconds, carrySeconds);
        long carryDays = Math.floorDiv(totalSeconds, 86_400L);
        int secs = (int) Math.floorMod(totalSeconds, 86_400L);
        return new PyTimedelta(Math.addExact(days, carryDays), secs, micros);
    }

    @Override
    public String typeName() {
        return "timedelta";
    }
}
