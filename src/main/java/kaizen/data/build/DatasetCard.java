package kaizen.data.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kaizen.core.KaizenException;
import kaizen.data.decontam.GateSettings;

/** The dataset's README.md: what went in, what each stage did, what came out. Same report, same bytes. */
final class DatasetCard {
    private DatasetCard() {}

    static void write(BuildReport r, Path file) {
        try {
            Files.writeString(file, render(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KaizenException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String render(BuildReport r) {
        Recipe recipe = r.recipe();
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(recipe.name()).append("\n\n");
        sb.append("Built by `kaizen data build ").append(recipe.file().getFileName()).append("` with seed ").append(recipe.seed())
                .append(" (every random choice: mix sampling, order, DPO pairing). ").append(r.sftExamples()).append(" SFT examples");
        if (recipe.dpo().enabled()) sb.append(", ").append(r.dpoPairs()).append(" DPO pairs");
        sb.append(".\n\n## Files\n\n");
        sb.append("| file | what |\n|---|---|\n");
        for (String f : r.files()) sb.append("| `").append(f).append("` | ").append(describe(f)).append(" |\n");

        sb.append("\n## Sources\n\n| source | path | protocol | tags | weight |\n|---|---|---|---|---|\n");
        for (Recipe.Source s : recipe.sources()) {
            sb.append("| ").append(s.name()).append(" | `").append(s.path().getFileName()).append("` | ").append(s.protocol().wireName())
                    .append(" | ").append(new java.util.TreeMap<>(s.tags())).append(" | ").append(Mixer.number(s.weight())).append(" |\n");
        }

        sb.append("\n## Verification\n\n");
        if (r.replays().isEmpty()) sb.append("No source asks for a replay (`verify:`): conversations are taken as their files hold them.\n");
        for (Recipe.Source s : recipe.sources()) {
            BuildReport.Replayed v = r.replays().get(s.name());
            if (v == null) {
                if (!r.replays().isEmpty()) sb.append("- ").append(s.name()).append(": not replayed (no `verify:`)\n");
                continue;
            }
            sb.append(String.format(Locale.ROOT, "- %s: %d of %d successful conversations reproduce, %s; %d did not and were dropped%n",
                    s.name(), v.replayed() - v.failed().size(), v.replayed(), v.how(), v.failed().size()));
        }
        if (!r.replays().isEmpty()) sb.append("\nFailures (DPO rejected candidates) are not replayed: their last reply is bad on purpose.\n");

        sb.append("\n## Untrained turns and negative samples\n\n");
        BuildReport.Untrained u = r.untrained();
        sb.append(String.format(Locale.ROOT, "%d SFT examples hold %d assistant turns marked `\"weight\": 0` (OpenAI fine-tuning's mark): "
                + "they stay in the context, the loss skips them. `sft.jsonl` and `sft.parquet` carry the mark; ShareGPT has no "
                + "per-turn weight, so these %d examples are left out of `%s`.%n", u.examples(), u.turns(), u.examples(), DatasetBuild.SFT_SHAREGPT));
        if (!u.recoveryPerKind().isEmpty()) {
            sb.append("\nRecovery examples in the SFT set (a bad turn, untrained, the environment's real reply, then the expert's correction), per kind:\n\n");
            reasons(sb, u.recoveryPerKind());
        }
        if (!u.rejectedPerKind().isEmpty()) {
            sb.append("\nDPO pairs whose rejected reply is a negative sample (the chosen reply is the expert's at the same point), per kind:\n\n");
            reasons(sb, u.rejectedPerKind());
        }

        sb.append("\n## Counts per stage\n\n");
        sb.append("| source | read | well formed | successes | failures (DPO candidates) | after dedup | in the SFT mix |\n|---|---|---|---|---|---|---|\n");
        BuildReport.SourceCounts total = new BuildReport.SourceCounts(0, 0, 0, 0, 0, 0);
        for (var e : r.perSource().entrySet()) {
            BuildReport.SourceCounts c = e.getValue();
            row(sb, e.getKey(), c);
            total = new BuildReport.SourceCounts(total.loaded() + c.loaded(), total.wellFormed() + c.wellFormed(), total.successes() + c.successes(),
                    total.failuresForDpo() + c.failuresForDpo(), total.afterDedup() + c.afterDedup(), total.mixed() + c.mixed());
        }
        row(sb, "**all**", total);
        sb.append("\nDropped by the quality filters (every drop is listed in `").append(DatasetBuild.DROPPED).append("`):\n\n");
        reasons(sb, r.qualityDrops());
        sb.append("\nDropped by dedup (exact: same `content_hash`; near: MinHash over ").append(recipe.dedup().shingle())
                .append("-word shingles of user and assistant turns, estimated Jaccard >= ").append(Mixer.number(recipe.dedup().threshold()))
                .append(", first in recipe order kept):\n\n");
        reasons(sb, r.dedupDrops());

        sb.append("\n## Mix\n\n");
        if (recipe.mix().axes().isEmpty()) sb.append("No target ratios: sources in proportion to their examples × weight.\n");
        for (var axis : recipe.mix().axes().entrySet()) {
            sb.append("Axis `").append(axis.getKey()).append("`: target ").append(Mixer.ratioText(axis.getValue())).append("\n\n");
            sb.append("| tag | target share | achieved share | examples |\n|---|---|---|---|\n");
            double targetTotal = axis.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            for (var tag : axis.getValue().entrySet()) {
                int n = recipe.sources().stream().filter(s -> tag.getKey().equals(s.tags().get(axis.getKey())))
                        .mapToInt(s -> r.mix().perSource().get(s.name())).sum();
                sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %d |%n", tag.getKey(), tag.getValue() / targetTotal,
                        r.sftExamples() == 0 ? 0.0 : (double) n / r.sftExamples(), n));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Size: %d (%s); max_upsample %s.",
                r.sftExamples(), recipe.mix().size() == 0 ? "as many as the sources allow" : "mix.size", Mixer.number(recipe.mix().maxUpsample())));
        if (!r.mix().limitedBy().isEmpty()) sb.append(" The scarcest source at these ratios is `").append(r.mix().limitedBy()).append("`.");
        sb.append("\n\n| source | share | examples | available after dedup |\n|---|---|---|---|\n");
        for (Recipe.Source s : recipe.sources()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %d | %d |%n", s.name(), r.mix().shares().get(s.name()),
                    r.mix().perSource().get(s.name()), r.perSource().get(s.name()).afterDedup()));
        }

        if (recipe.dpo().enabled()) {
            sb.append("\n## DPO\n\n").append(r.dpoPairs()).append(" pairs (TRL conversational format: `prompt`, `chosen`, `rejected` message lists): "
                    + "a failed conversation of a task against a successful one of the same task id, the prompt being their shared opening "
                    + "up to a user message (when the failure is one bad reply, the chosen side is the success's one reply at that point); at most ").append(recipe.dpo().maxPairsPerTask()).append(" per task.\n");
            if (!r.dpoSkipped().isEmpty()) {
                sb.append("\nFailures not paired:\n\n");
                reasons(sb, r.dpoSkipped());
            }
        }

        GateSettings g = recipe.decontamination().settings();
        sb.append("\n## Decontamination\n\n**Passed**: ").append(r.gate().examplesChecked())
                .append(" trajectories (every one read, before any filter) checked; none matches.\n\nBenchmarks: ");
        Map<String, Object> benches = new LinkedHashMap<>();
        recipe.decontamination().dbbench().forEach(p -> benches.put("`" + p + "`", "dbbench"));
        recipe.decontamination().alfworld().forEach(p -> benches.put("`" + p + "`", "alfworld"));
        sb.append(String.join(", ", benches.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()))
                .append("; units indexed: ").append(r.gate().index().unitsPerCorpus()).append(" (")
                .append(r.gate().index().items()).append(" items).\n\n");
        sb.append(String.format(Locale.ROOT, "Checks: shared %d-word n-grams (at least %d with one item; items of %d to %d words matched whole), "
                        + "and near-duplicates (an item's %d-word shingles contained at %.2f or more). N-grams in more than %.0f%% of a "
                        + "benchmark's tasks are its format and ignored (%d item n-grams).%n",
                g.ngram(), g.minSharedNgrams(), g.minItemWords(), g.ngram() - 1, g.shingle(), g.containment(), 100 * g.formatFraction(),
                r.gate().index().formatNgramsIgnored()));

        sb.append("\n## Lengths of the SFT set\n\n| measure | unit | examples | median | p95 | max |\n|---|---|---|---|---|---|\n");
        for (var e : r.lengths().entrySet()) {
            LengthHistogram.Summary s = e.getValue().summary();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d |%n", e.getKey(), e.getValue().unit(), s.count(), s.median(), s.p95(), s.max()));
        }
        sb.append("\nLength limits (").append(recipe.filters().lengthMeasure()).append("): ").append(recipe.filters().minLength()).append(" to ")
                .append(recipe.filters().maxLength() == Integer.MAX_VALUE ? "no maximum" : recipe.filters().maxLength()).append(".");
        if (r.lengths().containsKey("chars")) {
            sb.append(" `chars` counts the characters of the message contents, not tokens (no chat template, no tokenizer).");
        }
        if (r.lengths().containsKey("qwen3-thinking")) {
            sb.append(" `qwen3-thinking` puts each reply's reasoning (the text before its action: a ReAct THOUGHT, a DBBench explanation)"
                    + " inside `<think>`; Qwen3's template keeps it only for the final reply, earlier replies render as their actions.");
        }
        sb.append("\n\n");
        for (var e : r.lengths().entrySet()) sb.append("![").append(e.getKey()).append(" lengths](").append(e.getValue().picture()).append(")\n\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, BuildReport.SourceCounts c) {
        sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", name, c.loaded(), c.wellFormed(), c.successes(),
                c.failuresForDpo(), c.afterDedup(), c.mixed()));
    }

    private static void reasons(StringBuilder sb, Map<String, Integer> reasons) {
        if (reasons.isEmpty()) {
            sb.append("- none\n");
            return;
        }
        new java.util.TreeMap<>(reasons).forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
    }

    private static String describe(String file) {
        return switch (file) {
            case DatasetBuild.SFT -> "SFT set, OpenAI messages (`messages`: role/content, `weight: 0` on untrained assistant turns), what TRL, LLaMA-Factory and Unsloth read";
            case DatasetBuild.SFT_SHAREGPT -> "SFT set, ShareGPT (`conversations`: from human/gpt/system, value), without the examples that have untrained turns";
            case DatasetBuild.SFT_PARQUET -> "SFT set, Parquet (`messages` list of role/content/weight structs, `source`, `task_id`)";
            case DatasetBuild.DPO -> "DPO pairs, TRL conversational preference format";
            case DatasetBuild.DPO_PARQUET -> "DPO pairs, Parquet (`prompt`, `chosen`, `rejected`, `task_id`)";
            case DatasetBuild.DROPPED -> "every dropped trajectory: stage, source, task_id, reason";
            default -> file.endsWith(".png") ? "length histogram" : file.startsWith("rendered-") ? "the SFT set rendered with that model's chat template (`text`)" : "";
        };
    }
}
