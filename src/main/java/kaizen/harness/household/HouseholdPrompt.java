package kaizen.harness.household;

import kaizen.env.household.Command;
import kaizen.env.household.World;

/**
 * Every text the model reads in Kaizen's household world, in one place: the instruction that opens
 * the conversation (Kaizen's own wording of the THOUGHT/ACTION protocol and of this world's
 * commands), the world's intro, and each observation, each optionally followed by the
 * available-actions list. The trajectory generator (kaizen.data.gen.household) writes its
 * conversations with these same methods, so a model trained on them meets the same texts here.
 *
 * @param stateAct the instruction asks for Goal/Location/Inventory lines at the start of every thought
 * @param actionList every user turn ends with {@code AVAILABLE ACTIONS: a, b, ...}
 */
public record HouseholdPrompt(boolean stateAct, boolean actionList) {
    /** What the generator writes by default: ReAct with the actions list. */
    public static final HouseholdPrompt DEFAULT = new HouseholdPrompt(false, true);

    /** The first user turn: the instruction, a blank line, the world's intro and goal, then the actions list. */
    public String opening(World world) {
        return instructions(stateAct) + "\n\n" + world.intro() + actionList(world);
    }

    /** A later user turn: what the world answered, then the actions list as it stands now. */
    public String observation(String feedback, World world) {
        return feedback + actionList(world);
    }

    private String actionList(World world) {
        if (!actionList) return "";
        return "\nAVAILABLE ACTIONS: " + String.join(", ", world.admissible().stream().map(Command::text).toList());
    }

    static String instructions(boolean stateAct) {
        String state = stateAct
                ? "Start every thought with three lines stating your goal, your current location and your inventory:\n"
                        + "Goal: ...\nLocation: ...\nInventory: ...\n"
                : "";
        return """
                You are a helper moving around a home to finish a household task. Each turn you receive what you observe. \
                Reply with your reasoning and exactly one command, in this form:
                THOUGHT: your reasoning
                ACTION: one command
                """ + state + """
                Commands:
                - walk to <place>
                - open <place>, close <place>
                - pick up <thing> from <place>
                - place <thing> in <place>, place <thing> on <place>
                - clean <thing> using <place>, heat <thing> using <place>, cool <thing> using <place>
                - switch on <light>
                - slice <thing> with <cutter>
                - examine <thing or place>, look around, inventory
                Name things and places with their numbers, as the observations write them. You can carry one thing at a time. \
                A command that is not possible changes nothing. Choose your command from the available actions.""";
    }
}
