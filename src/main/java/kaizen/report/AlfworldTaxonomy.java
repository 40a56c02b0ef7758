package kaizen.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.harness.FinishStatus;
import kaizen.harness.alfworld.AlfworldActions;
import kaizen.harness.runner.EpisodeRecord;

/**
 * Reads a transcript of the THOUGHT/ACTION protocol (the result's log of played steps, and the
 * history for an output the harness could not play) and classifies a failed episode, re-parsing
 * outputs with the harness's {@link AlfworldActions}. ALFWorld's log records the admissible
 * commands of each step; Kaizen's household worlds (their evaluations and GRPO's held-out
 * episodes) record instead whether the world accepted the command, and the world's family where
 * ALFWorld has the task type.
 */
final class AlfworldTaxonomy {
    /** The same command this many times in a row is a loop. */
    static final int LOOP = 3;
    /** The game's answer to a command it does not know. */
    static final String NOTHING_HAPPENS = "Nothing happens.";

    private AlfworldTaxonomy() {}

    /**
     * One played step of the result's log.
     *
     * @param accepted whether the command was admissible (ALFWorld) or taken by the world (household)
     * @param admissible ALFWorld's admissible commands at that step; empty for household steps
     */
    record Step(String output, String action, boolean accepted, List<String> admissible, String observation) {
        /** Why the command was not played, or "" when it was. */
        String refusal() {
            if (accepted) return "";
            return admissible.isEmpty() ? "the world refused '" + action + "'" : "'" + action + "' is not an admissible command";
        }
    }

    static EpisodeView read(EpisodeRecord r, JsonlRecord line) {
        List<Step> log = log(line);
        List<Message> history = r.history();
        // The opening ends with the task's user message (an odd count: example pairs plus the intro);
        // each step adds an output and an observation; an unplayable last output adds one more.
        int trailing = (history.size() - 2 * log.size()) % 2 == 0 && !history.isEmpty() ? 1 : 0;
        int opening = Math.max(0, history.size() - 2 * log.size() - trailing);
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            Step s = log.get(i);
            turns.add(new Turn(i + 1, s.output(), s.action(), s.observation(), s.refusal()));
        }
        if (trailing == 1) {
            String output = history.getLast().content();
            List<String> admissible = log.isEmpty() ? List.of() : log.getLast().admissible();
            String action = output.equals(FinishStatus.AGENT_CONTEXT_LIMIT.text()) ? ""
                    : AlfworldActions.command(output, admissible).orElse("");
            turns.add(new Turn(log.size() + 1, output, action, "", ""));
        }
        String category = r.result().containsKey("type") ? r.resultText("type") : r.resultText("family");
        return new EpisodeView(r, category, history.subList(0, opening), turns, classify(r, log, turns));
    }

    static Verdict classify(EpisodeRecord r, List<Step> log, List<Turn> turns) {
        if (r.correct()) return new Verdict.Success();
        int last = turns.size();
        if (r.status() == FinishStatus.AGENT_CONTEXT_LIMIT) {
            return new Verdict.Failure(FailureClass.CONTEXT_LIMIT, last, "the conversation no longer fit the context window");
        }
        if (r.status() == FinishStatus.AGENT_INVALID_ACTION && turns.size() > log.size()) {
            return new Verdict.Failure(FailureClass.FORMAT_VIOLATION, last, "no 'ACTION:' with a command in the output");
        }
        for (int i = 0; i + LOOP <= log.size(); i++) {
            String action = log.get(i).action();
            int run = 1;
            while (i + run < log.size() && log.get(i + run).action().equals(action)) run++;
            if (run >= LOOP) {
                return new Verdict.Failure(FailureClass.REPEATED_ACTION_LOOP, i + LOOP,
                        "'" + action + "' played " + run + " times in a row");
            }
        }
        List<Step> invalid = log.stream().filter(s -> !s.accepted()).toList();
        if (2 * invalid.size() > log.size()) {
            Step first = invalid.getFirst();
            String how = first.admissible().isEmpty() ? "refused by the world" : "not admissible";
            return new Verdict.Failure(FailureClass.INVALID_ACTION, log.indexOf(first) + 1, invalid.size() + " of "
                    + log.size() + " commands were " + how + ", the first '" + first.action() + "'");
        }
        if (r.status() == FinishStatus.TASK_LIMIT_REACHED) {
            return new Verdict.Failure(FailureClass.STEP_LIMIT, last, "not done after " + log.size() + " steps");
        }
        String error = r.resultText("error");
        return new Verdict.Failure(FailureClass.OTHER, last, r.status() == FinishStatus.COMPLETED
                ? "the game ended without a win"
                : "status '" + r.status().text() + "'" + (error.isEmpty() ? "" : ": " + error));
    }

    /**
     * The result's log; absent for an episode that ended in an error, as the harness writes it. A
     * step with a boolean {@code valid} is a household step; otherwise it must list
     * {@code admissible_commands}.
     */
    static List<Step> log(JsonlRecord line) {
        JsonNode log = line.node().path("result").path("log");
        if (log.isMissingNode()) return List.of();
        if (!log.isArray()) throw line.error("result.log", "expected an array, found " + JsonlRecord.kind(log));
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            String at = "result.log[" + i + "]";
            JsonNode s = log.get(i);
            if (!s.isObject()) throw line.error(at, "expected an object, found " + JsonlRecord.kind(s));
            String action = text(line, s, at, "action");
            List<String> admissible = new ArrayList<>();
            boolean accepted;
            if (s.path("valid").isBoolean()) {
                accepted = s.path("valid").asBoolean();
            } else {
                JsonNode adm = s.path("admissible_commands");
                if (!adm.isArray()) {
                    throw line.error(at + ".admissible_commands", "expected an array (or a household step's boolean 'valid'), found "
                            + JsonlRecord.kind(adm));
                }
                adm.forEach(a -> admissible.add(a.asText()));
                accepted = admissible.contains(action);
            }
            out.add(new Step(text(line, s, at, "output"), action, accepted, admissible, text(line, s, at, "observation")));
        }
        return out;
    }

    private static String text(JsonlRecord line, JsonNode step, String at, String field) {
        JsonNode n = step.path(field);
        if (!n.isTextual()) throw line.error(at + "." + field, "expected a string, found " + JsonlRecord.kind(n));
        return n.asText();
    }
}
