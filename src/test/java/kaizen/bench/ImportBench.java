package kaizen.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import kaizen.core.Json;
import kaizen.data.imports.ImportReport;
import kaizen.data.imports.Importers;

/**
 * Import speed and memory (bench/import.sh runs it): writes a ToolBench-layout JSON array of about
 * MB megabytes (the fixture's records with their numbers and words varied, so every record is
 * distinct), imports it with the {@code toolbench} importer and prints MB/s, records/s and the
 * peak heap in use (sampled every 20 ms, and the JVM's own per-pool peaks). Run it with a small
 * -Xmx at two sizes: a streaming importer's peak does not grow with the input.
 */
public final class ImportBench {
    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path tmp = Files.createTempDirectory("kaizen-import-bench");
        Path input = tmp.resolve("toolbench-big.json");
        long records = generate(input, megabytes << 20);
        long bytes = Files.size(input);

        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        ImportReport r = Importers.run("toolbench", input, tmp.resolve("out"), null, 0);
        double secs = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionCount())).sum();

        System.out.printf(Locale.ROOT, "input: %,d bytes (%.0f MiB), %,d records, JSON array%n", bytes, bytes / 1048576.0, records);
        System.out.printf(Locale.ROOT, "import: read %,d kept %,d in %.1f s = %.1f MiB/s, %,.0f records/s%n",
                r.read(), r.kept(), secs, bytes / 1048576.0 / secs, r.read() / secs);
        System.out.printf(Locale.ROOT, "heap: -Xmx %.0f MiB, peak in use (sampled) %.1f MiB, sum of heap pools' peaks %.1f MiB, %d GCs%n",
                Runtime.getRuntime().maxMemory() / 1048576.0, peak.get() / 1048576.0, poolPeaks / 1048576.0, gcs);
        try (var s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Writes records until the file reaches {@code target} bytes; returns how many. */
    static long generate(Path file, long target) throws Exception {
        JsonNode fixture = Json.mapper().readTree(Path.of("src/test/resources/kaizen/data/imports/toolbench/toolllama_G123_dfs_train.json").toFile());
        String template = Json.write(fixture.get(0));
        String[] cities = {"Lisbon", "Porto", "Kyoto", "Quito", "Oslo", "Perth", "Accra", "Lima", "Hanoi", "Cork"};
        long n = 0;
        long written = 1;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("[\n");
            while (written < target) {
                String city = cities[(int) (n % cities.length)] + " " + Long.toString(n * 7919, 36);
                String rec = template.replace("Lisbon", city).replace("26", Long.toString(n % 40))
                        .replace("Step 2:", "Step " + n + ":");
                if (n > 0) w.write(",\n");
                w.write(rec);
                written += rec.length() + 2;
                n++;
            }
            w.write("\n]\n");
        }
        return n;
    }
}
