package kaizen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kaizen.data.imports.ImportReport;
import kaizen.data.imports.ImportSink;
import kaizen.data.imports.Importer;
import kaizen.data.imports.Importers;
import kaizen.data.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Convert a public dataset, in its published format, into Kaizen trajectories (trajectories.jsonl) that",
            "'kaizen data build' reads. Input is streamed (constant memory); a malformed record is skipped and counted,",
            "named by file, line and field in import-problems.jsonl; import-report.json counts what was kept and why",
            "the rest was not. 'kaizen data import --list' shows the sources."},
        footer = {"", "Examples:", "  kaizen data import sharegpt ~/data/sharegpt.json --out data/import/sharegpt",
            "  kaizen data import spider ~/data/spider --out data/import/spider   (text-to-SQL: starts the embedded MariaDB)"})
final class DataImportCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE", description = "Which importer (see --list).")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "The dataset's file or folder, as published.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: data/import/SOURCE).")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N kept trajectories (default: all).")
    long limit;

    @Option(names = "--list", description = "List the importers and what each reads.")
    boolean list;

    @Option(names = "--quiet", description = "No periodic status lines.")
    boolean quiet;

    @picocli.CommandLine.Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        if (list || source == null) {
            for (Importer i : Importers.all()) System.out.printf("  %-14s %s%n", i.name(), i.reads());
            return list ? 0 : 2;
        }
        if (input == null) throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "give the dataset's PATH after the source name");
        Path dir = out != null ? out : Path.of("data", "import", source);
        ImportReport r = Importers.run(source, input, dir, quiet ? null : System.err, limit);
        System.out.println(r.render());
        System.out.println("wrote " + dir.resolve(Trajectory.FILE_NAME) + ", " + dir.resolve(ImportSink.REPORT_FILE)
                + (r.malformed() > 0 ? ", " + dir.resolve(ImportSink.PROBLEMS_FILE) : ""));
        return 0;
    }
}
