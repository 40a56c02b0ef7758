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

    /**
     * Runs are labelled by their folder's name; runs whose folders share a name (GRPO's
     * held-out/step-0000000/sampled and held-out/step-0000074/sampled) get as many parent names as
     * tell them apart ("step-0000000/sampled").
     */
    static List<RunData> distinctLabels(List<RunData> runs) {
        List<RunData> out = new ArrayList<>();
        for (RunData r : runs) {
            int names = absolute(r.dir()).getNameCount();
            int depth = 1;
            while (depth < names && clashes(runs, r, depth)) depth++;
            out.add(depth == 1 ? r : r.withLabel(tail(r.dir(), depth)));
        }
        return out;
    }

    private static boolean clashes(List<RunData> runs, RunData run, int depth) {
        String mine = tail(run.dir(), depth);
        return runs.stream().anyMatch(other -> other != run && tail(other.dir(), depth).equals(mine));
    }

    /** The last {@code depth} names of the folder's path, joined by '/'. */
    private static String tail(Path dir, int depth) {
        Path p = absolute(dir);
        int n = p.getNameCount();
        return n == 0 ? p.toString() : p.subpath(Math.max(0, n - depth), n).toString().replace('\\', '/');
    }

    private static Path absolute(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    public static Report of(List<RunData> given) {
        List<RunData> runs = distinctLabels(given);
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
