package kaizen.harness.alfworld;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.KaizenException;
import kaizen.core.Message;

/**
 * The texts the reference shows the model in ALFWorld (src/server/tasks/alfworld/task.py,
 * alfworld_run): its instruction, the scripted "OK." reply, the 1-shot example of the game's task
 * type from the prompts file (alfworld_multiturn_plan_first.json), and the task with its available
 * actions. Byte for byte; see docs/FIDELITY.md.
 */
public final class AlfworldPrompt {
    /** get_task_instruction(): the first user message. */
    public static final String INSTRUCTION = "Interact with a household to solve a task. Imagine you are an intelligent agent "
            + "in a household environment and your target is to perform actions to complete the task goal. At the beginning "
            + "of your interactions, you will be given the detailed description of the current environment and your goal to "
            + "accomplish. For each of your turn, you will be given a list of actions which you can choose one to perform in "
            + "this turn. You should choose from two actions: \"THOUGHT\" or \"ACTION\". If you choose \"THOUGHT\", you "
            + "should first think about the current condition and plan for your future actions, and then output your action "
            + "in this turn. Your output must strictly follow this format:\"THOUGHT: your thoughts.\n ACTION: your next "
            + "action\n\"; If you choose \"ACTION\", you should directly output the action in this turn. Your output must "
            + "strictly follow this format:\"ACTION: your next action\n\". After your each turn, the environment will give "
            + "you immediate feedback based on which you plan your next few steps. if the environment output \"Nothing "
            + "happened\", that means the previous action is invalid and you should try more options.\n Reminder: \n1. the "
            + "action must be chosen from the given available actions. Any actions except provided available actions will "
            + "be regarded as illegal. \n2. Think when necessary, try to act directly more in the process.\n\n";

    /** The scripted agent reply to the instruction. */
    public static final String OK = "OK. I'll follow your instructions and try my best to solve the task.";

    /** Put before the example's first message. */
    public static final String EXAMPLE_INTRO = "Here is one example.\n";

    /** Put before the game's initial observation. */
    public static final String TASK_INTRO = "Here is your task. ";

    /** Where the actions list starts; an observation keeps what precedes it once the model has answered. */
    public static final String ACTIONS_MARK = "AVAILABLE ACTIONS";

    private final Map<AlfworldTaskType, List<String>> examples;

    private AlfworldPrompt(Map<AlfworldTaskType, List<String>> examples) {
        this.examples = examples;
    }

    /**
     * Reads a prompts file: a JSON object whose entries under each type's key (put, clean, heat,
     * cool, examine, puttwo) are lists of strings, alternately user and agent turns.
     */
    public static AlfworldPrompt load(Path file) {
        JsonNode root;
        try {
            root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new KaizenException(file + ": no such file (give the prompts file alfworld_multiturn_plan_first.json with --prompts FILE)");
        } catch (IOException e) {
            throw new BadInputException(file, 0, "", "not a JSON prompts file: " + e.getMessage());
        }
        Map<AlfworldTaskType, List<String>> examples = new EnumMap<>(AlfworldTaskType.class);
        for (AlfworldTaskType type : AlfworldTaskType.values()) {
            JsonNode turns = root.path(type.exampleKey());
            if (!turns.isArray() || turns.isEmpty()) {
                throw new BadInputException(file, 0, type.exampleKey(), "expected a non-empty array of strings (the 1-shot example for "
                        + type.prefix() + ")");
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode t : turns) {
                if (!t.isTextual()) throw new BadInputException(file, 0, type.exampleKey(), "expected strings, found " + t.getNodeType());
                texts.add(t.asText());
            }
            examples.put(type, List.copyOf(texts));
        }
        return new AlfworldPrompt(examples);
    }

    /** The example's turns as the prompts file has them (user first, then alternating). */
    public List<String> example(AlfworldTaskType type) {
        return examples.get(type);
    }

    /**
     * Everything injected before the first model turn: the instruction, "OK.", the example (its first
     * turn prefixed with {@link #EXAMPLE_INTRO}), and the task: {@link #TASK_INTRO} + the initial
     * observation as {@link #initialObservation} cuts it + {@link #availableActions}.
     */
    public List<Message> opening(AlfworldTaskType type, String resetObservation, List<String> admissibleCommands) {
        List<Message> out = new ArrayList<>();
        out.add(Message.user(INSTRUCTION));
        out.add(Message.assistant(OK));
        List<String> turns = example(type);
        for (int i = 0; i < turns.size(); i++) {
            String text = i == 0 ? EXAMPLE_INTRO + turns.get(i) : turns.get(i);
            out.add(i % 2 == 0 ? Message.user(text) : Message.assistant(text));
        }
        out.add(Message.user(TASK_INTRO + initialObservation(resetObservation) + availableActions(admissibleCommands)));
        return List.copyOf(out);
    }

    /**
     * The reset text without its banner: the paragraphs after the first (split on a blank line),
     * joined by single newlines.
     */
    public static String initialObservation(String resetObservation) {
        int cut = resetObservation.indexOf("\n\n");
        if (cut < 0) return "";
        return resetObservation.substring(cut + 2).replace("\n\n", "\n");
    }

    /** get_available_actions: {@code " AVAILABLE ACTIONS: " + "\n".join(commands) + "\n"}. */
    public static String availableActions(List<String> commands) {
        return " " + ACTIONS_MARK + ": " + String.join("\n", commands) + "\n";
    }

    /** An earlier observation as the model sees it later: the text before the first {@link #ACTIONS_MARK}. */
    public static String withoutActions(String content) {
        int at = content.indexOf(ACTIONS_MARK);
        return at < 0 ? content : content.substring(0, at);
    }
}
