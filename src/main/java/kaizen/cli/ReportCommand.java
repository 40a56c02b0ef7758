package kaizen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kaizen.core.KaizenException;
import kaizen.report.HtmlReport;
import kaizen.report.Report;
import kaizen.report.TerminalSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Compare evaluation runs (folders written by 'kaizen eval'): scores with 95%% intervals, per-category",
            "results, deltas vs the first run of each benchmark (the baseline) and a failure taxonomy computed",
            "from the transcripts. Prints a summary and writes a self-contained HTML report with an episode viewer."},
        footer = {"", "Examples:",
            "  kaizen report runs/base-dbbench runs/sft1-dbbench",
            "  kaizen report runs/base-db runs/base-alf runs/sft1-db runs/sft1-alf --out report.html",
            "  kaizen report runs/base-dbbench --no-html"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders; the first of each benchmark is the baseline.")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the HTML report (default: RUN_DIR0/report.html).")
    Path out;

    @Option(names = "--no-html", description = "Print the summary only.")
    boolean noHtml;

    @Override
    public Integer call() {
        Report report = Report.read(runs);
        System.out.print(TerminalSummary.render(report));
        if (!noHtml) {
            Path file = out != null ? out : runs.getFirst().resolve("report.html");
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(file, HtmlReport.render(report));
            } catch (IOException e) {
                throw new KaizenException("cannot write " + file + ": " + e.getMessage(), e);
            }
            System.out.println("\nreport: " + file);
        }
        return 0;
    }
}
