package kaizen.data.build;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.Jsonl;
import kaizen.core.KaizenException;
import kaizen.core.Message;
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
import kaizen.harness.runner.Progress;

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

        Map<String, Integer> qualityDrops = new LinkedHashMap<>();
        List<Map<String, Object>> dropped = new ArrayList<>();
        Map<String, List<Example>> successes = new LinkedHashMap<>();
        Map<String, List<Example>> failures = new LinkedHashMap<>();
        Map<String, int[]> stageCounts = new LinkedHashMap<>();
        for (Recipe.Source s : recipe.sources()) {
            List<Example> ok = new ArrayList<>();
            List<Example> bad = new ArrayList<>();
            int wellFormed = 0;
            for (Example e : loaded.get(s.name())) {
                Optional<String> problem = qualityProblem(recipe.filters(), measure, e);
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
        log.printf("quality filters dropped %d, dedup dropped %d (exact %d, near %d)%n",
                qualityDrops.entrySet().stream().filter(e -> !e.getKey().startsWith("not a success")).mapToInt(Map.Entry::getValue).sum(),
                dedup.dropped().size(), dedupDrops.getOrDefault("exact duplicate", 0), dedupDrops.getOrDefault("near-duplicate", 0));

        Mixer.Result mix = Mixer.mix(recipe.mix(), recipe.sources(), pool, recipe.seed());
        log.printf("mixed %d SFT examples%s%n", mix.examples().size(), mix.limitedBy().isEmpty() ? "" : " (size limited by source " + mix.limitedBy() + ")");

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

        Map<String, BuildReport.Lengths> lengths = new LinkedHashMap<>();
        List<ModelFormat> measured = new ArrayList<>(models);
        if (!measured.contains(measure)) measured.addFirst(measure);
        for (ModelFormat f : measured) {
            int[] ls = mix.examples().stream().mapToInt(e -> f.length(e.trajectory().messages())).toArray();
            String picture = "lengths-" + f.id() + ".png";
            LengthHistogram.draw(out.resolve(picture), "SFT lengths: " + recipe.name() + " (" + f.id() + ")", f.unit(), ls);
            lengths.put(f.id(), new BuildReport.Lengths(f.unit(), LengthHistogram.Summary.of(ls), picture));
            files.add(picture);
            if (f != ModelFormat.CHARACTERS) {
                String rendered = "rendered-" + f.id() + ".jsonl";
                Jsonl.writeAll(out.resolve(rendered), mix.examples().stream().map(e -> Map.of("text", f.render(e.trajectory().messages()))).toList());
                files.add(rendered);
            }
        }

        Map<String, BuildReport.SourceCounts> perSource = new LinkedHashMap<>();
        for (Recipe.Source s : recipe.sources()) {
            int[] c = stageCounts.get(s.name());
            perSource.put(s.name(), new BuildReport.SourceCounts(c[0], c[1], c[2], c[3], pool.get(s.name()).size(), mix.perSource().get(s.name())));
        }
        BuildReport report = new BuildReport(recipe, perSource, qualityDrops, dedupDrops, mix, dpo.pairs().size(), dpo.skipped(), gate,
                lengths, files, (System.nanoTime() - t0) / 1e9);
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
        List<Message> ms = e.trajectory().messages();
        Optional<String> protocol = e.source().protocol().problem(ms);
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
            o.put("messages", e.trajectory().messages().stream().map(Message::toJson).toList());
            o.put("source", e.source().name());
            o.put("task_id", e.trajectory().taskId());
            openai.add(o);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("conversations", e.trajectory().messages().stream().map(DatasetBuild::shareGpt).toList());
            s.put("source", e.source().name());
            s.put("task_id", e.trajectory().taskId());
            sharegpt.add(s);
        }
        Jsonl.writeAll(out.resolve(SFT), openai);
        Jsonl.writeAll(out.resolve(SFT_SHAREGPT), sharegpt);
        ParquetWriter.write(out.resolve(SFT_PARQUET), List.of(
                new ParquetColumn.Conversations("messages", examples.stream().map(e -> e.trajectory().messages()).toList()),
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
