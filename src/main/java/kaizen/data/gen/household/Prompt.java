package kaizen.data.gen.household;

/**
 * The instruction that opens every household conversation: Kaizen's own wording of the
 * THOUGHT/ACTION protocol and of this world's commands.
 */
final class Prompt {
    private Prompt() {}

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
