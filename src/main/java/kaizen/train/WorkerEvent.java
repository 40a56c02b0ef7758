package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import kaizen.core.Json;

/** One JSON line the worker prints on stdout; {@code event} names the kind. */
public sealed interface WorkerEvent {
    /** Training begins: planned optimizer steps and the quantization actually used. */
    record Start(long steps, String quantization, String requestedQuantization, ObjectNode raw) implements WorkerEvent {}

    /** One optimizer step finished; {@code raw} holds every metric the worker reported. */
    record Step(long step, long steps, double loss, double lr, double tokensPerSecond, ObjectNode raw) implements WorkerEvent {}

    /** A complete checkpoint exists at {@code path}. */
    record Checkpoint(long step, String path) implements WorkerEvent {}

    record Resumed(long step, String checkpoint) implements WorkerEvent {}

    /** Stopped on request after a checkpoint (resume tests). */
    record Stopped(long step) implements WorkerEvent {}

    /** The final adapter (and merged model, "" when none) are written. */
    record Done(String adapter, String merged) implements WorkerEvent {}

    /** Something the user should read (e.g. QLoRA asked for but bitsandbytes missing). */
    record Notice(String message) implements WorkerEvent {}

    /** An event this version does not know: kept in the log, otherwise ignored. */
    record Other(ObjectNode raw) implements WorkerEvent {}

    /** The event on a stdout line, or empty for a line that is not a worker event (library chatter). */
    static Optional<WorkerEvent> parse(String line) {
        if (!line.startsWith("{")) return Optional.empty();
        JsonNode n;
        try {
            n = Json.parse(line);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (!(n instanceof ObjectNode o) || !o.path("event").isTextual()) return Optional.empty();
        return Optional.of(switch (o.path("event").asText()) {
            case "start" -> new Start(o.path("steps").asLong(), o.path("quantization").asText(),
                    o.path("requested_quantization").asText(), o);
            case "step" -> new Step(o.path("step").asLong(), o.path("steps").asLong(), o.path("loss").asDouble(Double.NaN),
                    o.path("lr").asDouble(), o.path("tokens_per_s").asDouble(), o);
            case "checkpoint" -> new Checkpoint(o.path("step").asLong(), o.path("path").asText());
            case "resumed" -> new Resumed(o.path("step").asLong(), o.path("checkpoint").asText());
            case "stopped" -> new Stopped(o.path("step").asLong());
            case "done" -> new Done(o.path("adapter").asText(), o.path("merged").asText());
            case "notice" -> new Notice(o.path("message").asText());
            default -> new Other(o);
        });
    }
}
