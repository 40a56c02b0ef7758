package kaizen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report for people who stay in the shell: per benchmark, the scores of every run with 95%
 * Wilson intervals, each later run's difference from the baseline (the first run) in percentage
 * points with Newcombe's interval, the task-by-task change where a run played the baseline's tasks
 * (exact McNemar test), and the failure taxonomy's counts.
 */
public final class TerminalSummary {
    private TerminalSummary() {}

    public static String render(Report report) {
        StringBuilder sb = new StringBuilder();
        for (Comparison c : report.comparisons()) {
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(c.benchmark().title()).append(": ").append(c.benchmark().scoreName()).append(" with 95% intervals, ")
                    .append("deltas in points vs the baseline ").append(c.baseline().label()).append('\n');
            sb.append(scores(c)).append('\n').append(paired(c)).append("  failures (one class per failed episode)\n").append(taxonomy(c));
        }
        return sb.toString();
    }

    private static String scores(Comparison c) {
        TextTable t = new TextTable();
        List<String> header = new ArrayList<>(List.of(""));
        List<String> agents = new ArrayList<>(List.of(""));
        for (int i = 0; i < c.runs().size(); i++) {
            RunData r = c.runs().get(i);
            header.add(r.label());
            agents.add(r.agent() + (i == 0 ? " (baseline)" : ""));
            if (i > 0) {
                header.add("delta");
                agents.add("");
            }
        }
        t.row(header).row(agents);
        if (c.anyAgentBenchScore()) {
            List<String> headline = new ArrayList<>(List.of(c.benchmark().agentBenchScoreName()));
            for (int i = 0; i < c.runs().size(); i++) {
                headline.add(Formats.agentBenchScore(c.runs().get(i)));
                if (i > 0) headline.add("");
            }
            t.row(headline);
        }
        for (Comparison.Row row : c.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.name()));
            Proportion base = row.perRun().getFirst();
            for (int i = 0; i < row.perRun().size(); i++) {
                Proportion p = row.perRun().get(i);
                cells.add(p.total() == 0 ? "-" : Formats.score(p));
                if (i > 0) cells.add(p.total() == 0 || base.total() == 0 ? "-" : Formats.delta(p, base));
            }
            t.row(cells);
        }
        return t.render("  ");
    }

    /** One line per later run that played the baseline's tasks, then a blank line; nothing when none did. */
    private static String paired(Comparison c) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < c.runs().size(); i++) {
            String label = c.runs().get(i).label();
            c.paired().get(i).ifPresent(p -> sb.append("  paired by task, ").append(label).append(" vs the baseline: ")
                    .append(Formats.paired(p)).append('\n'));
        }
        return sb.isEmpty() ? "" : sb.append('\n').toString();
    }

    private static String taxonomy(Comparison c) {
        List<Map<FailureClass, List<EpisodeView>>> perRun = c.runs().stream().map(r -> Comparison.failures(c.benchmark(), r)).toList();
        TextTable t = new TextTable();
        for (FailureClass fc : FailureClass.of(c.benchmark())) {
            List<String> cells = new ArrayList<>(List.of(fc.title()));
            int base = perRun.getFirst().get(fc).size();
            for (int i = 0; i < perRun.size(); i++) {
                int n = perRun.get(i).get(fc).size();
                cells.add(Integer.toString(n));
                if (i > 0) cells.add(Formats.signedCount(n - base));
            }
            t.row(cells);
        }
        return t.render("    ");
    }
}
