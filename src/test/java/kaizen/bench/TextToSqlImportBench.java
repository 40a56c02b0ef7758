package kaizen.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kaizen.data.imports.ImportReport;
import kaizen.data.imports.ImportSink;
import kaizen.data.imports.texttosql.TextToSqlImporter;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EmbeddedMariaDb;

/**
 * Text-to-SQL import throughput and memory (bench/import-sql.sh runs it): generates a Spider
 * layout — {@code DBS} SQLite databases of three tables (2,000 / 6,000 / 1,000 rows) and a
 * {@code train_spider.json} of {@code COUNT} questions grouped by database, as Spider lists them —
 * then imports it on the embedded MariaDB and reports questions per second and the peak heap
 * after garbage collection (run with a small -Xmx to show memory stays flat).
 */
public final class TextToSqlImportBench {
    private static final String[] PORTS = {"Bergen", "Hull", "Vigo", "Tromso", "Aarhus", "Gdansk", "Cork", "Brest"};

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int dbs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path root = Files.createTempDirectory("kaizen-sql-bench");
        long t0 = System.nanoTime();
        for (int d = 0; d < dbs; d++) database(root.resolve("database/fleet_" + d + "/fleet_" + d + ".sqlite"), d);
        questions(root.resolve("train_spider.json"), count, dbs);
        System.out.printf(Locale.ROOT, "generated %d questions over %d databases in %.1f s (%,d bytes of JSON)%n", count, dbs,
                (System.nanoTime() - t0) / 1e9, Files.size(root.resolve("train_spider.json")));
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of(System.getProperty("user.home"), ".cache", "kaizen"));
                DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT)) {
            resetPeaks();
            ImportReport r;
            try (ImportSink sink = new ImportSink("spider", root, root.resolve("out"), System.err, 0)) {
                TextToSqlImporter.on("spider", env).run(root, sink);
                r = sink.finish();
            }
            System.out.println(r.render());
            System.out.printf(Locale.ROOT, "throughput: %.0f questions/s (%.2f ms each); heap: max %d MiB, peak after GC %d MiB, peak used %d MiB%n",
                    r.read() / r.seconds(), 1000 * r.seconds() / r.read(), Runtime.getRuntime().maxMemory() >> 20,
                    peakAfterGc() >> 20, peakUsed() >> 20);
        }
    }

    static void database(Path file, int seed) throws SQLException, IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom rng = new SplittableRandom(seed);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE vessel (vessel_id INTEGER PRIMARY KEY, name TEXT, flag TEXT, tonnage REAL, built INTEGER, \"rank\" INTEGER)");
            st.executeUpdate("CREATE TABLE voyage (voyage_id INTEGER PRIMARY KEY, vessel_id INTEGER REFERENCES vessel(vessel_id), port TEXT,"
                    + " departed DATE, cargo_tons INTEGER)");
            st.executeUpdate("CREATE TABLE \"crew member\" (member_id INTEGER PRIMARY KEY, vessel_id INTEGER, name TEXT, role TEXT)");
            c.setAutoCommit(false);
            try (PreparedStatement v = c.prepareStatement("INSERT INTO vessel VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement y = c.prepareStatement("INSERT INTO voyage VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement m = c.prepareStatement("INSERT INTO \"crew member\" VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= 2000; i++) {
                    v.setInt(1, i);
                    v.setString(2, "Vessel " + i);
                    v.setString(3, List.of("Norway", "Spain", "Denmark", "Poland", "Ireland").get(rng.nextInt(5)));
                    v.setDouble(4, 100 + rng.nextInt(500_000) / 100.0);
                    v.setInt(5, 1950 + rng.nextInt(75));
                    v.setInt(6, i);
                    v.addBatch();
                }
                v.executeBatch();
                for (int i = 1; i <= 6000; i++) {
                    y.setInt(1, i);
                    y.setInt(2, 1 + rng.nextInt(2000));
                    y.setString(3, PORTS[rng.nextInt(PORTS.length)]);
                    y.setString(4, String.format(Locale.ROOT, "%d-%02d-%02d", 2010 + rng.nextInt(15), 1 + rng.nextInt(12), 1 + rng.nextInt(28)));
                    y.setInt(5, rng.nextInt(3000));
                    y.addBatch();
                }
                y.executeBatch();
                for (int i = 1; i <= 1000; i++) {
                    m.setInt(1, i);
                    m.setInt(2, 1 + rng.nextInt(2000));
                    m.setString(3, "Sailor " + i);
                    m.setString(4, List.of("captain", "engineer", "cook", "deckhand").get(rng.nextInt(4)));
                    m.addBatch();
                }
                m.executeBatch();
            }
            c.commit();
        }
    }

    /** Questions in the shapes Spider's gold SQL has, literals varied so answers differ. */
    static void questions(Path file, int count, int dbs) throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        try (JsonGenerator g = new JsonFactory().createGenerator(Files.newBufferedWriter(file))) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (int i = 0; i < count; i++) {
                int db = (int) ((long) i * dbs / count);
                int k = 1 + rng.nextInt(2000);
                String port = PORTS[rng.nextInt(PORTS.length)];
                String[] q = switch (i % 8) {
                    case 0 -> new String[] {"How many voyages went to " + port + " with more than " + k + " tons?",
                        "SELECT count(*) FROM voyage WHERE port = \"" + port + "\" AND cargo_tons > " + k};
                    case 1 -> new String[] {"What is the name and flag of vessel " + k + "?", "SELECT name || ' (' || flag || ')' FROM vessel WHERE vessel_id = " + k};
                    case 2 -> new String[] {"Which ports did vessel " + k + " visit?",
                        "SELECT DISTINCT T2.port FROM vessel AS T1 JOIN voyage AS T2 ON T1.vessel_id = T2.vessel_id WHERE T1.vessel_id = " + k};
                    case 3 -> new String[] {"What is the whole-ton average cargo of voyages to " + port + "?",
                        "SELECT sum(cargo_tons) / count(*) FROM voyage WHERE port = '" + port + "'"};
                    case 4 -> new String[] {"In which years did vessel " + k + " sail?",
                        "SELECT DISTINCT strftime('%Y', departed) FROM voyage WHERE vessel_id = " + k + " ORDER BY 1"};
                    case 5 -> new String[] {"Which vessel has rank " + k + "?", "SELECT name FROM vessel WHERE rank = " + k};
                    case 6 -> new String[] {"How many crew members of vessel " + k + " are captains?",
                        "SELECT count(*) FROM \"crew member\" WHERE vessel_id = " + k + " AND role = 'captain'"};
                    default -> new String[] {"What is the Julian day of voyage " + k + "?", "SELECT julianday(departed) FROM voyage WHERE voyage_id = " + k};
                };
                g.writeStartObject();
                g.writeStringField("db_id", "fleet_" + db);
                g.writeStringField("query", q[1]);
                g.writeStringField("question", q[0] + " (" + i + ")");
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
    }

    private static long peakUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Live data: the most the old generation held just after a collection. */
    private static long peakAfterGc() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                .mapToLong(p -> p.getCollectionUsage().getUsed()).max().orElse(-1);
    }
}
