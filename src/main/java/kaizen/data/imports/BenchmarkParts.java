package kaizen.data.imports;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.harness.alfworld.AlfworldPrompt;
import kaizen.harness.dbbench.DbBenchPrompt;

/**
 * Recognises the parts of agent collections (AgentInstruct, Agent-FLAN, AgentTraj) that come
 * from what Kaizen evaluates on or from AgentBench's own environments: ALFWorld (and TextWorld,
 * its engine), AgentBench DB, OS and KG. First by the part's name (a split, an id prefix such as
 * {@code alfworld_12}, a file name such as {@code alfworld-00000-of-00001.jsonl}), then by the
 * environment's fixed prompt text in the opening turns, for records whose ids say nothing.
 * This is a first line only: the build's decontamination gate checks every example against the
 * benchmarks themselves.
 */
final class BenchmarkParts {
    static final String REASON = "benchmark-derived: ";
    private static final Map<String, String> BY_NAME = Map.of(
            "alfworld", "alfworld", "textworld", "textworld",
            "db", "agentbench db", "dbbench", "agentbench db",
            "os", "agentbench os", "kg", "agentbench kg");
    /** Fixed texts of the environments' prompts and observations. */
    private static final List<Map.Entry<String, String>> BY_TEXT = List.of(
            Map.entry(firstSentence(AlfworldPrompt.INSTRUCTION), "alfworld"),
            Map.entry("You are in the middle of a room. Looking quickly around you, you see", "alfworld"),
            Map.entry(firstSentence(DbBenchPrompt.BIG_PROMPT.strip()), "agentbench db"),
            Map.entry("play the role of linux", "agentbench os"),
            Map.entry("answers questions based on the knowledge stored in a knowledge base", "agentbench kg"));
    /** How many opening turns the text markers look at: the instruction and the task. */
    private static final int OPENING_TURNS = 4;

    private BenchmarkParts() {}

    /** The reason to leave the record out ("benchmark-derived: alfworld"), or empty to keep it. */
    static Optional<String> reason(String partName, List<Message> messages) {
        String byName = BY_NAME.get(partName.toLowerCase(Locale.ROOT));
        if (byName != null) return Optional.of(REASON + byName);
        for (Message m : messages.subList(0, Math.min(OPENING_TURNS, messages.size()))) {
            if (m.role() == Role.ASSISTANT) continue;
            for (Map.Entry<String, String> marker : BY_TEXT) {
                if (m.content().contains(marker.getKey())) return Optional.of(REASON + marker.getValue());
            }
        }
        return Optional.empty();
    }

    /** The part a record belongs to, from an id like {@code alfworld_12} / {@code os-3} or a file name like {@code db-00000-of-00001.jsonl}. */
    static String partOf(String idOrFileName) {
        int end = 0;
        while (end < idOrFileName.length() && Character.isLetter(idOrFileName.charAt(end))) end++;
        return idOrFileName.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static String firstSentence(String text) {
        return text.substring(0, text.indexOf('.') + 1);
    }
}
