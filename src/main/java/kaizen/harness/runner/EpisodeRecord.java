package kaizen.harness.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.harness.FinishStatus;

/**
 * One finished episode as stored in episodes.jsonl: AgentBench's runs.jsonl fields (index,
 * status, result, history) plus Kaizen's own (correct, rounds, elapsed_ms).
 */
public record EpisodeRecord(
        int index,
        FinishStatus status,
        Map<String, Object> result,
        List<Message> history,
        boolean correct,
        int rounds,
        long elapsedMs) {

    public EpisodeRecord {
        result = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(result));
        history = List.copyOf(history);
    }

    /** The same episode filed under another index (GRPO's sampled held-out episodes: several per task). */
    public EpisodeRecord withIndex(int newIndex) {
        return new EpisodeRecord(newIndex, status, result, history, correct, rounds, elapsedMs);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("status", status.text());
        out.put("result", result);
        out.put("history", history.stream().map(Message::toJson).toList());
        out.put("correct", correct);
        out.put("rounds", rounds);
        out.put("elapsed_ms", elapsedMs);
        return out;
    }

    public static EpisodeRecord fromJson(JsonlRecord r) {
        JsonNode n = r.node();
        int index = (int) r.required("index").asLong();
        FinishStatus status;
        try {
            status = FinishStatus.fromText(r.text("status"));
        } catch (IllegalArgumentException e) {
            throw r.error("status", e.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        r.required("result").properties().forEach(e -> result.put(e.getKey(), e.getValue().isTextual()
                ? e.getValue().asText() : e.getValue().toString()));
        List<Message> history = new ArrayList<>();
        for (JsonNode m : r.array("history")) {
            try {
                history.add(Message.fromJson(m));
            } catch (IllegalArgumentException e) {
                throw r.error("history", e.getMessage());
            }
        }
        return new EpisodeRecord(index, status, result, history, n.path("correct").asBoolean(false),
                n.path("rounds").asInt(0), n.path("elapsed_ms").asLong(0));
    }

    public String resultText(String key) {
        Object v = result.get(key);
        return v == null ? "" : v.toString();
    }
}
