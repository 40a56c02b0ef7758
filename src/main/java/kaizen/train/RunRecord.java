package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.AtomicFile;
import kaizen.core.Json;
import kaizen.core.KaizenException;

/**
 * DIR/run.json, the run's registry entry: its configuration and hash, the data and shard hashes,
 * the worker command, the last complete checkpoint, the adapter and merged model once written,
 * and the status. Rewritten atomically on every change.
 */
public record RunRecord(String name, String kind, Status status, String configSha256, Map<String, Object> config,
        String dataSha256, ShardIndex shards, String shardIndexSha256, List<String> command, long checkpointStep,
        String checkpoint, String quantization, String adapter, String merged, String message) {
    public static final String FILE = "run.json";

    public enum Status {
        PREPARED, RUNNING, STOPPED, FAILED, DONE
    }

    public RunRecord {
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        command = List.copyOf(command);
    }

    public RunRecord with(Status s, String why) {
        return new RunRecord(name, kind, s, configSha256, config, dataSha256, shards, shardIndexSha256, command,
                checkpointStep, checkpoint, quantization, adapter, merged, why);
    }

    public RunRecord withCommand(List<String> argv) {
        return new RunRecord(name, kind, status, configSha256, config, dataSha256, shards, shardIndexSha256, argv,
                checkpointStep, checkpoint, quantization, adapter, merged, message);
    }

    public RunRecord withCheckpoint(long step, String path) {
        return new RunRecord(name, kind, status, configSha256, config, dataSha256, shards, shardIndexSha256, command,
                step, path, quantization, adapter, merged, message);
    }

    public RunRecord withQuantization(String q) {
        return new RunRecord(name, kind, status, configSha256, config, dataSha256, shards, shardIndexSha256, command,
                checkpointStep, checkpoint, q, adapter, merged, message);
    }

    public RunRecord withOutputs(String adapterPath, String mergedPath) {
        return new RunRecord(name, kind, status, configSha256, config, dataSha256, shards, shardIndexSha256, command,
                checkpointStep, checkpoint, quantization, adapterPath, mergedPath, message);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("status", RunConfig.lower(status));
        m.put("message", message);
        m.put("config_sha256", configSha256);
        m.put("data_sha256", dataSha256);
        m.put("shard_index_sha256", shardIndexSha256);
        m.put("shards", shards.toJson());
        m.put("command", command);
        m.put("checkpoint_step", checkpointStep);
        m.put("checkpoint", checkpoint);
        m.put("quantization", quantization);
        m.put("adapter", adapter);
        m.put("merged", merged);
        m.put("config", config);
        return m;
    }

    public void write(Path dir) {
        AtomicFile.write(dir.resolve(FILE), Json.writePretty(toJson()) + "\n");
    }

    /** What an earlier invocation recorded in {@code dir}, if anything: status and hashes for the resume decision. */
    public static Optional<JsonNode> readRaw(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(Json.parse(Files.readString(f)));
        } catch (IOException e) {
            throw new KaizenException(f + " is unreadable (" + e.getMessage() + "); move it away to start the run afresh", e);
        }
    }
}
