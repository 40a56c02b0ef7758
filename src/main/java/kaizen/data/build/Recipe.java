package kaizen.data.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.data.decontam.GateSettings;

/**
 * What {@code kaizen data build} makes, read from a YAML file by {@link RecipeReader}
 * (docs/DATA.md documents every field).
 *
 * @param file            the recipe file (relative paths in it are relative to its folder)
 * @param name            the dataset's name, for the card
 * @param seed            the seed of every random choice (mix sampling, order, DPO pairing)
 * @param out             the output folder when the command line gives none
 * @param sources         the trajectory files, in order (order decides which duplicate is kept)
 * @param mix             the target ratios of the SFT set
 * @param filters         the quality filters
 * @param dedup           the near-duplicate threshold
 * @param dpo             whether and how to make DPO pairs
 * @param models          the model formats to measure and render with ({@code chars} needs no tokenizer)
 * @param decontamination the benchmarks the gate checks against
 */
public record Recipe(Path file, String name, long seed, Optional<Path> out, List<Source> sources, Mix mix, Filters filters,
        Dedup dedup, Dpo dpo, List<String> models, Decontamination decontamination) {

    public Recipe {
        sources = List.copyOf(sources);
        models = List.copyOf(models);
    }

    /**
     * One trajectory file and what it is: its protocol, its tag on every mix axis, its weight within a tag.
     *
     * @param importer when present, {@code path} is a public dataset in that importer's layout
     *                 ({@code kaizen data import --list}); the build imports it into its own folder first
     */
    public record Source(String name, Path path, Protocol protocol, Map<String, String> tags, double weight, Optional<String> importer) {
        public Source {
            tags = Map.copyOf(tags);
        }

        /** A source that is already a trajectories file. */
        public Source(String name, Path path, Protocol protocol, Map<String, String> tags, double weight) {
            this(name, path, protocol, tags, weight, Optional.empty());
        }
    }

    /**
     * Target ratios: per axis (e.g. {@code domain: {agent: 1, general: 4}}) the share of each tag.
     *
     * @param size        examples in the SFT set; 0 = as many as the sources allow at these ratios
     * @param maxUpsample how many times one example may appear at most (1 = never repeated)
     */
    public record Mix(Map<String, Map<String, Double>> axes, int size, double maxUpsample) {
        public Mix {
            axes = Map.copyOf(axes);
        }
    }

    /**
     * @param requireSuccess  drop trajectories whose outcome is not a success (they can still be DPO's rejected side)
     * @param allowTruncated  keep trajectories with truncated observations
     * @param lengthMeasure   the model format whose length the limits use ({@code chars} by default)
     * @param minLength       shortest kept conversation, in that format's unit
     * @param maxLength       longest kept conversation, in that format's unit
     */
    public record Filters(boolean requireSuccess, boolean allowTruncated, String lengthMeasure, int minLength, int maxLength) {}

    /** @param threshold estimated Jaccard similarity at or above which a later example is a near-duplicate; @param shingle words per shingle */
    public record Dedup(double threshold, int shingle) {}

    /** @param enabled whether to pair failures with successes of the same task; @param maxPairsPerTask a cap per task */
    public record Dpo(boolean enabled, int maxPairsPerTask) {}

    public record Decontamination(List<Path> dbbench, List<Path> alfworld, GateSettings settings) {
        public Decontamination {
            dbbench = List.copyOf(dbbench);
            alfworld = List.copyOf(alfworld);
        }
    }
}
