package kaizen.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;

/**
 * One multi-turn agent conversation used as training data, whatever produced it (a synthetic
 * expert, a household world, an importer). This is the data package's common currency: every
 * source writes {@code trajectories.jsonl} in this shape and every later step (filtering,
 * dedup, dataset build) reads it.
 *
 * <ul>
 *   <li>{@code source}: which generator or importer made it, e.g. {@code kaizen-synth-dbbench};</li>
 *   <li>{@code taskId}: the task within that source (unique per source);</li>
 *   <li>{@code category}: the task type, e.g. a DBBench type such as {@code counting} or {@code INSERT};</li>
 *   <li>{@code messages}: the conversation exactly as the model sees it at evaluation time;</li>
 *   <li>{@code outcome}: whether the evaluation's own scoring counts it as solved, and the score;</li>
 *   <li>{@code seed}: the seed that reproduces it (0 when the source is not seeded);</li>
 *   <li>{@code metadata}: free string facts (domain, variant, ...), kept sorted so files are byte-stable.</li>
 * </ul>
 */
public record Trajectory(
        String source,
        String taskId,
        String category,
        List<Message> messages,
        Outcome outcome,
        long seed,
        SortedMap<String, String> metadata) {

    public static final String FILE_NAME = "trajectories.jsonl";

    /** How the evaluation scores the conversation: solved or not, and the score in [0, 1]. */
    public record Outcome(boolean success, double score) {
        public static final Outcome SOLVED = new Outcome(true, 1.0);

        public Outcome {
            if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("score must be in [0, 1], not " + score);
        }
    }

    public Trajectory {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(outcome, "outcome");
        messages = List.copyOf(messages);
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }

    public Trajectory(String source, String taskId, String category, List<Message> messages, Outcome outcome, long seed,
            Map<String, String> metadata) {
        this(source, taskId, category, messages, outcome, seed, new TreeMap<>(metadata));
    }

    /**
     * SHA-256 (hex) of the conversation alone — roles and contents in order — so the same
     * conversation from two sources or two runs dedups to one. Source, ids and metadata are left
     * out on purpose.
     */
    public String contentHash() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Message m : messages) {
            // Length-prefixed fields: no two different conversations share a byte stream.
            update(sha, m.role().wireName());
            update(sha, m.content());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(b);
    }

    /** The JSON object of one line; {@code content_hash} is stored so tools can dedup without Java. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source);
        out.put("task_id", taskId);
        out.put("category", category);
        out.put("messages", messages.stream().map(Message::toJson).toList());
        Map<String, Object> o = new LinkedHashMap<>(); // Map.of's order changes between JVM runs
        o.put("success", outcome.success());
        o.put("score", outcome.score());
        out.put("outcome", o);
        out.put("seed", seed);
        out.put("metadata", metadata);
        out.put("content_hash", contentHash());
        return out;
    }

    /** Reads one line; errors name the file, line and field. A stored content_hash must match the messages. */
    public static Trajectory fromJson(JsonlRecord r) {
        List<Message> messages = new ArrayList<>();
        JsonNode ms = r.array("messages");
        for (int i = 0; i < ms.size(); i++) {
            try {
                messages.add(Message.fromJson(ms.get(i)));
            } catch (IllegalArgumentException e) {
                throw r.error("messages[" + i + "]", e.getMessage());
            }
        }
        JsonNode success = r.required("outcome.success");
        JsonNode score = r.required("outcome.score");
        if (!success.isBoolean()) throw r.error("outcome.success", "expected true or false, found " + JsonlRecord.kind(success));
        if (!score.isNumber()) throw r.error("outcome.score", "expected a number, found " + JsonlRecord.kind(score));
        JsonNode seed = r.required("seed");
        if (!seed.canConvertToLong()) throw r.error("seed", "expected an integer, found " + JsonlRecord.kind(seed));
        Map<String, String> metadata = new TreeMap<>();
        JsonNode meta = r.node().path("metadata");
        if (!meta.isMissingNode() && !meta.isObject()) throw r.error("metadata", "expected an object, found " + JsonlRecord.kind(meta));
        for (var e : meta.properties()) {
            if (!e.getValue().isTextual()) throw r.error("metadata." + e.getKey(), "expected a string");
            metadata.put(e.getKey(), e.getValue().asText());
        }
        Trajectory t;
        try {
            t = new Trajectory(r.text("source"), r.text("task_id"), r.text("category"), messages,
                    new Outcome(success.asBoolean(), score.asDouble()), seed.asLong(), metadata);
        } catch (IllegalArgumentException e) {
            throw r.error("outcome.score", e.getMessage());
        }
        String stored = r.optionalText("content_hash", "");
        if (!stored.isEmpty() && !stored.equals(t.contentHash())) {
            throw r.error("content_hash", "does not match the messages (was the line edited by hand?)");
        }
        return t;
    }

    /** Writes trajectories as JSON Lines, in the given order, replacing the file atomically. */
    public static void writeAll(Path file, List<Trajectory> trajectories) {
        Jsonl.writeAll(file, trajectories.stream().map(Trajectory::toJson).toList());
    }

    public static List<Trajectory> readAll(Path file) {
        List<Trajectory> out = new ArrayList<>();
        Jsonl.forEach(file, r -> out.add(fromJson(r)));
        return List.copyOf(out);
    }
}
