package kaizen.harness.alfworld;

import java.util.List;
import java.util.Optional;
import kaizen.core.python.PyStrings;
import kaizen.harness.ReactRules;

/**
 * The reference's reading of a model output and of the game's feedback (utils.py: process_action,
 * process_ob); the ACTION: line itself is read by {@link ReactRules#action}.
 */
public final class AlfworldActions {
    /** process_action's limit: the best BLEU must exceed it for the output to become that command. */
    static final double BLEU_LIMIT = 0.01;
    private static final String ARRIVE = "You arrive at loc ";

    private AlfworldActions() {}

    /**
     * The command to play for a model output, or empty when the output has none (the reference then
     * ends the episode as "agent invalid action"): the text after the first "ACTION:" up to the end
     * of its line, stripped and lower-cased; kept when it is admissible (or nothing is); otherwise the
     * admissible command with the highest BLEU (the first on ties) when that exceeds 0.01, else the
     * text itself, which the game will answer with "Nothing happens.". An empty text is no action.
     */
    public static Optional<String> command(String output, List<String> admissible) {
        return ReactRules.action(output).map(a -> nearest(a, admissible)).filter(a -> !a.isEmpty());
    }

    private static String nearest(String action, List<String> admissible) {
        if (admissible.isEmpty() || admissible.contains(action)) return action;
        List<String> hypothesis = PyStrings.split(action);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < admissible.size(); i++) {
            double s = SentenceBleu.score(PyStrings.split(admissible.get(i)), hypothesis);
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        return bestScore > BLEU_LIMIT ? admissible.get(best) : action;
    }

    /** process_ob: "You arrive at loc N. rest" becomes "rest" (the text after the first ". "). */
    public static String observation(String observation) {
        if (!observation.startsWith(ARRIVE)) return observation;
        int dot = observation.indexOf(". ");
        // Python's find gives -1 when absent, so the slice starts at index 1.
        return observation.substring(dot < 0 ? 1 : dot + 2);
    }
}
