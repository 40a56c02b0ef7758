package kaizen.harness.alfworld;

import java.util.Optional;

/**
 * The six ALFWorld task types, in the order of the reference's {@code prefixes} mapping: a game's
 * type is the first whose prefix starts its task folder's name, and its 1-shot example is the
 * prompts file's entry under {@link #exampleKey()}.
 */
public enum AlfworldTaskType {
    PICK_AND_PLACE("pick_and_place", "put"),
    PICK_CLEAN_THEN_PLACE("pick_clean_then_place", "clean"),
    PICK_HEAT_THEN_PLACE("pick_heat_then_place", "heat"),
    PICK_COOL_THEN_PLACE("pick_cool_then_place", "cool"),
    LOOK_AT_OBJ("look_at_obj", "examine"),
    PICK_TWO_OBJ("pick_two_obj", "puttwo");

    private final String prefix;
    private final String exampleKey;

    AlfworldTaskType(String prefix, String exampleKey) {
        this.prefix = prefix;
        this.exampleKey = exampleKey;
    }

    /** The folder-name prefix, also the type's name in metrics (e.g. "pick_and_place"). */
    public String prefix() {
        return prefix;
    }

    /** The key of this type's 1-shot example in the prompts file (e.g. "put"). */
    public String exampleKey() {
        return exampleKey;
    }

    /** The type of a task folder such as {@code pick_and_place_simple-Pencil-None-Shelf-308}. */
    public static Optional<AlfworldTaskType> ofFolder(String taskFolderName) {
        for (AlfworldTaskType t : values()) {
            if (taskFolderName.startsWith(t.prefix)) return Optional.of(t);
        }
        return Optional.empty();
    }

    public static AlfworldTaskType ofPrefix(String prefix) {
        for (AlfworldTaskType t : values()) if (t.prefix.equals(prefix)) return t;
        throw new IllegalArgumentException("unknown ALFWorld task type '" + prefix + "'");
    }
}
