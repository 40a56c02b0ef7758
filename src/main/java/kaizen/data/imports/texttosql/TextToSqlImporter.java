package kaizen.data.imports.texttosql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import kaizen.core.BadInputException;
import kaizen.core.JsonStream;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;
import kaizen.core.Message;
import kaizen.core.python.PyList;
import kaizen.core.python.PyNone;
import kaizen.core.python.PyTuple;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonLiteral;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;
import kaizen.data.imports.ImportSink;
import kaizen.data.imports.Importer;
import kaizen.data.imports.InputFiles;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EmbeddedMariaDb;
import kaizen.env.db.ObservationReader;

/**
 * Text-to-SQL datasets (Spider, SParC, CoSQL, BIRD) → DBBench-style trajectories. Per question:
 * translate the gold SQLite query to MySQL ({@link SqliteToMysql}), run the original on the
 * SQLite file and the translation on the database loaded into MySQL, and keep the question only
 * when both return the same result ({@link ResultMatch}). The conversation is DBBench's: its
 * prompt, "Ok.", the question with the tables' name-and-headers sentences, an explanation with
 * one operation, the real MySQL observation, the final answer. SParC/CoSQL interactions become
 * one conversation whose later questions are new user turns; it is cut before the first turn
 * that fails (and left out when the first does).
 */
public final class TextToSqlImporter implements Importer {
    /** Databases kept loaded at once. */
    static final int LOADED_BOUND = 4;
    /** SQLite rows read per gold query: more than an 800-character observation can show. */
    private static final int SQLITE_ROWS = 400;
    private static final Pattern MYSQL_ERROR = Pattern.compile("^(\\d{4}) \\([0-9A-Z]{5}\\): .*", Pattern.DOTALL);

    private final Dataset dataset;
    private final Optional<DbEnvironment> env;

    private TextToSqlImporter(Dataset dataset, Optional<DbEnvironment> env) {
        this.dataset = dataset;
        this.env = env;
    }

    /** The importers of the registry: each starts the embedded MariaDB for its run. */
    public static List<Importer> all() {
        return List.of(Dataset.values()).stream().map(d -> (Importer) new TextToSqlImporter(d, Optional.empty())).toList();
    }

    /** An importer on a server that is already running (tests, benchmarks). */
    public static Importer on(String name, DbEnvironment env) {
        for (Dataset d : Dataset.values()) {
            if (d.id.equals(name)) return new TextToSqlImporter(d, Optional.of(env));
        }
        throw new KaizenException("no text-to-SQL importer named '" + name + "'");
    }

    @Override
    public String name() {
        return dataset.id;
    }

    @Override
    public String reads() {
        return dataset.reads;
    }

    @Override
    public void run(Path input, ImportSink sink) {
        List<Path> files = questionFiles(input);
        if (env.isPresent()) {
            importFiles(files, env.get(), sink);
            return;
        }
        importFiles(files, sharedEnvironment(), sink);
    }

    private static DbEnvironment shared;

    /**
     * One embedded MariaDB for all imports of this process, started on first use and stopped when
     * the process ends: a build with several text-to-SQL sources starts the server once.
     */
    private static synchronized DbEnvironment sharedEnvironment() {
        if (shared == null) {
            EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of(System.getProperty("user.home"), ".cache", "kaizen"));
            DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                env.close();
                server.close();
            }));
            shared = env;
        }
        return shared;
    }

    /** A file as given, or the dataset's training files under a folder. */
    private List<Path> questionFiles(Path input) {
        if (Files.isRegularFile(input)) return List.of(input);
        List<Path> out = InputFiles.list(input, ".json").stream()
                .filter(p -> dataset.trainFiles.contains(p.getFileName().toString())).toList();
        if (out.isEmpty()) throw new KaizenException(input + ": no " + String.join(" or ", dataset.trainFiles)
                + " in this folder; give the folder of the " + dataset.id + " release or one of its question files");
        return out;
    }

    private void importFiles(List<Path> files, DbEnvironment db, ImportSink sink) {
        try (LoadedDatabases databases = new LoadedDatabases(db, LOADED_BOUND)) {
            for (Path file : files) {
                List<Path> roots = Dataset.databaseRoots(file);
                if (roots.isEmpty()) throw new KaizenException(file + ": no database/ (or train_databases/, dev_databases/) folder beside it;"
                        + " unpack the release's databases next to its question files");
                JsonStream.forEach(file, r -> {
                    convert(r, roots, databases, sink);
                    return !sink.full();
                }, sink::malformed);
                if (sink.full()) return;
            }
        }
    }

    private void convert(JsonlRecord r, List<Path> roots, LoadedDatabases databases, ImportSink sink) {
        Dataset.Example ex;
        try {
            ex = dataset.parse(r);
        } catch (BadInputException e) {
            sink.malformed(e);
            return;
        }
        LoadedDatabases.Entry entry = databases.get(roots, ex.dbId());
        if (!(entry instanceof LoadedDatabases.Ready db)) {
            sink.leaveOut(((LoadedDatabases.Unusable) entry).reason());
            return;
        }
        Conversation talk = new Conversation(db.schema(), new SplittableRandom(ex.id().hashCode() * 31L + ex.dbId().hashCode()));
        for (int k = 0; k < ex.turns().size(); k++) {
            Dataset.Turn turn = ex.turns().get(k);
            Checked checked = check(db, turn.sql());
            if (checked instanceof Failed f) {
                if (k == 0) {
                    sink.leaveOut(f.reason());
                    return;
                }
                break;
            }
            talk.add(turn, (Passed) checked);
        }
        List<Message> messages = talk.messages();
        Protocol protocol = ex.turns().size() > 1 ? Protocol.DBBENCH_MULTITURN : Protocol.DBBENCH;
        Optional<String> problem = protocol.problem(messages);
        if (problem.isPresent()) {
            sink.leaveOut("not well-formed: " + problem.get());
            return;
        }
        Map<String, String> meta = new LinkedHashMap<>(ex.metadata());
        meta.put("db_id", ex.dbId());
        meta.put("tables", Integer.toString(db.schema().tables().size()));
        if (ex.turns().size() > 1) meta.put("turns", talk.turns() + "/" + ex.turns().size());
        sink.keep(new Trajectory(dataset.id, ex.dbId() + "/" + ex.id(), talk.category(), messages, Trajectory.Outcome.SOLVED, 0, meta));
    }

    sealed interface Checked {}

    /** A gold query that ran the same on both sides: the MySQL text, its observation, the answer values. */
    record Passed(String sqlite, String mysql, String observation, List<PyValue> answer) implements Checked {}

    record Failed(String reason) implements Checked {}

    /** Translates, runs both sides, compares; the reason of a failure is a count key of the report. */
    static Checked check(LoadedDatabases.Ready db, String sqlite) {
        String mysql;
        try {
            mysql = SqliteToMysql.translate(sqlite, db.schema());
        } catch (UnsupportedSql u) {
            return new Failed("translation unsupported: " + u.getMessage());
        }
        List<List<PyValue>> expected;
        try {
            expected = db.sqlite().query(sqlite, SQLITE_ROWS);
        } catch (SQLException e) {
            return new Failed("sqlite error");
        }
        String obs = db.mysql().execute(mysql);
        var error = MYSQL_ERROR.matcher(obs);
        if (error.matches()) return new Failed("mysql error " + error.group(1));
        if (obs.endsWith(ObservationReader.TRUNCATED)) return new Failed("result too long for an observation");
        Optional<List<List<PyValue>>> rows = rows(obs);
        if (rows.isEmpty()) return new Failed("observation not readable");
        if (rows.get().isEmpty()) return new Failed(expected.isEmpty() ? "empty result" : "results differ");
        if (!ResultMatch.same(expected, rows.get(), SqliteToMysql.ordered(sqlite))) return new Failed("results differ");
        LinkedHashSet<PyValue> values = new LinkedHashSet<>();
        rows.get().forEach(values::addAll);
        if (values.stream().anyMatch(v -> v instanceof PyNone)) return new Failed("NULL in the answer");
        return new Passed(sqlite, mysql, obs, List.copyOf(values));
    }

    /**
     * The rows an observation shows (Python's str of a list of tuples). MySQL's DECIMAL cells show
     * as {@code Decimal('3.5000')}, which is no literal; they are read as the number they hold.
     */
    static Optional<List<List<PyValue>>> rows(String obs) {
        Optional<PyValue> v = PythonLiteral.eval(withoutDecimalCalls(obs));
        if (v.isEmpty() || !(v.get() instanceof PyList list)) return Optional.empty();
        List<List<PyValue>> out = new ArrayList<>();
        for (PyValue row : list.items()) {
            if (!(row instanceof PyTuple t)) return Optional.empty();
            out.add(t.items());
        }
        return Optional.of(out);
    }

    /** Replaces {@code Decimal('N')} by {@code N} outside string literals. */
    static String withoutDecimalCalls(String obs) {
        StringBuilder out = new StringBuilder(obs.length());
        char quote = 0;
        for (int i = 0; i < obs.length(); i++) {
            char c = obs.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < obs.length()) out.append(obs.charAt(++i));
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (obs.startsWith("Decimal('", i)) {
                int end = obs.indexOf("')", i);
                if (end < 0) return obs;
                out.append(obs, i + 9, end);
                i = end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
