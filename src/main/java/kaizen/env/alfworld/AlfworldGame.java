package kaizen.env.alfworld;

import java.util.List;

/**
 * One ALFWorld game being played, as the reference's TextWorld PDDL environment (wrapped by
 * AlfredDemangler and AlfredInfos) presents it: text in, text out. One episode owns a game; it
 * is not thread-safe. Obtain one from {@link Alfworld#load}.
 */
public interface AlfworldGame {

    /** What the environment says after a reset or a command, with the infos the reference requests. */
    record Step(String observation, boolean won, boolean done, List<String> admissibleCommands) {
        public Step {
            admissibleCommands = List.copyOf(admissibleCommands);
        }
    }

    /** Starts the game from its initial state; the observation is the intro text. */
    Step reset();

    /** Plays one command; an inapplicable or unknown command yields "Nothing happens." and no change. */
    Step step(String command);
}
