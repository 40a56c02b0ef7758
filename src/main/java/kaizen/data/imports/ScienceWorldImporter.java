package kaizen.data.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.JsonStream;
import kaizen.core.JsonlRecord;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;

/**
 * ScienceWorld's gold paths as published in allenai/ScienceWorld {@code goldpaths/}
 * ({@code goldsequences-*.json}, often zipped: unzip first): one JSON object keyed by task index,
 * each {@code {"taskIdx", "taskName", "goldActionSequences": [{"variationIdx", "taskDescription",
 * "fold", "path": [{"action", "observation", "score", "isCompleted", ...}]}]}}. Streamed one gold
 * sequence at a time (the files run to hundreds of MB).
 *
 * <p>Each sequence becomes a ReAct episode: the task description opens it, each gold action is an
 * assistant turn (gold paths carry no reasoning, so the THOUGHT: line is empty) and each
 * observation the next user turn. Sequences of the {@code test} fold are left out (kept
 * untouched for anyone evaluating on ScienceWorld).
 */
public final class ScienceWorldImporter implements Importer {
    public static final String SOURCE = "scienceworld";
    static final String ENVIRONMENT = "The environment is ScienceWorld, a simulated world for elementary science "
            + "experiments; commands are short English phrases such as \"look around\", \"open door to kitchen\", "
            + "\"pick up thermometer\" or \"focus on ...\".";
    private static final String SEQUENCES = "goldActionSequences";

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String reads() {
        return "ScienceWorld gold paths (goldsequences-*.json: {taskIdx: {taskName, goldActionSequences: [{taskDescription, fold, path: [{action, observation, score, isCompleted}]}]}}); .gz too";
    }

    @Override
    public void run(Path input, ImportSink sink) {
        for (Path file : InputFiles.list(input, ".json", ".json.gz")) {
            try (InputStream in = JsonStream.open(file); JsonParser p = Json.mapper().getFactory().createParser(in)) {
                readTasks(file, p, sink);
            } catch (JsonProcessingException e) {
                throw new BadInputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                        "not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (sink.full()) return;
        }
    }

    /** Walks {taskIdx: {..., goldActionSequences: [...]}} and converts each sequence as soon as it is parsed. */
    private static void readTasks(Path file, JsonParser p, ImportSink sink) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadInputException(file, 1, null, "expected a JSON object keyed by task index (a goldsequences file)");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String taskIdx = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                sink.malformed(new BadInputException(file, p.currentLocation().getLineNr(), taskIdx, "expected a task object"));
                p.skipChildren();
                continue;
            }
            String taskName = "task-" + taskIdx;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("taskName") && value == JsonToken.VALUE_STRING) {
                    taskName = p.getText();
                } else if (field.equals(SEQUENCES) && value == JsonToken.START_ARRAY) {
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        long line = p.currentLocation().getLineNr();
                        JsonNode seq = p.readValueAsTree();
                        JsonlRecord r = new JsonlRecord(file, line, seq);
                        String at = taskIdx + "." + SEQUENCES + "[" + i++ + "]";
                        try {
                            convert(r, taskName, at, sink);
                        } catch (BadInputException e) {
                            sink.malformed(e);
                        }
                        if (sink.full()) return;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static void convert(JsonlRecord r, String taskName, String at, ImportSink sink) {
        String fold = text(r, at, "fold", "train");
        if (fold.equals("test")) {
            sink.leaveOut("scienceworld test fold");
            return;
        }
        JsonNode path = r.node().path("path");
        if (!path.isArray()) throw r.error(at + ".path", "expected an array, found " + JsonlRecord.kind(path));
        String description = text(r, at, "taskDescription", "");
        if (description.isBlank()) throw r.error(at + ".taskDescription", "is missing or empty");
        ReactConversation c = new ReactConversation(ENVIRONMENT, "Your task: " + description);
        double score = 0;
        boolean completed = false;
        for (int i = 0; i < path.size(); i++) {
            JsonNode step = path.get(i);
            String action = step.path("action").asText("");
            if (!step.path("action").isTextual() || action.isBlank()) throw r.error(at + ".path[" + i + "].action", "expected a non-empty string");
            c.act("", action);
            c.observe(step.path("observation").asText(""));
            score = number(step.path("score"));
            completed = truth(step.path("isCompleted"));
        }
        String variation = r.node().path("variationIdx").asText("?");
        Trajectory.Outcome outcome = new Trajectory.Outcome(completed, Math.clamp(score / 100.0, 0.0, 1.0));
        sink.keepIfWellFormed(new Trajectory(SOURCE, taskName + "-var" + variation, taskName, c.messages(), outcome, 0,
                Map.of("fold", fold, "thoughts", "none", "variation", variation)), Protocol.REACT);
    }

    private static String text(JsonlRecord r, String at, String field, String fallback) {
        JsonNode n = r.node().path(field);
        if (n.isMissingNode() || n.isNull()) return fallback;
        if (!n.isValueNode()) throw r.error(at + "." + field, "expected a string, found " + JsonlRecord.kind(n));
        return n.asText();
    }

    /** Gold paths store numbers and booleans as strings ("100", "true") in some releases. */
    private static double number(JsonNode n) {
        if (n.isNumber()) return n.asDouble();
        try {
            return Double.parseDouble(n.asText("0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean truth(JsonNode n) {
        return n.isBoolean() ? n.asBoolean() : n.asText("").strip().toLowerCase(Locale.ROOT).equals("true");
    }
}
