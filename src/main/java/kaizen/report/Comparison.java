package kaizen.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import kaizen.harness.alfworld.AlfworldTaskType;
import kaizen.harness.dbbench.DbBenchScoring;

/**
 * The runs of one benchmark side by side; the first is the baseline every delta is measured against.
 *
 * @param runIds each run's position among all runs of the report (for anchors)
 * @param rows the overall score, then one row per category any run has, in the benchmark's order
 * @param paired per run, its task-by-task change from the baseline where both played the same tasks
 *     (empty for the baseline itself and for a run over other tasks)
 */
public record Comparison(Benchmark benchmark, List<RunData> runs, List<Integer> runIds, List<Row> rows,
        List<Optional<PairedChange>> paired) {
    /** The label of the row over all episodes. */
    public static final String ALL = "all episodes";

    /** One score for every run. */
    public record Row(String name, List<Proportion> perRun) {
        public Row {
            perRun = List.copyOf(perRun);
        }
    }

    public Comparison {
        runs = List.copyOf(runs);
        runIds = List.copyOf(runIds);
        rows = List.copyOf(rows);
        paired = List.copyOf(paired);
    }

    public RunData baseline() {
        return runs.getFirst();
    }

    /** Whether any run has AgentBench's headline number (none has without metrics.json, as GRPO's held-out folders). */
    public boolean anyAgentBenchScore() {
        return runs.stream().anyMatch(r -> r.agentBenchScore().isPresent());
    }

    public static Comparison of(Benchmark benchmark, List<RunData> runs, List<Integer> runIds) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(ALL, runs.stream().map(r -> score(r.episodes())).toList()));
        for (String category : categories(benchmark, runs)) {
            rows.add(new Row(category, runs.stream()
                    .map(r -> score(r.episodes().stream().filter(e -> e.category().equals(category)).toList())).toList()));
        }
        List<Optional<PairedChange>> paired = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) paired.add(i == 0 ? Optional.empty() : PairedChange.of(runs.getFirst(), runs.get(i)));
        return new Comparison(benchmark, runs, runIds, rows, paired);
    }

    /** The failed episodes of a run by class, every class of the benchmark present (empty lists included). */
    public static Map<FailureClass, List<EpisodeView>> failures(Benchmark benchmark, RunData run) {
        Map<FailureClass, List<EpisodeView>> out = new EnumMap<>(FailureClass.class);
        for (FailureClass c : FailureClass.of(benchmark)) out.put(c, new ArrayList<>());
        for (EpisodeView e : run.episodes()) e.failureClass().ifPresent(c -> out.computeIfAbsent(c, k -> new ArrayList<>()).add(e));
        return out;
    }

    private static Proportion score(List<EpisodeView> episodes) {
        return new Proportion(episodes.stream().filter(e -> e.record().correct()).count(), episodes.size());
    }

    /** Known categories in the benchmark's own order, then any others alphabetically. */
    private static List<String> categories(Benchmark benchmark, List<RunData> runs) {
        TreeSet<String> present = new TreeSet<>();
        runs.forEach(r -> r.episodes().forEach(e -> present.add(e.category())));
        LinkedHashSet<String> ordered = new LinkedHashSet<>();
        List<String> known = switch (benchmark) {
            case DBBENCH -> {
                List<String> types = new ArrayList<>(DbBenchScoring.TYPES);
                types.remove("SELECT"); // a metric over many result types, not a result type of its own
                types.add(types.indexOf("INSERT") + 1, "DELETE");
                yield types;
            }
            case ALFWORLD -> java.util.Arrays.stream(AlfworldTaskType.values()).map(AlfworldTaskType::prefix).toList();
            case HOUSEHOLD -> java.util.Arrays.stream(kaizen.env.household.Family.values()).map(kaizen.env.household.Family::wireName).toList();
        };
        for (String k : known) if (present.contains(k)) ordered.add(k);
        ordered.addAll(present);
        return List.copyOf(ordered);
    }
}
