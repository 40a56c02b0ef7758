package kaizen.train.reward;

/**
 * What an episode earned: {@code reward} = 1 on success, else {@code partialWeight} x
 * {@code progress}, so partial progress ranks failures below every success.
 *
 * @param success the binary outcome (the benchmark's own success test)
 * @param progress the partial credit in [0, 1] (subgoals reached, result overlap)
 */
public record EpisodeReward(double reward, boolean success, double progress) {
    public EpisodeReward {
        if (progress < 0 || progress > 1 || Double.isNaN(progress)) throw new IllegalArgumentException("progress " + progress + " not in [0, 1]");
    }

    public static EpisodeReward of(boolean success, double progress, double partialWeight) {
        return success ? new EpisodeReward(1.0, true, 1.0) : new EpisodeReward(partialWeight * progress, false, progress);
    }
}
