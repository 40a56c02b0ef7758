package kaizen.data.build;

import java.util.List;
import java.util.Map;
import kaizen.data.decontam.ContaminationIndex;

/**
 * What a build did, stage by stage; the dataset card is written from it.
 *
 * @param perSource     counts per source at each stage
 * @param qualityDrops  per quality-filter reason, how many trajectories it dropped
 * @param dedupDrops    per dedup kind ({@code exact}, {@code near-duplicate}), how many
 * @param mix           the mix's shares, counts and limiting source
 * @param dpoPairs      DPO pairs written (0 when DPO is off)
 * @param dpoSkipped    failures not paired, by reason
 * @param gate          the decontamination index's contents and how many examples it checked
 * @param lengths       per model format, the SFT set's length summary
 * @param seconds       wall time of the build
 * @param replays       per source with {@code verify:}, how its successes were replayed and which did not reproduce
 * @param untrained     the SFT set's untrained turns and the negative samples in both sets
 */
public record BuildReport(Recipe recipe, Map<String, SourceCounts> perSource, Map<String, Integer> qualityDrops,
        Map<String, Integer> dedupDrops, Mixer.Result mix, int dpoPairs, Map<String, Integer> dpoSkipped, Gate gate,
        Map<String, Lengths> lengths, List<String> files, double seconds, Map<String, Replayed> replays, Untrained untrained) {

    /**
     * @param examples          SFT examples with at least one untrained ({@code "weight": 0}) turn
     * @param turns             untrained turns in the SFT set
     * @param recoveryPerKind   SFT recovery examples per negative kind
     * @param rejectedPerKind   DPO pairs whose rejected reply is a negative sample, per kind
     */
    /** How a source's successes were replayed, how many were, and the ids of those that did not reproduce (dropped). */
    public record Replayed(String how, int replayed, java.util.Set<String> failed) {
        public Replayed {
            failed = java.util.Set.copyOf(failed);
        }
    }

    public record Untrained(int examples, int turns, Map<String, Integer> recoveryPerKind, Map<String, Integer> rejectedPerKind) {}

    /** Counts of one source through the stages. */
    public record SourceCounts(int loaded, int wellFormed, int successes, int failuresForDpo, int afterDedup, int mixed) {}

    public record Gate(ContaminationIndex.Stats index, int examplesChecked, double seconds) {}

    public record Lengths(String unit, LengthHistogram.Summary summary, String picture) {}

    public int sftExamples() {
        return mix.examples().size();
    }
}
