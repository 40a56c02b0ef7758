package kaizen.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;
import kaizen.harness.dbbench.DbBenchScoring;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EpisodeRunner;
import kaizen.harness.runner.EvalReport;

/**
 * One evaluation run read back from its folder: the episodes of {@code episodes.jsonl} (read as the
 * runner reads them: a cut-off last line is ignored, the first record of an index wins) and what
 * {@code metrics.json} says about the benchmark, the agent and AgentBench's headline number.
 *
 * @param label a short name for tables: the folder's name
 * @param agentBenchScore overall_cat_accuracy (DBBench) or success_rate (ALFWorld) as metrics.json has it;
 *     empty when the run has no metrics.json yet
 */
public record RunData(Path dir, String label, Benchmark benchmark, String agent, Optional<Double> agentBenchScore,
        List<EpisodeView> episodes) {
    public RunData {
        episodes = List.copyOf(episodes);
    }

    public static RunData read(Path dir) {
        if (!Files.isDirectory(dir)) throw new KaizenException(dir + ": not a run folder (no such directory)");
        Path episodesFile = dir.resolve(EpisodeRunner.EPISODES);
        if (!Files.exists(episodesFile)) throw new KaizenException(episodesFile + ": no such file (is " + dir + " a kaizen eval run?)");
        Optional<JsonNode> metrics = metrics(dir.resolve(EvalReport.METRICS));
        Map<Integer, JsonlRecord> lines = new TreeMap<>();
        Map<Integer, EpisodeRecord> records = new TreeMap<>();
        for (JsonlRecord line : Jsonl.readLog(episodesFile)) {
            EpisodeRecord e = EpisodeRecord.fromJson(line);
            if (records.putIfAbsent(e.index(), e) == null) lines.put(e.index(), line);
        }
        Benchmark benchmark = benchmark(dir, metrics, lines.values());
        List<EpisodeView> views = new ArrayList<>();
        for (var e : records.entrySet()) {
            views.add(switch (benchmark) {
                case DBBENCH -> DbBenchTaxonomy.read(e.getValue());
                case ALFWORLD, HOUSEHOLD -> AlfworldTaxonomy.read(e.getValue(), lines.get(e.getKey()));
            });
        }
        String agent = metrics.map(m -> m.path("kaizen").path("agent").asText("")).filter(a -> !a.isEmpty()).orElse("unknown agent");
        Optional<Double> score = metrics.map(m -> switch (benchmark) {
            case DBBENCH -> m.path("custom").path(DbBenchScoring.OVERALL);
            case ALFWORLD, HOUSEHOLD -> m.path("custom").path("overall").path("success_rate");
        }).filter(JsonNode::isNumber).map(JsonNode::asDouble);
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return new RunData(dir, name == null ? dir.toString() : name.toString(), benchmark, agent, score, views);
    }

    /** The same run under another label (where two runs' folders share a name). */
    public RunData withLabel(String newLabel) {
        return new RunData(dir, newLabel, benchmark, agent, agentBenchScore, episodes);
    }

    private static Optional<JsonNode> metrics(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try {
            JsonNode n = Json.parse(Files.readString(file));
            if (n == null || !n.isObject()) throw new BadInputException(file, 0, null, "expected a JSON object");
            return Optional.of(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new KaizenException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * DBBench's metrics carry overall_cat_accuracy and ALFWorld's an overall success_rate; without
     * metrics.json (GRPO's held-out folders have none) the first episode's result tells: ALFWorld
     * results hold the game, household ones the family, DBBench's an answer.
     */
    private static Benchmark benchmark(Path dir, Optional<JsonNode> metrics, java.util.Collection<JsonlRecord> lines) {
        if (metrics.isPresent()) {
            JsonNode custom = metrics.get().path("custom");
            if (custom.has(DbBenchScoring.OVERALL)) return Benchmark.DBBENCH;
            if (custom.path("overall").has("success_rate")) {  // household evaluations count success per family
                return metrics.get().path("kaizen").has("per_family") ? Benchmark.HOUSEHOLD : Benchmark.ALFWORLD;
            }
            throw new BadInputException(dir.resolve(EvalReport.METRICS), 0, "custom",
                    "neither DBBench's overall_cat_accuracy nor ALFWorld's overall.success_rate");
        }
        for (JsonlRecord line : lines) {
            JsonNode result = line.node().path("result");
            if (result.has("game")) return Benchmark.ALFWORLD;
            if (result.has("family")) return Benchmark.HOUSEHOLD;
            if (result.has("answer")) return Benchmark.DBBENCH;
            throw line.error("result", "neither a DBBench answer nor an ALFWorld game");
        }
        throw new KaizenException(dir + ": no episodes and no metrics.json, so nothing to report");
    }
}
