package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.KaizenException;

/**
 * FOLDER/index.json of a shard set: what was written, and each .bin file's size and SHA-256.
 * Counts: rows (records), examples (SFT examples or DPO pairs), tokens, trained tokens, and the
 * examples left out for being longer than max_length.
 */
public record ShardIndex(RunConfig.Kind kind, RunConfig.Layout layout, int maxLength, long rows, long examples,
        long tokens, long trainedTokens, long droppedOverlong, List<Shard> shards) {
    public static final String FILE = "index.json";
    public static final String FORMAT = "kaizen-shards";
    public static final int VERSION = 1;

    public record Shard(String file, long rows, long tokens, long bytes, String sha256) {}

    public ShardIndex {
        shards = List.copyOf(shards);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("kind", kind.id());
        m.put("layout", RunConfig.lower(layout));
        m.put("max_length", maxLength);
        m.put("rows", rows);
        m.put("examples", examples);
        m.put("tokens", tokens);
        m.put("trained_tokens", trainedTokens);
        m.put("dropped_overlong", droppedOverlong);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Shard s : shards) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", s.file());
            e.put("rows", s.rows());
            e.put("tokens", s.tokens());
            e.put("bytes", s.bytes());
            e.put("sha256", s.sha256());
            list.add(e);
        }
        m.put("shards", list);
        return m;
    }

    public static ShardIndex read(Path folder) {
        Path file = folder.resolve(FILE);
        JsonNode n;
        try {
            n = Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new KaizenException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(n.path("format").asText()) || n.path("version").asInt() != VERSION) {
            throw new BadInputException(file, 0, "format", "not a " + FORMAT + " v" + VERSION + " index");
        }
        List<Shard> shards = new ArrayList<>();
        for (JsonNode s : n.path("shards")) {
            shards.add(new Shard(s.path("file").asText(), s.path("rows").asLong(), s.path("tokens").asLong(),
                    s.path("bytes").asLong(), s.path("sha256").asText()));
        }
        return new ShardIndex(RunConfig.Kind.valueOf(n.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                RunConfig.Layout.valueOf(n.path("layout").asText().toUpperCase(java.util.Locale.ROOT)),
                n.path("max_length").asInt(), n.path("rows").asLong(), n.path("examples").asLong(), n.path("tokens").asLong(),
                n.path("trained_tokens").asLong(), n.path("dropped_overlong").asLong(), shards);
    }
}
