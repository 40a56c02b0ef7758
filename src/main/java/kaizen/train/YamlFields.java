package kaizen.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import kaizen.core.BadInputException;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;

/**
 * A YAML document read as typed fields, each error naming the file, the line and the dotted
 * field path. Fields a reader never asks for are reported as unknown (a misspelt key must not
 * silently fall back to a default).
 */
final class YamlFields {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final JsonNode root;
    private final Map<String, Long> lines;
    private final Set<String> asked = new LinkedHashSet<>();

    private YamlFields(Path file, JsonNode root, Map<String, Long> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    static YamlFields read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new KaizenException(file + ": no such file");
        } catch (IOException e) {
            throw new KaizenException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = YAML.readTree(text);
            if (root == null || !root.isObject()) throw new BadInputException(file, 1, "", "expected a mapping of settings");
            return new YamlFields(file, root, fieldLines(text));
        } catch (IOException e) {
            long line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr() : 0;
            throw new BadInputException(file, line, "", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The line of every mapping key, by dotted path (list items as path[i]). */
    private static Map<String, Long> fieldLines(String text) throws IOException {
        Map<String, Long> out = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<int[]> listIndex = new ArrayDeque<>();
            String pending = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> {
                        pending = join(path, p.currentName());
                        JsonLocation at = p.currentTokenLocation();
                        out.put(pending, (long) at.getLineNr());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String here = pending != null ? pending : nextInList(path, listIndex);
                        path.push(here == null ? "" : here);
                        listIndex.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
                        pending = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        listIndex.pop();
                    }
                    default -> {
                        if (pending == null) nextInList(path, listIndex);
                        pending = null;
                    }
                }
            }
        }
        return out;
    }

    private static String nextInList(Deque<String> path, Deque<int[]> listIndex) {
        if (listIndex.isEmpty() || listIndex.peek()[0] < 0) return null;
        return path.peek() + "[" + listIndex.peek()[0]++ + "]";
    }

    private static String join(Deque<String> path, String name) {
        String parent = path.isEmpty() ? "" : path.peek();
        return parent.isEmpty() ? name : parent + "." + name;
    }

    Path file() {
        return file;
    }

    BadInputException error(String field, String problem) {
        return new BadInputException(file, lines.getOrDefault(field, 0L), field, problem);
    }

    private JsonNode node(String field) {
        asked.add(field);
        JsonNode cur = root;
        for (String part : field.split("\\.")) {
            if (cur == null || cur.isMissingNode() || cur.isNull()) return null;
            if (!cur.isObject()) throw error(field, "expected a mapping above '" + part + "'");
            cur = cur.get(part);
        }
        return cur == null || cur.isNull() ? null : cur;
    }

    boolean has(String field) {
        return node(field) != null;
    }

    String text(String field, String fallback) {
        JsonNode n = node(field);
        if (n == null) return fallback;
        if (!n.isValueNode() || n.isBoolean()) throw error(field, "expected a string, found " + JsonlRecord.kind(n));
        return n.asText();
    }

    String requiredText(String field) {
        String s = text(field, null);
        if (s == null || s.isBlank()) throw error(field, "is required");
        return s;
    }

    long integer(String field, long fallback, long min, long max) {
        JsonNode n = node(field);
        if (n == null) return fallback;
        if (!n.canConvertToExactIntegral() || !n.isNumber()) throw error(field, "expected an integer, found " + n);
        long v = n.asLong();
        if (v < min || v > max) throw error(field, v + " is out of range [" + min + ", " + max + "]");
        return v;
    }

    double decimal(String field, double fallback, double min, double max) {
        JsonNode n = node(field);
        if (n == null) return fallback;
        if (!n.isNumber()) throw error(field, "expected a number, found " + JsonlRecord.kind(n));
        double v = n.asDouble();
        if (!(v >= min && v <= max)) throw error(field, v + " is out of range [" + min + ", " + max + "]");
        return v;
    }

    boolean bool(String field, boolean fallback) {
        JsonNode n = node(field);
        if (n == null) return fallback;
        if (!n.isBoolean()) throw error(field, "expected true or false, found " + JsonlRecord.kind(n));
        return n.asBoolean();
    }

    List<String> texts(String field, List<String> fallback) {
        JsonNode n = node(field);
        if (n == null) return fallback;
        if (!n.isArray() || n.isEmpty()) throw error(field, "expected a non-empty list of names");
        return java.util.stream.StreamSupport.stream(n.spliterator(), false).map(e -> {
            if (!e.isTextual()) throw error(field, "expected names, found " + JsonlRecord.kind(e));
            return e.asText();
        }).toList();
    }

    /** A value among {@code choices} (by their lower-case names). */
    <E extends Enum<E>> E choice(String field, E fallback, Class<E> type, Function<E, String> name) {
        String s = text(field, null);
        if (s == null) return fallback;
        for (E e : type.getEnumConstants()) if (name.apply(e).equals(s)) return e;
        throw error(field, "'" + s + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants()).map(name).toList());
    }

    /** Fails on the first key no reader asked for (typos, settings this version does not know). */
    void rejectUnknown() {
        List<String> unknown = lines.keySet().stream()
                .filter(k -> !k.contains("["))
                .filter(k -> asked.stream().noneMatch(a -> a.equals(k) || a.startsWith(k + ".")))
                .sorted((a, b) -> Long.compare(lines.get(a), lines.get(b)))
                .toList();
        if (!unknown.isEmpty()) {
            String k = unknown.getFirst();
            throw error(k, "unknown setting" + suggestion(k));
        }
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = 3;
        for (String a : asked) {
            int d = editDistance(a, key);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
