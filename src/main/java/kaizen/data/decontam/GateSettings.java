package kaizen.data.decontam;

/**
 * How strict the decontamination gate is.
 *
 * @param ngram            words per n-gram of the exact check (13, as in GPT-3's and most later decontamination)
 * @param minItemWords     a benchmark text shorter than {@code ngram} words (a question, a task sentence)
 *                         is matched whole when it has at least this many words; shorter ones are too
 *                         generic to mean anything
 * @param minSharedNgrams  an example fails when it shares at least this many n-grams with one benchmark item
 * @param shingle          words per shingle of the near-duplicate check
 * @param containment      an example fails when it contains at least this fraction of one benchmark
 *                         item's shingles (catches a question with a word or two changed)
 * @param formatFraction   an n-gram or shingle found in more than this fraction of a benchmark's tasks
 *                         (and in at least 3) is its format (the add_description sentence, ALFWorld's
 *                         feedback grammar), which training data must share, not content
 */
public record GateSettings(int ngram, int minItemWords, int minSharedNgrams, int shingle, double containment, double formatFraction) {
    public static final GateSettings DEFAULT = new GateSettings(13, 8, 1, 5, 0.7, 0.2);

    public GateSettings {
        if (ngram < 2) throw new IllegalArgumentException("ngram must be at least 2, not " + ngram);
        if (minItemWords < 2 || minItemWords > ngram) throw new IllegalArgumentException("min_item_words must be in [2, ngram], not " + minItemWords);
        if (minSharedNgrams < 1) throw new IllegalArgumentException("min_shared_ngrams must be at least 1, not " + minSharedNgrams);
        if (shingle < 2) throw new IllegalArgumentException("shingle must be at least 2, not " + shingle);
        if (!(containment > 0 && containment <= 1)) throw new IllegalArgumentException("containment must be in (0, 1], not " + containment);
        if (!(formatFraction > 0 && formatFraction <= 1)) throw new IllegalArgumentException("format_fraction must be in (0, 1], not " + formatFraction);
    }
}
