package kaizen.data.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;

/**
 * ToolBench's training data as published ({@code data/toolllama_G123_dfs_train.json} and the
 * like): a JSON array of {@code {"id", "conversations": [{"from": "system"|"user"|"assistant"|"function",
 * "value"}]}}, each assistant turn {@code Thought: ...\nAction: NAME\nAction Input: {JSON}} and each
 * function turn the API's JSON answer.
 *
 * <p>Kept in ToolBench's own tool-call form, not rewritten to THOUGHT:/ACTION:: the system
 * prompt lists the functions and asks for exactly that form, and the JSON arguments span lines,
 * which a one-line ACTION: would lose. Function answers become user turns (observations are
 * user turns in Kaizen). Solved when the last call is {@code Finish} with
 * {@code "return_type": "give_answer"}; a {@code give_up_and_restart} ending is kept as a failure
 * (the build's success filter drops it, DPO can use it). Build it with {@code protocol: conversation}.
 */
public final class ToolBenchImporter implements Importer {
    public static final String SOURCE = "toolbench";
    private static final ChatTurns TURNS = ChatTurns.shareGpt(Map.of(
            "system", Role.SYSTEM, "user", Role.USER, "assistant", Role.ASSISTANT, "function", Role.USER));
    private static final Pattern ACTION = Pattern.compile("(?m)^\\s*Action:\\s*(\\S.*?)\\s*$");
    private static final Pattern ACTION_INPUT = Pattern.compile("(?m)^\\s*Action Input:");

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String reads() {
        return "ToolBench data JSON ([{id, conversations: [{from: system|user|assistant|function, value}]}], assistant turns Thought/Action/Action Input); .gz too";
    }

    @Override
    public void run(Path input, ImportSink sink) {
        InputFiles.eachRecord(input, sink, r -> convert(r, sink), InputFiles.JSON);
    }

    private static void convert(JsonlRecord r, ImportSink sink) {
        List<Message> messages = new ArrayList<>();
        int calls = 0;
        String lastAction = "";
        for (Message m : TURNS.read(r)) {
            String text = m.content().strip();
            if (m.role() == Role.ASSISTANT) {
                Matcher a = ACTION.matcher(text);
                if (!a.find() || !ACTION_INPUT.matcher(text).find()) {
                    sink.leaveOut("toolbench reply without Action: and Action Input:");
                    return;
                }
                lastAction = a.group(1);
                if (!lastAction.equals("Finish")) calls++;
            }
            messages.add(new Message(m.role(), text));
        }
        String ending = messages.isEmpty() ? "" : messages.getLast().content();
        boolean answered = lastAction.equals("Finish") && ending.contains("give_answer");
        String id = r.node().path("id").isValueNode() ? r.node().path("id").asText() : r.file().getFileName() + ":" + r.line();
        sink.keepIfWellFormed(new Trajectory(SOURCE, id, "tool-use", messages,
                answered ? Trajectory.Outcome.SOLVED : new Trajectory.Outcome(false, 0), 0,
                Map.of("calls", Integer.toString(calls), "ending", answered ? "give_answer" : lastAction.equals("Finish") ? "give_up" : "no_finish")),
                Protocol.CONVERSATION);
    }
}
