package kaizen.train;

/**
 * GRPO's group-relative advantages: within one prompt's G episodes, (reward - mean) / std, std the
 * population standard deviation of the group. A group whose rewards are all equal (std below
 * 1e-6: all failed, or all succeeded alike) carries no signal about which episode was better, so its
 * advantages are 0 rather than a division by (almost) zero; the run leaves such groups out of the
 * batch (they would add only the KL term) and counts them.
 */
final class GroupAdvantages {
    static final double MIN_STD = 1e-6;

    private GroupAdvantages() {}

    static double[] of(double[] rewards) {
        int n = rewards.length;
        double mean = 0;
        for (double r : rewards) mean += r;
        mean /= n;
        double var = 0;
        for (double r : rewards) var += (r - mean) * (r - mean);
        double std = Math.sqrt(var / n);
        double[] out = new double[n];
        if (std < MIN_STD) return out;
        for (int i = 0; i < n; i++) out[i] = (rewards[i] - mean) / std;
        return out;
    }
}
