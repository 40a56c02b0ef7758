package kaizen.data.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an import did: records read, trajectories kept, and every record not kept, counted by
 * reason. Reasons starting with {@code malformed} are broken records; the others are records
 * left out on purpose (e.g. {@code results differ on MySQL}, {@code ALFWorld-derived}).
 */
public record ImportReport(
        String source,
        String input,
        long read,
        long kept,
        SortedMap<String, Long> notKept,
        List<String> firstProblems,
        double seconds) {

    public static final String MALFORMED = "malformed";

    public ImportReport {
        notKept = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(notKept));
        firstProblems = List.copyOf(firstProblems);
    }

    public long malformed() {
        return notKept.entrySet().stream().filter(e -> e.getKey().startsWith(MALFORMED)).mapToLong(Map.Entry::getValue).sum();
    }

    public long left() {
        return notKept.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source);
        out.put("input", input);
        out.put("read", read);
        out.put("kept", kept);
        out.put("not_kept", notKept);
        out.put("first_problems", firstProblems);
        out.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return out;
    }

    /** The terminal summary: one line of totals, then one line per reason, largest first. */
    public String render() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: read %,d, kept %,d, not kept %,d (%,d malformed) in %.1f s",
                source, read, kept, left(), malformed(), seconds));
        notKept.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> lines.add(String.format(Locale.ROOT, "  %,9d  %s", e.getValue(), e.getKey())));
        if (!firstProblems.isEmpty()) {
            lines.add("  first problems:");
            firstProblems.forEach(p -> lines.add("    " + p));
        }
        return String.join("\n", lines);
    }
}
