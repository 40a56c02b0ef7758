package kaizen.harness.runner;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import kaizen.harness.FinishStatus;

/** AgentBench's "validation" block of overall.json: the share of each finish status and history lengths. */
public final class Validation {
    private Validation() {}

    public static Map<String, Object> of(Collection<EpisodeRecord> records) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = records.size();
        for (FinishStatus s : FinishStatus.values()) {
            long count = records.stream().filter(r -> r.status() == s).count();
            out.put(s.text(), n == 0 ? 0.0 : (double) count / n);
        }
        out.put("average_history_length", n == 0 ? 0.0 : records.stream().mapToInt(r -> r.history().size()).sum() / (double) n);
        out.put("max_history_length", records.stream().mapToInt(r -> r.history().size()).max().orElse(0));
        out.put("min_history_length", records.stream().mapToInt(r -> r.history().size()).min().orElse(0));
        return out;
    }
}
