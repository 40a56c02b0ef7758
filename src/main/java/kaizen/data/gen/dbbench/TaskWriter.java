package kaizen.data.gen.dbbench;

import static kaizen.data.gen.dbbench.Sql.id;
import static kaizen.data.gen.dbbench.Sql.str;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import kaizen.data.gen.dbbench.Sql.Naming;
import kaizen.data.gen.dbbench.TaskDraft.Answer;
import kaizen.data.gen.dbbench.TaskDraft.Check;
import kaizen.data.gen.dbbench.TaskDraft.Filter;

/**
 * Writes one task of a given DBBench category for a table: the question (Kaizen's own phrasings,
 * several per category), the gold SQL and its checks. Numbers live in TEXT columns, so gold SQL
 * orders and takes MIN/MAX on {@code col + 0} (numeric), never on the text.
 */
final class TaskWriter {
    private final SynthTable t;
    private final RandomGenerator rng;
    private final String entity;
    private final String entities;

    TaskWriter(SynthTable t, RandomGenerator rng) {
        this.t = t;
        this.rng = rng;
        this.entity = t.domain().entity();
        this.entities = t.domain().entities();
    }

    Optional<TaskDraft> draft(String category) {
        return switch (category) {
            case "other" -> other();
            case "counting" -> counting();
            case "comparison" -> comparison();
            case "ranking" -> ranking();
            case "aggregation-SUM", "aggregation-MIN", "aggregation-MAX", "aggregation-AVG" -> aggregation(category);
            case "INSERT" -> insert();
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            default -> throw new IllegalArgumentException("unknown DBBench category " + category);
        };
    }

    // ---- categories -------------------------------------------------------------------------

    private Optional<TaskDraft> other() {
        int key = 0;
        switch (rng.nextInt(3)) {
            case 0 -> {
                int target = 1 + rng.nextInt(t.headers().size() - 1);
                String kv = any(key);
                String q = oneOf(
                        "What is the " + ref(target) + " of " + entity + " " + show(kv) + "?",
                        "Look up the " + ref(target) + " recorded for the " + entity + " with " + ref(key) + " " + show(kv) + ".",
                        "For " + ref(key) + " " + show(kv) + ", what " + ref(target) + " does the table show?",
                        "Which " + ref(target) + " belongs to " + entity + " " + show(kv) + "?");
                return draft("other", q, n -> "SELECT " + n.col(h(target)) + " FROM " + n.table() + " WHERE " + n.col(h(key)) + " = " + str(kv),
                        List.of(h(target), h(key)), Answer.ONE, List.of(),
                        "select " + id(h(target)) + " from the row whose " + id(h(key)) + " is " + str(kv), Optional.empty());
            }
            case 1 -> {
                int name = pick(t.columns(SynthTable::isName));
                List<Integer> targets = new ArrayList<>(t.columns(k -> k.numeric() || k instanceof ColumnKind.Day || k instanceof ColumnKind.Choice));
                int target = pick(targets);
                String nv = any(name);
                String q = oneOf(
                        "What " + ref(target) + " is listed for " + show(nv) + "?",
                        "Tell me the " + ref(target) + " of the " + entity + " whose " + ref(name) + " is " + show(nv) + ".",
                        "I need the " + ref(target) + " for " + show(nv) + " from the " + entities + " table.");
                return draft("other", q, n -> "SELECT " + n.col(h(target)) + " FROM " + n.table() + " WHERE " + n.col(h(name)) + " = " + str(nv),
                        List.of(h(target), h(name)), Answer.ONE, List.of(),
                        "select " + id(h(target)) + " where " + id(h(name)) + " is " + str(nv), Optional.empty());
            }
            default -> {
                int name = pick(t.columns(SynthTable::isName));
                int cat = pick(t.columns(k -> k instanceof ColumnKind.Choice));
                String v = any(cat);
                String q = oneOf(
                        "List the " + ref(name) + " of all " + entities + " whose " + ref(cat) + " is " + show(v) + ".",
                        "Which " + ref(name) + " values appear on " + entities + " with " + ref(cat) + " " + show(v) + "?",
                        "Give me every " + ref(name) + " where the " + ref(cat) + " is " + show(v) + ".");
                return draft("other", q, n -> "SELECT " + n.col(h(name)) + " FROM " + n.table() + " WHERE " + n.col(h(cat)) + " = " + str(v),
                        List.of(h(name), h(cat)), Answer.LIST, List.of(),
                        "select " + id(h(name)) + " from the rows whose " + id(h(cat)) + " is " + str(v), Optional.of(new Filter(h(cat), v)));
            }
        }
    }

    private Optional<TaskDraft> counting() {
        int cat = pick(t.columns(k -> k instanceof ColumnKind.Choice));
        switch (rng.nextInt(6)) {
            case 0 -> {
                String v = any(cat);
                String q = oneOf("How many " + entities + " have " + ref(cat) + " " + show(v) + "?",
                        "Count the " + entities + " where the " + ref(cat) + " is " + show(v) + ".",
                        "What is the number of " + entities + " with " + show(v) + " as their " + ref(cat) + "?");
                return draft("counting", q, n -> "SELECT COUNT(*) FROM " + n.table() + " WHERE " + n.col(h(cat)) + " = " + str(v),
                        List.of(h(cat)), Answer.ONE, List.of(), "count the rows whose " + id(h(cat)) + " is " + str(v),
                        Optional.of(new Filter(h(cat), v)));
            }
            case 1 -> {
                String v = any(cat);
                int num = pick(t.columns(ColumnKind::numeric));
                String lim = threshold(num);
                String q = oneOf("How many " + entities + " with " + ref(cat) + " " + show(v) + " have a " + ref(num) + " above " + lim + "?",
                        "Count the " + entities + " whose " + ref(cat) + " is " + show(v) + " and whose " + ref(num) + " is greater than " + lim + ".");
                return draft("counting", q, n -> "SELECT COUNT(*) FROM " + n.table() + " WHERE " + n.col(h(cat)) + " = " + str(v) + " AND "
                        + n.col(h(num)) + " > " + lim, List.of(h(cat), h(num)), Answer.ONE, List.of(),
                        "count the rows whose " + id(h(cat)) + " is " + str(v) + " and whose " + id(h(num)) + " is above " + lim,
                        Optional.of(new Filter(h(cat), v)));
            }
            case 2 -> {
                int col = rng.nextBoolean() ? cat : pick(t.columns(SynthTable::isName));
                String q = oneOf("How many different " + ref(col) + " values are there in the table?",
                        "How many distinct " + ref(col) + " entries appear among the " + entities + "?",
                        "Count the unique values of " + ref(col) + ".");
                return draft("counting", q, n -> "SELECT COUNT(DISTINCT " + n.col(h(col)) + ") FROM " + n.table(), List.of(h(col)),
                        Answer.ONE, List.of(), "count the distinct non-null values of " + id(h(col)), Optional.empty());
            }
            case 3 -> {
                List<Integer> withNull = t.columns(k -> true).stream().filter(t::hasNull).toList();
                if (withNull.isEmpty()) return Optional.empty();
                int col = pick(withNull);
                String q = oneOf("For how many " + entities + " is the " + ref(col) + " missing?",
                        "How many rows have no " + ref(col) + " recorded?",
                        "Count the " + entities + " whose " + ref(col) + " is empty (NULL).");
                return draft("counting", q, n -> "SELECT COUNT(*) FROM " + n.table() + " WHERE " + n.col(h(col)) + " IS NULL",
                        List.of(h(col)), Answer.ONE, List.of(), "count the rows where " + id(h(col)) + " IS NULL", Optional.empty());
            }
            case 4 -> {
                String q = oneOf("How many " + entities + " are in the table?", "How many rows does the " + t.name() + " table contain?",
                        "What is the total number of " + entities + " recorded?");
                return draft("counting", q, n -> "SELECT COUNT(*) FROM " + n.table(), List.of(), Answer.ONE, List.of(),
                        "count all rows of the table", Optional.empty());
            }
            default -> {
                List<Integer> days = t.columns(k -> k instanceof ColumnKind.Day);
                if (days.isEmpty()) return Optional.empty();
                int day = pick(days);
                String d = any(day);
                String q = oneOf("How many " + entities + " have a " + ref(day) + " on or after " + d + "?",
                        "Count the " + entities + " dated " + d + " or later by " + ref(day) + ".");
                return draft("counting", q, n -> "SELECT COUNT(*) FROM " + n.table() + " WHERE " + n.col(h(day)) + " >= " + str(d),
                        List.of(h(day)), Answer.ONE, List.of(),
                        "count the rows whose " + id(h(day)) + " is on or after " + str(d) + " (ISO dates compare correctly as text)", Optional.empty());
            }
        }
    }

    private Optional<TaskDraft> comparison() {
        int name = pick(t.columns(SynthTable::isName));
        int num = pick(t.columns(ColumnKind::numeric));
        switch (rng.nextInt(4)) {
            case 0 -> {
                String lim = threshold(num);
                boolean above = rng.nextBoolean();
                String op = above ? ">" : "<";
                String word = above ? oneOf("greater than", "above", "more than") : oneOf("less than", "below", "under");
                String q = oneOf("Which " + entities + " have a " + ref(num) + " " + word + " " + lim + "? Give their " + ref(name) + ".",
                        "List the " + ref(name) + " for every " + entity + " whose " + ref(num) + " is " + word + " " + lim + ".",
                        "Find the " + ref(name) + " of " + entities + " with " + ref(num) + " " + word + " " + lim + ".");
                return draft("comparison", q, n -> "SELECT " + n.col(h(name)) + " FROM " + n.table() + " WHERE " + n.col(h(num)) + " " + op + " " + lim,
                        List.of(h(name), h(num)), Answer.LIST, List.of(),
                        "select " + id(h(name)) + " where " + id(h(num)) + " " + op + " " + lim + " (the text column is compared as a number)",
                        Optional.empty());
            }
            case 1 -> {
                String a = threshold(num);
                String b = threshold(num);
                if (Double.parseDouble(a) > Double.parseDouble(b)) {
                    String s = a;
                    a = b;
                    b = s;
                }
                String lo = a;
                String hi = b;
                String q = oneOf("Which " + ref(name) + " values belong to " + entities + " with a " + ref(num) + " between " + lo + " and "
                        + hi + " inclusive?", "Find the " + ref(name) + " of every " + entity + " whose " + ref(num) + " lies between " + lo
                        + " and " + hi + " (both ends included).");
                return draft("comparison", q, n -> "SELECT " + n.col(h(name)) + " FROM " + n.table() + " WHERE " + n.col(h(num)) + " BETWEEN "
                        + lo + " AND " + hi, List.of(h(name), h(num)), Answer.LIST, List.of(),
                        "select " + id(h(name)) + " where " + id(h(num)) + " is BETWEEN " + lo + " AND " + hi, Optional.empty());
            }
            case 2 -> {
                List<String> keys = t.values(0);
                if (keys.size() < 2) return Optional.empty();
                String k1 = keys.get(rng.nextInt(keys.size()));
                String k2 = keys.get(rng.nextInt(keys.size()));
                if (k1.equals(k2)) return Optional.empty();
                boolean larger = rng.nextBoolean();
                String q = oneOf("Which has the " + (larger ? "larger" : "smaller") + " " + ref(num) + ": " + entity + " " + k1 + " or "
                        + entity + " " + k2 + "? Answer with its " + ref(0) + ".",
                        "Compare " + k1 + " and " + k2 + ": which " + entity + " has the " + (larger ? "higher" : "lower") + " " + ref(num) + "?");
                String where = " WHERE " + "%s IN (" + str(k1) + ", " + str(k2) + ")";
                Function<Naming, String> sql = n -> "SELECT " + n.col(h(0)) + " FROM " + n.table() + where.formatted(n.col(h(0)))
                        + " ORDER BY " + n.col(h(num)) + " + 0 " + (larger ? "DESC" : "ASC") + " LIMIT 1";
                String whereOk = where.formatted(id(h(0)));
                return draft("comparison", q, sql, List.of(h(0), h(num)), Answer.ONE, List.of(
                        new Check("SELECT COUNT(*) FROM " + id(t.name()) + whereOk, "[(2,)]", "ambiguous (a compared key is missing or repeated)"),
                        new Check("SELECT COUNT(DISTINCT " + id(h(num)) + " + 0) FROM " + id(t.name()) + whereOk, "[(2,)]",
                                "ambiguous (tie or missing value)")),
                        "select the " + id(h(0)) + " of the two rows, ordered by " + id(h(num)) + " + 0 " + (larger ? "DESC" : "ASC")
                                + ", and keep the first", Optional.empty());
            }
            default -> {
                List<Integer> days = t.columns(k -> k instanceof ColumnKind.Day);
                if (days.isEmpty()) return Optional.empty();
                int day = pick(days);
                String d = any(day);
                String q = oneOf("Which " + entities + " have a " + ref(day) + " later than " + d + "? List their " + ref(0) + ".",
                        "Give the " + ref(0) + " of every " + entity + " dated after " + d + " (by " + ref(day) + ").");
                return draft("comparison", q, n -> "SELECT " + n.col(h(0)) + " FROM " + n.table() + " WHERE " + n.col(h(day)) + " > " + str(d),
                        List.of(h(0), h(day)), Answer.LIST, List.of(),
                        "select " + id(h(0)) + " where " + id(h(day)) + " > " + str(d) + " (ISO dates compare correctly as text)", Optional.empty());
            }
        }
    }

    private Optional<TaskDraft> ranking() {
        int name = pick(t.columns(SynthTable::isName));
        int num = pick(t.columns(ColumnKind::numeric));
        boolean top = rng.nextBoolean();
        String dir = top ? "DESC" : "ASC";
        String best = top ? oneOf("highest", "largest", "greatest") : oneOf("lowest", "smallest");
        String agg = top ? "MAX" : "MIN";
        String tbl = id(t.name());
        String ord = id(h(num)) + " + 0";
        int shape = rng.nextInt(3);
        if (shape == 0) {
            String q = oneOf("Which " + entity + " has the " + best + " " + ref(num) + "? Give its " + ref(name) + ".",
                    "Name the " + ref(name) + " of the " + entity + " with the " + best + " " + ref(num) + ".",
                    "Ranked by " + ref(num) + ", which " + ref(name) + " comes first from the " + best + " end?");
            return draft("ranking", q, n -> "SELECT " + n.col(h(name)) + " FROM " + n.table() + " WHERE " + n.col(h(num)) + " IS NOT NULL ORDER BY "
                    + n.col(h(num)) + " + 0 " + dir + " LIMIT 1", List.of(h(name), h(num)), Answer.ONE,
                    List.of(new Check("SELECT COUNT(*) FROM " + tbl + " WHERE " + ord + " = (SELECT " + agg + "(" + ord + ") FROM " + tbl + ")",
                            "[(1,)]", "ambiguous (tie for first place)")),
                    "sort the rows by " + id(h(num)) + " as a number (" + ord + ") " + dir + ", skipping NULLs, and take the first "
                            + id(h(name)), Optional.empty());
        }
        if (shape == 1) {
            int k = 2 + rng.nextInt(2);
            String q = oneOf("List the " + ref(name) + " of the " + k + " " + entities + " with the " + best + " " + ref(num) + ".",
                    "What are the top " + k + " " + entities + " by " + ref(num) + " (" + best + " first)? Give their " + ref(name) + ".");
            return draft("ranking", q, n -> "SELECT " + n.col(h(name)) + " FROM " + n.table() + " WHERE " + n.col(h(num)) + " IS NOT NULL ORDER BY "
                    + n.col(h(num)) + " + 0 " + dir + " LIMIT " + k, List.of(h(name), h(num)), Answer.LIST,
                    List.of(new Check("SELECT COUNT(*) FROM " + tbl + " WHERE " + ord + (top ? " >= " : " <= ") + "(SELECT " + ord + " FROM " + tbl
                            + " WHERE " + id(h(num)) + " IS NOT NULL ORDER BY " + ord + " " + dir + " LIMIT " + (k - 1) + ",1)", "[(" + k + ",)]",
                            "ambiguous (tie at the cut-off)")),
                    "sort by " + ord + " " + dir + ", skipping NULLs, and take the first " + k + " " + id(h(name)) + " values", Optional.empty());
        }
        int cat = pick(t.columns(c -> c instanceof ColumnKind.Choice));
        String v = any(cat);
        String filter = id(h(cat)) + " = " + str(v);
        String q = oneOf("Among the " + entities + " with " + ref(cat) + " " + show(v) + ", which one has the " + best + " " + ref(num)
                + "? Give its " + ref(name) + ".", "Within " + ref(cat) + " " + show(v) + ", whose " + ref(num) + " is the " + best
                + "? Answer with the " + ref(name) + ".");
        return draft("ranking", q, n -> "SELECT " + n.col(h(name)) + " FROM " + n.table() + " WHERE " + n.col(h(cat)) + " = " + str(v) + " AND "
                + n.col(h(num)) + " IS NOT NULL ORDER BY " + n.col(h(num)) + " + 0 " + dir + " LIMIT 1", List.of(h(name), h(cat), h(num)),
                Answer.ONE, List.of(new Check("SELECT COUNT(*) FROM " + tbl + " WHERE " + filter + " AND " + ord + " = (SELECT " + agg + "("
                        + ord + ") FROM " + tbl + " WHERE " + filter + ")", "[(1,)]", "ambiguous (tie for first place)")),
                "keep the rows whose " + id(h(cat)) + " is " + str(v) + ", sort them by " + ord + " " + dir + " and take the first "
                        + id(h(name)), Optional.of(new Filter(h(cat), v)));
    }

    private Optional<TaskDraft> aggregation(String category) {
        String fn = category.substring("aggregation-".length());
        int num = pick(t.columns(ColumnKind::numeric));
        boolean filtered = rng.nextBoolean();
        int cat = pick(t.columns(c -> c instanceof ColumnKind.Choice));
        String v = any(cat);
        boolean rounded = fn.equals("AVG") && rng.nextInt(3) == 0;
        String word = switch (fn) {
            case "SUM" -> oneOf("total", "combined", "sum of the");
            case "MIN" -> oneOf("smallest", "lowest", "minimum");
            case "MAX" -> oneOf("largest", "highest", "maximum");
            default -> oneOf("average", "mean");
        };
        String scope = filtered ? oneOf(" for " + entities + " whose " + ref(cat) + " is " + show(v), " among " + entities + " with "
                + ref(cat) + " " + show(v)) : oneOf(" across all " + entities, " over the whole table", "");
        String q = oneOf("What is the " + word + " " + ref(num) + scope + "?", "Compute the " + word + " " + ref(num) + scope + ".",
                "Tell me the " + word + " " + ref(num) + scope + ".") + (rounded ? " Round it to two decimal places." : "");
        Function<Naming, String> expr = n -> switch (fn) {
            // MIN and MAX of a TEXT column compare text ('9' > '10'); + 0 makes them numeric.
            case "MIN", "MAX" -> fn + "(" + n.col(h(num)) + " + 0)";
            default -> rounded ? "ROUND(AVG(" + n.col(h(num)) + "), 2)" : fn + "(" + n.col(h(num)) + ")";
        };
        List<String> cols = filtered ? List.of(h(num), h(cat)) : List.of(h(num));
        return draft(category, q, n -> "SELECT " + expr.apply(n) + " FROM " + n.table()
                        + (filtered ? " WHERE " + n.col(h(cat)) + " = " + str(v) : ""), cols, Answer.ONE, List.of(),
                "compute " + expr.apply(Naming.quoted(t.name())) + (filtered ? " over the rows whose " + id(h(cat)) + " is " + str(v) : " over every row"),
                filtered ? Optional.of(new Filter(h(cat), v)) : Optional.empty());
    }

    private Optional<TaskDraft> insert() {
        List<String> fresh = new ArrayList<>();
        String key = t.kinds().get(0).draw(rng);
        for (int tries = 0; t.values(0).contains(key) && tries < 20; tries++) key = t.kinds().get(0).draw(rng);
        if (t.values(0).contains(key)) return Optional.empty();
        fresh.add(key);
        for (int c = 1; c < t.headers().size(); c++) fresh.add(t.kinds().get(c).draw(rng));
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < fresh.size(); c++) parts.add(t.headers().get(c) + " " + show(fresh.get(c)));
        String list = joinAnd(parts);
        String q = oneOf("Add a new " + entity + " to the table with " + list + ".",
                "Record this " + entity + ": " + String.join("; ", parts) + ".",
                "Insert a row for " + entity + " " + key + " where " + list + ".",
                "A new " + entity + " came in. Please store it: " + list + ".");
        String values = String.join(", ", fresh.stream().map(Sql::str).toList());
        String k = key;
        return draft("INSERT", q, n -> "INSERT INTO " + n.table() + " (" + String.join(", ", t.headers().stream().map(n::col).toList())
                        + ") VALUES (" + values + ")", t.headers(), Answer.MUTATION, List.of(),
                "insert one row with every column given, values written as quoted text", Optional.empty(),
                Optional.of("SELECT * FROM " + id(t.name()) + " WHERE " + id(h(0)) + " = " + str(k)));
    }

    private Optional<TaskDraft> update() {
        int col = 1 + rng.nextInt(t.headers().size() - 1);
        String nv = t.kinds().get(col).draw(rng);
        if (rng.nextBoolean()) {
            String kv = any(0);
            String q = oneOf("Change the " + ref(col) + " of " + entity + " " + kv + " to " + show(nv) + ".",
                    "Set " + h(col) + " to " + show(nv) + " for the " + entity + " whose " + ref(0) + " is " + kv + ".",
                    "Update " + entity + " " + kv + ": its " + ref(col) + " should now be " + show(nv) + ".");
            return draft("UPDATE", q, n -> "UPDATE " + n.table() + " SET " + n.col(h(col)) + " = " + str(nv) + " WHERE " + n.col(h(0)) + " = " + str(kv),
                    List.of(h(col), h(0)), Answer.MUTATION, List.of(),
                    "set " + id(h(col)) + " to " + str(nv) + " on the row whose " + id(h(0)) + " is " + str(kv), Optional.empty(),
                    Optional.of("SELECT * FROM " + id(t.name()) + " WHERE " + id(h(0)) + " = " + str(kv)));
        }
        List<Integer> cats = t.columns(c -> c instanceof ColumnKind.Choice).stream().filter(c -> c != col).toList();
        if (cats.isEmpty()) return Optional.empty();
        int cat = pick(cats);
        String v = any(cat);
        String q = oneOf("Set the " + ref(col) + " to " + show(nv) + " for every " + entity + " with " + ref(cat) + " " + show(v) + ".",
                "All " + entities + " whose " + ref(cat) + " is " + show(v) + " should get " + show(nv) + " as their " + ref(col) + ".");
        return draft("UPDATE", q, n -> "UPDATE " + n.table() + " SET " + n.col(h(col)) + " = " + str(nv) + " WHERE " + n.col(h(cat)) + " = " + str(v),
                List.of(h(col), h(cat)), Answer.MUTATION, List.of(),
                "set " + id(h(col)) + " to " + str(nv) + " on every row whose " + id(h(cat)) + " is " + str(v), Optional.of(new Filter(h(cat), v)),
                Optional.of("SELECT " + id(h(col)) + " FROM " + id(t.name()) + " WHERE " + id(h(cat)) + " = " + str(v)));
    }

    private Optional<TaskDraft> delete() {
        String tbl = id(t.name());
        switch (rng.nextInt(4)) {
            case 0 -> {
                String kv = any(0);
                String q = oneOf("Delete the " + entity + " with " + ref(0) + " " + kv + ".", "Remove " + entity + " " + kv + " from the table.",
                        "The " + entity + " " + kv + " was entered by mistake; delete it.");
                String cond = " WHERE " + id(h(0)) + " = " + str(kv);
                return draft("DELETE", q, n -> "DELETE FROM " + n.table() + " WHERE " + n.col(h(0)) + " = " + str(kv), List.of(h(0)),
                        Answer.MUTATION, List.of(), "delete the rows whose " + id(h(0)) + " is " + str(kv), Optional.empty(),
                        Optional.of("SELECT COUNT(*) FROM " + tbl + cond));
            }
            case 1 -> {
                int cat = pick(t.columns(c -> c instanceof ColumnKind.Choice));
                String v = any(cat);
                String q = oneOf("Remove every " + entity + " whose " + ref(cat) + " is " + show(v) + ".",
                        "Delete all " + entities + " with " + ref(cat) + " " + show(v) + ".");
                return draft("DELETE", q, n -> "DELETE FROM " + n.table() + " WHERE " + n.col(h(cat)) + " = " + str(v), List.of(h(cat)),
                        Answer.MUTATION, List.of(), "delete the rows whose " + id(h(cat)) + " is " + str(v), Optional.of(new Filter(h(cat), v)),
                        Optional.of("SELECT COUNT(*) FROM " + tbl + " WHERE " + id(h(cat)) + " = " + str(v)));
            }
            case 2 -> {
                int num = pick(t.columns(ColumnKind::numeric));
                String lim = threshold(num);
                String q = oneOf("Delete all " + entities + " with a " + ref(num) + " below " + lim + ".",
                        "Remove the " + entities + " whose " + ref(num) + " is less than " + lim + ".");
                return draft("DELETE", q, n -> "DELETE FROM " + n.table() + " WHERE " + n.col(h(num)) + " < " + lim, List.of(h(num)),
                        Answer.MUTATION, List.of(), "delete the rows whose " + id(h(num)) + " is below " + lim + " (compared as a number)",
                        Optional.empty(), Optional.of("SELECT COUNT(*) FROM " + tbl + " WHERE " + id(h(num)) + " < " + lim));
            }
            default -> {
                List<Integer> withNull = t.columns(k -> true).stream().filter(t::hasNull).toList();
                if (withNull.isEmpty()) return Optional.empty();
                int col = pick(withNull);
                String q = oneOf("Delete the " + entities + " that have no " + ref(col) + " recorded.",
                        "Remove every row whose " + ref(col) + " is missing (NULL).");
                return draft("DELETE", q, n -> "DELETE FROM " + n.table() + " WHERE " + n.col(h(col)) + " IS NULL", List.of(h(col)),
                        Answer.MUTATION, List.of(), "delete the rows where " + id(h(col)) + " IS NULL", Optional.empty(),
                        Optional.of("SELECT COUNT(*) FROM " + tbl + " WHERE " + id(h(col)) + " IS NULL"));
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Optional<TaskDraft> draft(String category, String q, Function<Naming, String> sql, List<String> cols, Answer a,
            List<Check> checks, String intent, Optional<Filter> filter) {
        return draft(category, q, sql, cols, a, checks, intent, filter, Optional.empty());
    }

    private static Optional<TaskDraft> draft(String category, String q, Function<Naming, String> sql, List<String> cols, Answer a,
            List<Check> checks, String intent, Optional<Filter> filter, Optional<String> followUp) {
        return Optional.of(new TaskDraft(category, q, sql, cols, a, checks, intent, filter, followUp));
    }

    private String h(int col) {
        return t.headers().get(col);
    }

    /** How a question names a column: its header as stored, or the plain words for it. */
    private String ref(int col) {
        return rng.nextInt(3) == 0 ? t.phrases().get(col) : t.headers().get(col);
    }

    private String show(String value) {
        return rng.nextInt(4) == 0 ? "\"" + value + "\"" : value;
    }

    private String any(int col) {
        List<String> vs = t.values(col);
        if (vs.isEmpty()) throw new NoMaterial();
        return vs.get(rng.nextInt(vs.size()));
    }

    private int pick(List<Integer> cols) {
        if (cols.isEmpty()) throw new NoMaterial();
        return cols.get(rng.nextInt(cols.size()));
    }

    @SafeVarargs
    private <T> T oneOf(T... options) {
        return options[rng.nextInt(options.length)];
    }

    /** A number inside the column's range, so that comparisons select some rows but not all. */
    private String threshold(int col) {
        List<String> vs = new ArrayList<>(t.values(col));
        if (vs.size() < 3) throw new NoMaterial();
        vs.sort(Comparator.comparingDouble(Double::parseDouble));
        String v = vs.get(1 + rng.nextInt(vs.size() - 2));
        // Sometimes a round number rather than a value that is in the table.
        return rng.nextBoolean() ? v : Long.toString(Math.round(Double.parseDouble(v)));
    }

    private static String joinAnd(List<String> parts) {
        return parts.size() == 1 ? parts.getFirst()
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }

    /** The table lacks what this task needs (no values in a column, too few numbers); the caller draws again. */
    static final class NoMaterial extends RuntimeException {
        NoMaterial() {
            super("the table has no material for this task", null, false, false);
        }
    }
}
