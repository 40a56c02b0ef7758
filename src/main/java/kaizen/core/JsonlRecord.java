package kaizen.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON value read from line {@code line} of {@code file}, with typed accessors whose
 * errors name the file, the line and the field path (for example {@code table.table_info.rows[3]}).
 */
public record JsonlRecord(Path file, long line, JsonNode node) {

    public BadInputException error(String field, String problem) {
        return new BadInputException(file, line, field, problem);
    }

    public JsonNode required(String path) {
        JsonNode cur = node;
        StringBuilder seen = new StringBuilder();
        for (String part : path.split("\\.")) {
            if (!seen.isEmpty()) seen.append('.');
            seen.append(part);
            if (cur == null || !cur.isObject()) throw error(seen.toString(), "expected an object holding '" + part + "'");
            cur = cur.get(part);
            if (cur == null || cur.isMissingNode()) throw error(seen.toString(), "is missing");
        }
        return cur;
    }

    public String text(String path) {
        JsonNode n = required(path);
        if (!n.isTextual()) throw error(path, "expected a string, found " + kind(n));
        return n.asText();
    }

    public String optionalText(String path, String fallback) {
        JsonNode n = node.at("/" + path.replace('.', '/'));
        if (n.isMissingNode() || n.isNull()) return fallback;
        if (!n.isTextual()) throw error(path, "expected a string, found " + kind(n));
        return n.asText();
    }

    public JsonNode array(String path) {
        JsonNode n = required(path);
        if (!n.isArray()) throw error(path, "expected an array, found " + kind(n));
        return n;
    }

    public List<String> textList(String path) {
        JsonNode n = array(path);
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            if (!item.isTextual()) throw error(path + "[" + i + "]", "expected a string, found " + kind(item));
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    public static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isNull()) return "null";
        if (n.isTextual()) return "a string";
        if (n.isNumber()) return "a number";
        if (n.isBoolean()) return "a boolean";
        if (n.isArray()) return "an array";
        if (n.isObject()) return "an object";
        return n.getNodeType().name().toLowerCase();
    }
}
