package kaizen.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import kaizen.data.build.BuildReport;
import kaizen.data.build.DatasetBuild;
import kaizen.data.build.ModelFormats;
import kaizen.data.build.RecipeReader;
import kaizen.data.decontam.ContaminationIndex;
import kaizen.data.decontam.GateSettings;

/**
 * Dataset build speed (bench/databuild.sh runs it): gate throughput (examples checked per second
 * against DBBench dev + ALFWorld json_2.1.1 (valid_seen + valid_train, 340 games)) and whole-build throughput, on N
 * trajectories made from the synthetic DBBench fixture with a unique marker word in every turn
 * (so dedup keeps them), after one warm-up round.
 */
public final class DataBuildBench {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path shared = Path.of("../shared/data");
        Path tmp = Files.createTempDirectory("kaizen-build-bench");
        List<Trajectory> base = Trajectory.readAll(Path.of("src/test/resources/kaizen/data/build/synth-dbbench.jsonl"));
        List<Trajectory> big = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Trajectory t = base.get(i % base.size());
            List<Message> ms = new ArrayList<>();
            for (int m = 0; m < t.messages().size(); m++) {
                Message x = t.messages().get(m);
                ms.add(m < 2 ? x : new Message(x.role(), "(v" + Integer.toString(i * 31 + m, 36) + " q" + i + ") " + x.content()));
            }
            big.add(new Trajectory(t.source(), t.taskId() + "-" + i, t.category(), ms, t.outcome(), t.seed(), t.metadata()));
        }
        Path data = tmp.resolve("big.jsonl");
        Trajectory.writeAll(data, big);
        long messages = big.stream().mapToLong(t -> t.messages().size()).sum();
        System.out.printf(Locale.ROOT, "%d trajectories, %.1f messages each, %.1f MB%n", count, (double) messages / count, Files.size(data) / 1e6);

        long t0 = System.nanoTime();
        ContaminationIndex index = ContaminationIndex.load(List.of(shared.resolve("dbbench/dev.jsonl")),
                List.of(shared.resolve("alfworld/json_2.1.1")), GateSettings.DEFAULT);
        System.out.printf(Locale.ROOT, "index: %s units, %d items, %d n-gram keys, %d shingle keys, built in %.2f s%n",
                index.stats().unitsPerCorpus(), index.stats().items(), index.stats().exactKeys(), index.stats().shingleKeys(), (System.nanoTime() - t0) / 1e9);
        for (int round = 0; round < 3; round++) {
            long c0 = System.nanoTime();
            int found = 0;
            for (Trajectory t : big) found += index.check("bench", t.taskId(), t.messages()).size();
            double secs = (System.nanoTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "gate round %d: %d examples in %.2f s = %.0f examples/s (%d findings)%n", round, count, secs, count / secs, found);
        }

        Path recipe = tmp.resolve("recipe.yaml");
        Files.writeString(recipe, """
                name: bench
                sources:
                  - {name: synth, path: %s, protocol: dbbench, tags: {domain: agent}}
                dedup: {threshold: 0.8}
                decontamination:
                  dbbench: [%s]
                  alfworld: [%s]
                """.formatted(data, shared.resolve("dbbench/dev.jsonl").toAbsolutePath(),
                shared.resolve("alfworld/json_2.1.1").toAbsolutePath()));
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (int round = 0; round < 2; round++) {
            BuildReport r = DatasetBuild.run(RecipeReader.read(recipe), tmp.resolve("out"), ModelFormats.available(), quiet, false);
            System.out.printf(Locale.ROOT, "build round %d: %d in, %d out in %.2f s = %.0f examples/s (gate %.2f s of it)%n", round, count,
                    r.sftExamples(), r.seconds(), count / r.seconds(), r.gate().seconds());
        }
    }
}
