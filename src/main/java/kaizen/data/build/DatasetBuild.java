package kaizen.data.build;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kaizen.core.Jsonl;
import kaizen.core.KaizenException;
import kaizen.core.Message;
import kaizen.core.Progress;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.decontam.ContaminationException;
import kaizen.data.decontam.ContaminationIndex;
import kaizen.data.decontam.Finding;
import kaizen.data.imports.ImportReport;
import kaizen.data.imports.Importers;
import kaizen.data.parquet.ParquetColumn;
import kaizen.data.parquet.ParquetWriter;
import kaizen.env.db.ObservationReader;

/**
 * {@code kaizen data build}: reads a recipe's trajectory files, passes every trajectory through
 * the decontamination gate (a match fails the build), the quality filters, exact and
 * near-duplicate dedup, then mixes the SFT set to the target ratios, pairs DPO examples, and
 * writes the sets as OpenAI-messages JSONL, ShareGPT JSONL and Parquet with a dataset card.
 */
public final class DatasetBuild {
    public static final String SFT = "sft.jsonl";
    public static final String SFT_SHAREGPT = "sft.sharegpt.jsonl";
    public static final String SFT_PARQUET = "sft.parquet";
    public static final String DPO = "dpo.jsonl";
    public static final String DPO_PARQUET = "dpo.parquet";
    public static final String DROPPED = "dropped.jsonl";
    public static final String CONTAMINATION = "contamination.jsonl";
    public static final String CARD = "README.md";
    /** Where sources with an {@code importer} are imported to, one folder per source. */
    public static final String IMPORTS = "imports";

    private DatasetBuild() {}

    /**
     * Builds the dataset into {@code out}.
     *
     * @throws ContaminationException when an example matches a benchmark (its findings are in {@value #CONTAMINATION})
     */
    public static BuildReport run(Recipe recipe, Path out, ModelFormats formats, PrintStream log, boolean progress) {
        try (kaizen.env.db.LazyDbEnvironment db = new kaizen.env.db.LazyDbEnvironment(() -> {
            log.println("starting the embedded MariaDB " + kaizen.env.db.EmbeddedMariaDb.VERSION + " to replay DBBench conversations ...");
            return kaizen.env.db.EmbeddedMariaDb.start(Path.of(System.getProperty("user.home"), ".cache", "kaizen"));
        })) {
            return run(recipe, out, formats, log, progress, db);
        }
    }

    /** As above, replaying {@code verify: dbbench} sources on the database {@code db} gives (asked for only when one is). */
    public static BuildReport run(Recipe recipe, Path out, ModelFormats formats, PrintStream log, boolean progress,
            java.util.function.Supplier<kaizen.env.db.DbEnvironment> db) {
        long t0 = System.nanoTime();
        ModelFormat measure = formats.get(recipe.filters().lengthMeasure());
        List<ModelFormat> models = recipe.models().stream().map(formats::get).toList();
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new KaizenException("cannot create " + out + ": " + e.getMessage(), e);
        }

        Map<String, List<Example>> loaded = new LinkedHashMap<>();
        for (Recipe.Source s : recipe.sources()) {
            Path file = s.importer().isPresent() ? imported(s, out, log) : s.path();
            List<Example> es = Trajectory.readAll(file).stream().map(t -> new Example(s, t)).toList();
            loaded.put(s.name(), es);
            log.printf("read %d trajectories from %s (%s)%n", es.size(), s.name(), file);
        }

        BuildReport.Gate gate = gate(recipe, loaded, out, log, progress);
        long tr = System.nanoTime();
        Map<String, BuildReport.Replayed> replays = Replays.verify(recipe.sources(), loaded, db, progress);
        replays.forEach((name, r) -> log.printf("verified %s: %d of %d successes %s%n", name, r.replayed() - r.failed().size(), r.replayed(), r.how()));
        if (!replays.isEmpty()) log.printf(java.util.Locale.ROOT, "replays took %.1f s%n", (System.nanoTime() - tr) / 1e9);
        long tq = System.nanoTime();

        Map<String, Integer> qualityDrops = new LinkedHashMap<>();
        List<Map<String, Object>> dropped = new ArrayList<>();
        Map<String, List<Example>> successes = new LinkedHashMap<>();
        Map<String, List<Example>> failures = new LinkedHashMap<>();
        Map<String, int[]> stageCounts = new LinkedHashMap<>();
        for (Recipe.Source s : recipe.sources()) {
            List<Example> ok = new ArrayList<>();
            List<Example> bad = new ArrayList<>();
            int wellFormed = 0;
            Set<String> unsound = replays.containsKey(s.name()) ? replays.get(s.name()).failed() : Set.of();
            for (Example e : loaded.get(s.name())) {
                Optional<String> problem = unsound.contains(e.id()) ? Optional.of("does not replay in its environment")
                        : qualityProblem(recipe.filters(), measure, e);
                if (problem.isPresent()) {
                    qualityDrops.merge(problem.get(), 1, Integer::sum);
                    dropped.add(drop("quality", e, problem.get()));
                    continue;
                }
                wellFormed++;
                if (e.trajectory().outcome().success() || !recipe.filters().requireSuccess()) {
                    ok.add(e);
                } else {
                    bad.add(e);
                    String reason = "not a success" + (recipe.dpo().enabled() ? " (kept as a DPO rejected candidate)" : "");
                    qualityDrops.merge(reason, 1, Integer::sum);
                    dropped.add(drop("quality", e, reason));
                }
            }
            successes.put(s.name(), ok);
            failures.put(s.name(), bad);
            stageCounts.put(s.name(), new int[] {loaded.get(s.name()).size(), wellFormed, ok.size(), bad.size()});
        }

        NearDuplicates.Result dedup = NearDuplicates.apply(successes.values().stream().flatMap(List::stream).toList(),
                recipe.dedup().threshold(), recipe.dedup().shingle());
        Map<String, Integer> dedupDrops = new LinkedHashMap<>();
        for (NearDuplicates.Drop d : dedup.dropped()) {
            dedupDrops.merge(d.reason().startsWith("exact") ? "exact duplicate" : "near-duplicate", 1, Integer::sum);
            dropped.add(drop("dedup", d.example(), d.reason()));
        }
        Map<String, List<Example>> pool = new LinkedHashMap<>();
        for (Recipe.Source s : recipe.sources()) pool.put(s.name(), new ArrayList<>());
        for (Example e : dedup.kept()) pool.get(e.source().name()).add(e);
        log.printf(java.util.Locale.ROOT, "quality filters and dedup took %.1f s%n", (System.nanoTime() - tq) / 1e9);
        log.printf("quality filters dropped %d, dedup dropped %d (exact %d, near %d)%n",
                qualityDrops.entrySet().stream().filter(e -> !e.getKey().startsWith("not a success")).mapToInt(Map.Entry::getValue).sum(),
                dedup.dropped().size(), dedupDrops.getOrDefault("exact duplicate", 0), dedupDrops.getOrDefault("near-duplicate", 0));

        Mixer.Result mix = Mixer.mix(recipe.mix(), recipe.sources(), pool, recipe.seed());
        log.printf("mixed %d SFT examples%s%n", mix.examples().size(), mix.limitedBy().isEmpty() ? "" : " (size limited by source " + mix.limitedBy() + ")");

        long tw = System.nanoTime();
        List<String> files = new ArrayList<>();
        writeSft(out, mix.examples(), files);
        DpoPairs.Result dpo = new DpoPairs.Result(List.of(), Map.of());
        if (recipe.dpo().enabled()) {
            dpo = DpoPairs.pair(dedup.kept(), failures.values().stream().flatMap(List::stream).toList(), recipe.dpo().maxPairsPerTask(), recipe.seed());
            writeDpo(out, dpo.pairs(), files);
            log.printf("paired %d DPO examples%n", dpo.pairs().size());
        }
        Jsonl.writeAll(out.resolve(DROPPED), dropped);
        files.add(DROPPED);
        log.printf(java.util.Locale.ROOT, "pairing and writing the sets took %.1f s%n", (System.nanoTime() - tw) / 1e9);
        long tl = System.nanoTime();

        Map<String, BuildReport.Lengths> lengths = new LinkedHashMap<>();
        List<ModelFormat> measured = new ArrayList<>(models);
        if (!measured.contains(measure)) measured.addFirst(measure);
        for (ModelFormat f : measured) {
            int[] ls = mix.examples().stream().mapToInt(e -> f.length(e.trajectory().messages())).toArray();
            String picture = "lengths-" + f.id() + ".png";
            LengthHistogram.draw(out.resolve(picture), "SFT lengths: " + recipe.name() + " (" + f.id() + ")", f.unit(), ls, log);
            lengths.put(f.id(), new BuildReport.Lengths(f.unit(), LengthHistogram.Summary.of(ls), picture));
            files.add(picture);
            if (f != ModelFormat.CHARACTERS) {
                String rendered = "rendered-" + f.id() + ".jsonl";
                Jsonl.writeAll(out.resolve(rendered), mix.examples().stream().map(e -> Map.of("text", f.render(e.trajectory().messages()))).toList());
                files.add(rendered);
            }
        }

        log.printf(java.util.Locale.ROOT, "lengths, histograms and renders took %.1f s%n", (System.nanoTime() - tl) / 1e9);
        Map<String, BuildReport.SourceCounts> perSource = new LinkedHashMap<>();
        for (Recipe.Source s : recipe.sources()) {
            int[] c = stageCounts.get(s.name());
            perSource.put(s.name(), new BuildReport.SourceCounts(c[0], c[1], c[2], c[3], pool.get(s.name()).size(), mix.perSource().get(s.name())));
        }
        BuildReport report = new BuildReport(recipe, perSource, qualityDrops, dedupDrops, mix, dpo.pairs().size(), dpo.skipped(), gate,
                lengths, files, (System.nanoTime() - t0) / 1e9, replays, untrainedSummary(mix.examples(), dpo.pairs()));
        DatasetCard.write(report, out.resolve(CARD));
        return report;
    }

    /**
     * Runs a source's importer into {@code OUT/imports/NAME/} and returns its trajectories file;
     * the import's report and problems stay there beside it. Imports run on every build, so the
     * dataset always reflects the importer's current code.
     */
    private static Path imported(Recipe.Source s, Path out, PrintStream log) {
        Path dir = out.resolve(IMPORTS).resolve(s.name());
        ImportReport report = Importers.run(s.importer().orElseThrow(), s.path(), dir, log, 0);
        log.println(report.render());
        return dir.resolve(Trajectory.FILE_NAME);
    }

    private static BuildReport.Gate gate(Recipe recipe, Map<String, List<Example>> loaded, Path out, PrintStream log, boolean progress) {
        long t0 = System.nanoTime();
        Recipe.Decontamination d = recipe.decontamination();
        ContaminationIndex index = ContaminationIndex.load(d.dbbench(), d.alfworld(), d.settings());
        log.printf("decontamination index: %s units, %d items, %d n-gram keys, %d shingle keys%n", index.stats().unitsPerCorpus(),
                index.stats().items(), index.stats().exactKeys(), index.stats().shingleKeys());
        List<Example> all = loaded.values().stream().flatMap(List::stream).toList();
        List<Finding> findings = new ArrayList<>();
        try (Progress bar = new Progress("decontamination", all.size(), System.err, progress)) {
            for (Example e : all) {
                findings.addAll(index.check(e.source().name(), e.trajectory().taskId(), e.trajectory().messages()));
                bar.succeeded();
            }
        }
        Path report = out.resolve(CONTAMINATION);
        if (!findings.isEmpty()) {
            Jsonl.writeAll(report, findings.stream().map(Finding::toJson).toList());
            throw new ContaminationException(findings, report.toString());
        }
        try {
            Files.deleteIfExists(report); // a stale report of an earlier failed build would mislead
        } catch (java.io.IOException e) {
            throw new KaizenException("cannot remove " + report + ": " + e.getMessage(), e);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        log.printf("decontamination gate passed: %d examples checked in %.2f s%n", all.size(), secs);
        return new BuildReport.Gate(index.stats(), all.size(), secs);
    }

    static Optional<String> qualityProblem(Recipe.Filters filters, ModelFormat measure, Example e) {
        Trajectory t = e.trajectory();
        List<Message> ms = t.messages();
        // A failure kept as DPO's rejected side is bad in its last reply by design; only what leads to it is checked.
        boolean rejectedCandidate = !t.outcome().success() && filters.requireSuccess();
        Optional<String> protocol = rejectedCandidate ? e.source().protocol().rejectedProblem(ms, t.untrained())
                : e.source().protocol().problem(ms, t.untrained());
        if (protocol.isPresent()) return protocol;
        if (!filters.allowTruncated()) {
            for (Message m : ms) {
                if (m.role() == Role.USER && m.content().contains(ObservationReader.TRUNCATED)) return Optional.of("truncated observation");
            }
        }
        int length = measure.length(ms);
        if (length < filters.minLength()) return Optional.of("shorter than filters.length.min (" + measure.id() + ")");
        if (length > filters.maxLength()) return Optional.of("longer than filters.length.max (" + measure.id() + ")");
        return Optional.empty();
    }

    /** How many SFT examples hold untrained turns (so are left out of ShareGPT), and how many DPO pairs reject each negative kind. */
    private static BuildReport.Untrained untrainedSummary(List<Example> sft, List<DpoPairs.Pair> pairs) {
        int withUntrained = (int) sft.stream().filter(e -> !e.trajectory().untrained().isEmpty()).count();
        int turns = sft.stream().mapToInt(e -> e.trajectory().untrained().size()).sum();
        Map<String, Integer> recovery = new java.util.TreeMap<>();
        sft.stream().map(e -> e.trajectory().metadata().get("negative")).filter(java.util.Objects::nonNull).forEach(k -> recovery.merge(k, 1, Integer::sum));
        Map<String, Integer> rejected = new java.util.TreeMap<>();
        pairs.stream().map(p -> p.rejectedFrom().trajectory().metadata().get("negative")).filter(java.util.Objects::nonNull)
                .forEach(k -> rejected.merge(k, 1, Integer::sum));
        return new BuildReport.Untrained(withUntrained, turns, recovery, rejected);
    }

    private static Map<String, Object> drop(String stage, Example e, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("source", e.source().name());
        m.put("task_id", e.trajectory().taskId());
        m.put("reason", reason);
        return m;
    }

    private static void writeSft(Path out, List<Example> examples, List<String> files) {
        List<Map<String, Object>> openai = new ArrayList<>();
        List<Map<String, Object>> sharegpt = new ArrayList<>();
        for (Example e : examples) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("messages", e.trajectory().messagesJson());
            o.put("source", e.source().name());
            o.put("task_id", e.trajectory().taskId());
            openai.add(o);
            // ShareGPT has no per-turn weight: an example with an untrained turn would teach that turn, so it is left out.
            if (!e.trajectory().untrained().isEmpty()) continue;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("conversations", e.trajectory().messages().stream().map(DatasetBuild::shareGpt).toList());
            s.put("source", e.source().name());
            s.put("task_id", e.trajectory().taskId());
            sharegpt.add(s);
        }
        Jsonl.writeAll(out.resolve(SFT), openai);
        Jsonl.writeAll(out.resolve(SFT_SHAREGPT), sharegpt);
        ParquetWriter.write(out.resolve(SFT_PARQUET), List.of(
                new ParquetColumn.Conversations("messages", examples.stream().map(e -> e.trajectory().messages()).toList(),
                        examples.stream().map(e -> (java.util.Set<Integer>) e.trajectory().untrained()).toList()),
                new ParquetColumn.Strings("source", examples.stream().map(e -> e.source().name()).toList()),
                new ParquetColumn.Strings("task_id", examples.stream().map(e -> e.trajectory().taskId()).toList())));
        files.addAll(List.of(SFT, SFT_SHAREGPT, SFT_PARQUET));
    }

    /** ShareGPT's turn: {@code {"from": system|human|gpt, "value": ...}}. */
    static Map<String, String> shareGpt(Message m) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("from", switch (m.role()) {
            case SYSTEM -> "system";
            case USER -> "human";
            case ASSISTANT -> "gpt";
        });
        t.put("value", m.content());
        return t;
    }

    private static void writeDpo(Path out, List<DpoPairs.Pair> pairs, List<String> files) {
        Jsonl.writeAll(out.resolve(DPO), pairs.stream().map(DpoPairs.Pair::toJson).toList());
        ParquetWriter.write(out.resolve(DPO_PARQUET), List.of(
                new ParquetColumn.Conversations("prompt", pairs.stream().map(DpoPairs.Pair::prompt).toList()),
                new ParquetColumn.Conversations("chosen", pairs.stream().map(DpoPairs.Pair::chosen).toList()),
                new ParquetColumn.Conversations("rejected", pairs.stream().map(DpoPairs.Pair::rejected).toList()),
                new ParquetColumn.Strings("task_id", pairs.stream().map(p -> p.chosenFrom().trajectory().taskId()).toList())));
        files.addAll(List.of(DPO, DPO_PARQUET));
    }
}
