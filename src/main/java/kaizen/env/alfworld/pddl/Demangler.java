package kaizen.env.alfworld.pddl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Display names of ALFWorld objects, as alfworld 0.4.2's AlfredDemangler (without shuffling)
 * gives them: {@code alarmclock_bar__minus_02_dot_48_bar_...} becomes "alarmclock N". Names are
 * numbered over the ids in sorted order, and each takes the LAST free number first, so the first
 * id in sort order of three alarm clocks is "alarmclock 3". A name with "basin" anywhere in its id
 * gets "basin" appended ("sink_bar_..._bar_sinkbasin" is "sinkbasin N"). Ids without "_bar_" keep
 * their text followed by one space ("agent1 ").
 */
final class Demangler {
    private static final String BAR = "_bar_";

    private Demangler() {}

    /** Display name of every id. */
    static Map<String, String> names(List<String> ids) {
        List<String> sorted = ids.stream().distinct().sorted().toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String id : sorted) {
            int bar = id.indexOf(BAR);
            if (bar >= 0) counts.merge(baseName(id, id.substring(0, bar)), 1, Integer::sum);
        }
        Map<String, Deque<Integer>> free = new HashMap<>();
        counts.forEach((name, count) -> {
            Deque<Integer> numbers = new ArrayDeque<>();
            for (int i = 1; i <= count; i++) numbers.addLast(i);
            free.put(name, numbers);
        });
        Map<String, String> names = new LinkedHashMap<>();
        for (String id : sorted) {
            String text = id.replace(BAR, "|").replace("_minus_", "-").replace("_plus_", "+")
                    .replace("_dot_", ".").replace("_comma_", ",");
            int bar = text.indexOf('|');
            if (bar < 0) {
                names.put(id, text + " ");
            } else {
                String name = baseName(id, text.substring(0, bar));
                Deque<Integer> numbers = free.get(name);
                if (numbers == null || numbers.isEmpty()) {
                    throw new IllegalArgumentException("cannot number " + id + " (the reference fails on it too)");
                }
                names.put(id, name + " " + numbers.removeLast());
            }
        }
        return names;
    }

    private static String baseName(String id, String prefix) {
        return id.contains("basin") ? prefix + "basin" : prefix;
    }
}
