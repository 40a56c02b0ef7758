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
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.core.Role;

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
 *   <li>{@code untrained}: indices of assistant messages that stay in the context but must not be
 *       learnt (a deliberate bad turn of a recovery example). On the wire they carry OpenAI's
 *       fine-tuning mark {@code "weight": 0}; a message without {@code weight} (or with 1) is trained,
 *       so files written before the field existed read as before.</li>
 * </ul>
 */
public record Trajectory(
        String source,
        String taskId,
        String category,
        List<Message> messages,
        Outcome outcome,
        long seed,
        SortedMap<String, String> metadata,
        SortedSet<Integer> untrained) {

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
        untrained = Collections.unmodifiableSortedSet(new TreeSet<>(untrained));
        for (int i : untrained) {
            if (i < 0 || i >= messages.size() || messages.get(i).role() != Role.ASSISTANT) {
                throw new IllegalArgumentException("untrained turn " + i + " is not an assistant message");
            }
            // The reply a conversation ends with is what it teaches; an untrained one would teach nothing.
            if (i == messages.size() - 1) throw new IllegalArgumentException("the last assistant reply must be trained");
        }
    }

    /** Every turn trained. */
    public Trajectory(String source, String taskId, String category, List<Message> messages, Outcome outcome, long seed,
            Map<String, String> metadata) {
        this(source, taskId, category, messages, outcome, seed, new TreeMap<>(metadata), new TreeSet<>());
    }

    /** With the given assistant messages marked untrained ({@code "weight": 0}). */
    public Trajectory(String source, String taskId, String category, List<Message> messages, Outcome outcome, long seed,
            Map<String, String> metadata, Set<Integer> untrained) {
        this(source, taskId, category, messages, outcome, seed, new TreeMap<>(metadata), new TreeSet<>(untrained));
    }

    /** Whether message {@code i} is learnt (every user/system message and every assistant one not marked). */
    public boolean trained(int i) {
        return !untrained.contains(i);
    }

    /** Message {@code i} in the OpenAI wire form, with {@code "weight": 0} when it is an untrained assistant turn. */
    public Map<String, Object> messageJson(int i) {
        Map<String, Object> m = new LinkedHashMap<>(messages.get(i).toJson());
        if (untrained.contains(i)) m.put(WEIGHT, 0);
        return m;
    }

    /** All messages in the wire form of {@link #messageJson}. */
    public List<Map<String, Object>> messagesJson() {
        List<Map<String, Object>> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) out.add(messageJson(i));
        return out;
    }

    /** OpenAI fine-tuning's per-assistant-message training weight: 0 = in the context, not learnt. */
    public static final String WEIGHT = "weight";

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
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            // Length-prefixed fields: no two different conversations share a byte stream.
            update(sha, m.role().wireName());
            update(sha, m.content());
            // Only untrained turns add a mark, so conversations without any hash as they always did.
            if (untrained.contains(i)) update(sha, "weight=0");
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
        out.put("messages", messagesJson());
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
        Set<Integer> untrained = new TreeSet<>();
        JsonNode ms = r.array("messages");
        for (int i = 0; i < ms.size(); i++) {
            try {
                messages.add(Message.fromJson(ms.get(i)));
            } catch (IllegalArgumentException e) {
                throw r.error("messages[" + i + "]", e.getMessage());
            }
            if (untrainedWeight(r, ms.get(i), "messages[" + i + "]." + WEIGHT)) untrained.add(i);
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
                    new Outcome(success.asBoolean(), score.asDouble()), seed.asLong(), metadata, untrained);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage().startsWith("score") ? "outcome.score" : "messages", e.getMessage());
        }
        String stored = r.optionalText("content_hash", "");
        if (!stored.isEmpty() && !stored.equals(t.contentHash())) {
            throw r.error("content_hash", "does not match the messages (was the line edited by hand?)");
        }
        return t;
    }

    /**
     * Reads a message's optional {@code weight}: absent or 1 = trained, 0 = untrained (OpenAI's
     * fine-tuning convention); anything else names the field.
     */
    public static boolean untrainedWeight(JsonlRecord r, JsonNode message, String field) {
        JsonNode w = message.path(WEIGHT);
        if (w.isMissingNode()) return false;
        if (!w.isNumber() || (w.asDouble() != 0 && w.asDouble() != 1)) {
            throw r.error(field, "expected 0 (not trained) or 1 (trained), found " + w);
        }
        if (w.asDouble() == 0 && !"assistant".equals(message.path("role").asText())) {
            throw r.error(field, "only assistant messages can have weight 0");
        }
        return w.asDouble() == 0;
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
