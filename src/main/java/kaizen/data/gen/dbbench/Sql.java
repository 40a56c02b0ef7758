package kaizen.data.gen.dbbench;

import java.util.Map;
import java.util.regex.Pattern;
import kaizen.env.db.TableSpec;

/**
 * How generated SQL names things. Gold SQL always backtick-quotes identifiers; the expert's
 * deliberate mistakes render the same statement with a {@link Naming} that names a column
 * wrongly or leaves an identifier unquoted, so a mistake differs from the fix in one place only.
 */
final class Sql {
    private Sql() {}

    private static final Pattern BARE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static String id(String name) {
        return TableSpec.quote(name);
    }

    /** A MySQL string literal; a quote is doubled (works with and without NO_BACKSLASH_ESCAPES). */
    static String str(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** True when the name can be written without backticks (no spaces, symbols or leading digit). */
    static boolean bare(String name) {
        return BARE.matcher(name).matches();
    }

    /** How a statement refers to its table and columns. */
    record Naming(String table, Map<String, String> columns) {
        Naming {
            columns = Map.copyOf(columns);
        }

        static Naming quoted(String table) {
            return new Naming(id(table), Map.of());
        }

        String col(String header) {
            return columns.getOrDefault(header, id(header));
        }

        Naming withColumn(String header, String written) {
            var m = new java.util.HashMap<>(columns);
            m.put(header, written);
            return new Naming(table, m);
        }

        Naming withTable(String written) {
            return new Naming(written, columns);
        }
    }
}
