package kaizen.data.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.KaizenException;
import kaizen.core.Progress;
import kaizen.data.Trajectory;

/**
 * Where an importer puts what it reads. Kept trajectories stream to
 * {@code DIR/trajectories.jsonl} (written to a {@code .partial} file and moved into place when
 * the import ends, so a reader never takes a cut-off import for a whole one); every record not
 * kept is counted by reason, malformed ones are also listed with file, line and field in
 * {@code DIR/import-problems.jsonl}; {@link #finish} writes {@code DIR/import-report.json}.
 *
 * <p>Used from one thread: importers read sequentially (streaming is the point), so nothing
 * here is synchronised.
 */
public final class ImportSink implements AutoCloseable {
    public static final String REPORT_FILE = "import-report.json";
    public static final String PROBLEMS_FILE = "import-problems.jsonl";
    private static final int SHOWN_PROBLEMS = 10;

    private final String source;
    private final Path input;
    private final Path dir;
    private final Path partial;
    private final BufferedWriter trajectories;
    private final BufferedWriter problems;
    private final Progress progress;
    private final long limit;
    private final long startNanos = System.nanoTime();
    private final java.util.SortedMap<String, Long> notKept = new TreeMap<>();
    private final List<String> firstProblems = new ArrayList<>();
    private long read;
    private long kept;
    private boolean finished;

    /**
     * @param status where the progress line goes (stderr), or null for none
     * @param limit stop asking for records once this many are kept (0 = no limit)
     */
    public ImportSink(String source, Path input, Path dir, PrintStream status, long limit) {
        this.source = source;
        this.input = input;
        this.dir = dir;
        this.progress = new Progress(source, 0, status == null ? System.err : status, status != null);
        progress.detail(() -> String.format(Locale.ROOT, "kept %,d  not kept %,d", kept, read - kept));
        this.limit = limit;
        this.partial = dir.resolve(Trajectory.FILE_NAME + ".partial");
        try {
            Files.createDirectories(dir);
            this.trajectories = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
            this.problems = Files.newBufferedWriter(dir.resolve(PROBLEMS_FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KaizenException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** True once {@code --limit} trajectories are kept: importers stop reading then. */
    public boolean full() {
        return limit > 0 && kept >= limit;
    }

    /** Keeps one converted trajectory (one record read). */
    public void keep(Trajectory t) {
        read++;
        kept++;
        write(trajectories, Json.write(t.toJson()));
        progress.succeeded();
    }

    /** Keeps the trajectory when its conversation follows {@code protocol}; otherwise leaves it out, counted under the protocol's reason. */
    public void keepIfWellFormed(Trajectory t, kaizen.data.build.Protocol protocol) {
        java.util.Optional<String> problem = protocol.problem(t.messages());
        if (problem.isPresent()) leaveOut(problem.get());
        else keep(t);
    }

    /** Keeps several trajectories made from one record (e.g. one per turn of a conversation). */
    public void keepAll(List<Trajectory> ts) {
        read++;
        for (Trajectory t : ts) {
            kept++;
            write(trajectories, Json.write(t.toJson()));
        }
        progress.succeeded();
    }

    /** A valid record left out on purpose; {@code reason} is a short stable phrase (it is a count key). */
    public void leaveOut(String reason) {
        read++;
        notKept.merge(reason, 1L, Long::sum);
        progress.succeeded();
    }

    /** A broken record: skipped and counted under "malformed: FIELD", listed with its position. */
    public void malformed(BadInputException e) {
        read++;
        String field = e.field() == null || e.field().isEmpty() ? "record" : e.field();
        notKept.merge(ImportReport.MALFORMED + ": " + field, 1L, Long::sum);
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("file", String.valueOf(e.file()));
        p.put("line", e.line());
        p.put("field", field);
        p.put("problem", e.getMessage());
        write(problems, Json.write(p));
        if (firstProblems.size() < SHOWN_PROBLEMS) firstProblems.add(e.getMessage());
        progress.failed();
    }

    private void write(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write under " + dir, e);
        }
    }

    /** Closes the files, moves the trajectories into place and writes the report. */
    public ImportReport finish() {
        progress.close();
        ImportReport report = new ImportReport(source, input.toString(), read, kept, notKept, firstProblems,
                (System.nanoTime() - startNanos) / 1e9);
        closeFiles();
        try {
            Files.move(partial, dir.resolve(Trajectory.FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(dir.resolve(REPORT_FILE), Json.writePretty(report.toJson()) + "\n");
        } catch (IOException e) {
            throw new KaizenException("cannot finish the import in " + dir + ": " + e.getMessage(), e);
        }
        finished = true;
        return report;
    }

    private void closeFiles() {
        try {
            trajectories.close();
            problems.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An import that did not finish leaves its {@code .partial} file, never a trajectories.jsonl. */
    @Override
    public void close() {
        if (!finished) closeFiles();
    }
}
