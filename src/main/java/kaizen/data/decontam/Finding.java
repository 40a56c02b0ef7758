package kaizen.data.decontam;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training example that matches a benchmark item.
 *
 * @param source       the example's source (as named in the recipe)
 * @param taskId       the example's task id within its source
 * @param messageIndex which message of the example holds the match
 * @param check        {@code ngram} (exact word n-gram or whole short item) or {@code near-duplicate}
 * @param item         the benchmark item it matches
 * @param evidence     what matched: the shared words, or the containment and shingle counts
 */
public record Finding(String source, String taskId, int messageIndex, String check, BenchmarkItem item, String evidence) {

    /** One line a user can act on. */
    public String describe() {
        return source + " " + taskId + " (message " + messageIndex + "): " + check + " match with " + item.origin() + ": " + evidence;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source);
        out.put("task_id", taskId);
        out.put("message_index", messageIndex);
        out.put("check", check);
        out.put("benchmark", item.corpus());
        out.put("benchmark_unit", item.unit());
        out.put("benchmark_kind", item.kind());
        out.put("evidence", evidence);
        return out;
    }
}
