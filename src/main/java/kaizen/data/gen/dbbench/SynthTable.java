package kaizen.data.gen.dbbench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import kaizen.env.db.TableSpec;

/**
 * One generated table: the domain it came from, its name, its columns (header as stored, phrase
 * for questions, kind) and its rows as text cells, null for NULL. Column 0 is the key.
 */
record SynthTable(Domain domain, String name, List<String> headers, List<String> phrases, List<ColumnKind> kinds,
        List<List<String>> rows) {

    static final double NULL_RATE = 0.07;

    SynthTable {
        headers = List.copyOf(headers);
        phrases = List.copyOf(phrases);
        kinds = List.copyOf(kinds);
        rows = rows.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    /**
     * Draws a table: a name variant, one header variant per column, 0–2 optional columns dropped,
     * 8–24 rows with about 7% NULLs outside the key, and sometimes an exact duplicate row or two.
     */
    static SynthTable generate(Domain d, RandomGenerator rng) {
        String name = d.tableNames().get(rng.nextInt(d.tableNames().size()));
        List<Column> cols = new ArrayList<>(d.columns());
        int drop = rng.nextInt(3);
        for (int i = 0; i < drop; i++) {
            int victim = 1 + rng.nextInt(cols.size() - 1);
            if (stillUseful(cols, victim)) cols.remove(victim);
        }
        List<String> headers = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Column c : cols) {
            String h = c.headers().get(rng.nextInt(c.headers().size()));
            // Two domains' variants can clash ("Group", "Date"): take another variant, else number it.
            for (int k = 0; !taken.add(h.toLowerCase(Locale.ROOT)); k++) {
                h = k < c.headers().size() ? c.headers().get(k) : c.headers().getFirst() + " " + k;
            }
            headers.add(h);
        }
        List<ColumnKind> kinds = cols.stream().map(Column::kind).toList();
        int n = rng.nextInt(8, 25);
        List<List<String>> rows = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int r = 0; r < n; r++) {
            List<String> row = new ArrayList<>(cols.size());
            String key = kinds.get(0).draw(rng);
            for (int tries = 0; !keys.add(key) && tries < 20; tries++) key = kinds.get(0).draw(rng);
            row.add(key);
            for (int c = 1; c < cols.size(); c++) row.add(rng.nextDouble() < NULL_RATE ? null : kinds.get(c).draw(rng));
            rows.add(row);
        }
        if (rng.nextDouble() < 0.35) {
            int copies = 1 + rng.nextInt(2);
            for (int i = 0; i < copies; i++) rows.add(rng.nextInt(rows.size() + 1), new ArrayList<>(rows.get(rng.nextInt(rows.size()))));
        }
        return new SynthTable(d, name, headers, cols.stream().map(Column::phrase).toList(), kinds, rows);
    }

    // Keep at least one category column and two numeric columns, so every task category has material.
    private static boolean stillUseful(List<Column> cols, int victim) {
        List<Column> rest = new ArrayList<>(cols);
        rest.remove(victim);
        long choices = rest.stream().filter(c -> c.kind() instanceof ColumnKind.Choice).count();
        long numbers = rest.stream().filter(c -> c.kind().numeric()).count();
        long names = rest.stream().filter(c -> isName(c.kind())).count();
        return choices >= 1 && numbers >= 2 && names >= 1;
    }

    static boolean isName(ColumnKind k) {
        return k instanceof ColumnKind.Person || k instanceof ColumnKind.Label;
    }

    TableSpec spec() {
        return new TableSpec(name, headers, rows.stream().map(r -> (List<Object>) new ArrayList<Object>(r)).toList());
    }

    /** Column indexes whose kind matches. */
    List<Integer> columns(Predicate<ColumnKind> p) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) if (p.test(kinds.get(i))) out.add(i);
        return out;
    }

    /** The distinct non-null values of a column, in row order. */
    List<String> values(int col) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> r : rows) if (r.get(col) != null) out.add(r.get(col));
        return List.copyOf(out);
    }

    boolean hasNull(int col) {
        return rows.stream().anyMatch(r -> r.get(col) == null);
    }

    /** The reference's add_description sentence (see {@link TaskJson#addDescription}). */
    String headerList() {
        return String.join(",", headers);
    }
}
