package kaizen.env.db;

import java.util.List;
import java.util.Objects;

/**
 * The single table an episode starts with. Every column is TEXT (as in AgentBench); cell
 * values are what the reference binds as parameters: {@link String}, {@link Long}/{@link
 * java.math.BigInteger}, {@link Double} or null. Numbers reach MySQL as numbers and are stored
 * as their text, exactly as Python's connector sends them.
 */
public record TableSpec(String name, List<String> columns, List<List<Object>> rows) {
    public TableSpec {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        if (columns.isEmpty()) throw new IllegalArgumentException("table '" + name + "' has no columns");
    }

    /** Backtick-quotes an identifier the way the reference does (no escaping of backticks). */
    public static String quote(String identifier) {
        return "`" + identifier + "`";
    }

    public String quotedColumns() {
        return String.join(",", columns.stream().map(TableSpec::quote).toList());
    }
}
