package kaizen.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs compared per benchmark, in the order given: the first run of each benchmark is its baseline. */
public record Report(List<RunData> runs, List<Comparison> comparisons) {
    public Report {
        runs = List.copyOf(runs);
        comparisons = List.copyOf(comparisons);
    }

    public static Report read(List<Path> dirs) {
        return of(dirs.stream().map(RunData::read).toList());
    }

    public static Report of(List<RunData> runs) {
        List<Comparison> comparisons = new ArrayList<>();
        for (Benchmark b : Benchmark.values()) {
            List<RunData> of = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).benchmark() == b) {
                    of.add(runs.get(i));
                    ids.add(i);
                }
            }
            if (!of.isEmpty()) comparisons.add(Comparison.of(b, of, ids));
        }
        return new Report(runs, comparisons);
    }

    /** The HTML id of an episode: run position and episode index. */
    public static String episodeAnchor(int runId, int index) {
        return "ep-r" + runId + "-" + index;
    }
}
