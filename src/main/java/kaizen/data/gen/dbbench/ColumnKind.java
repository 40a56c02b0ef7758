package kaizen.data.gen.dbbench;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * What a column holds and how its cells are drawn. Every cell is stored as TEXT (as in DBBench),
 * so each kind produces the text a person would type; numeric kinds still compare as numbers in
 * MySQL because the server converts TEXT to a number when compared with one.
 */
sealed interface ColumnKind {
    String draw(RandomGenerator rng);

    /** True for kinds whose cells are numbers (SUM/AVG/MIN/MAX, ranking and comparisons apply). */
    default boolean numeric() {
        return false;
    }

    /** An identifier such as {@code BK-0412}: mostly unique, the natural key of a row. */
    record Code(String prefix, int digits) implements ColumnKind {
        @Override
        public String draw(RandomGenerator rng) {
            int bound = (int) Math.pow(10, digits);
            return prefix + String.format(Locale.ROOT, "%0" + digits + "d", rng.nextInt(bound / 10, bound));
        }
    }

    /** A person's full name from Kaizen's own name lists. */
    record Person() implements ColumnKind {
        @Override
        public String draw(RandomGenerator rng) {
            return pick(rng, Vocabulary.FIRST_NAMES) + " " + pick(rng, Vocabulary.LAST_NAMES);
        }
    }

    /** The name of a thing (a plant, a dish, a ferry); few enough values that some repeat. */
    record Label(List<String> values) implements ColumnKind {
        @Override
        public String draw(RandomGenerator rng) {
            return pick(rng, values);
        }
    }

    /** A small closed set of categories (a genre, a status, a ward). */
    record Choice(List<String> values) implements ColumnKind {
        @Override
        public String draw(RandomGenerator rng) {
            return pick(rng, values);
        }
    }

    /** A whole number in [min, max]. */
    record Whole(int min, int max) implements ColumnKind {
        @Override
        public String draw(RandomGenerator rng) {
            return Integer.toString(rng.nextInt(min, max + 1));
        }

        @Override
        public boolean numeric() {
            return true;
        }
    }

    /** A decimal in [min, max) written with {@code scale} digits after the point ("12.50"). */
    record Fixed(int min, int max, int scale) implements ColumnKind {
        @Override
        public String draw(RandomGenerator rng) {
            long unit = (long) Math.pow(10, scale);
            long v = rng.nextLong((long) min * unit, (long) max * unit);
            long a = Math.abs(v);
            return String.format(Locale.ROOT, "%s%d.%0" + scale + "d", v < 0 ? "-" : "", a / unit, a % unit);
        }

        @Override
        public boolean numeric() {
            return true;
        }
    }

    /** A calendar day as ISO text (yyyy-mm-dd), so text order is date order. */
    record Day(LocalDate from, LocalDate to) implements ColumnKind {
        @Override
        public String draw(RandomGenerator rng) {
            return from.plusDays(rng.nextLong(0, to.toEpochDay() - from.toEpochDay() + 1)).toString();
        }
    }

    static String pick(RandomGenerator rng, List<String> values) {
        return values.get(rng.nextInt(values.size()));
    }
}
