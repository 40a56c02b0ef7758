package kaizen.cli;

import java.util.Map;

/** The "title:" then "  key  count" lines the generator commands print after a run. */
final class CountTable {
    private CountTable() {}

    static void print(String title, Map<String, Integer> counts, int keyWidth) {
        System.out.println(title + ":");
        String row = "  %-" + keyWidth + "s %d%n";
        for (var e : counts.entrySet()) System.out.printf(row, e.getKey(), e.getValue());
    }
}
