package kaizen.data.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;

/**
 * Agent-tuning collections, kept as published conversations (each part has its own action format
 * — SQL blocks, bash blocks, {@code search[...]}, function calls — described by its own prompt,
 * so rewriting the replies would contradict the prompt): AgentInstruct, Agent-FLAN and AgentTraj.
 * Their ALFWorld, TextWorld and AgentBench DB/OS/KG parts are left out (see {@link BenchmarkParts}), and
 * so is everything collected in AgentBench's environments (AgentInstruct's WebShop and Mind2Web too);
 * the build's decontamination gate proves the rest. Build with {@code protocol: conversation}.
 */
public final class AgentCollectionImporter implements Importer {
    private static final ChatTurns SHAREGPT = ChatTurns.shareGpt(ChatTurns.SHAREGPT_SPEAKERS);
    private static final Map<String, Role> ROLES = Map.of(
            "system", Role.SYSTEM, "user", Role.USER, "assistant", Role.ASSISTANT,
            "function", Role.USER, "environment", Role.USER, "tool", Role.USER);

    /** THUDM/AgentInstruct: {id, conversations: [{from: human|gpt, loss, value}]}; splits os, db, alfworld, webshop, kg, mind2web. */
    public static final AgentCollectionImporter AGENT_INSTRUCT = new AgentCollectionImporter("agentinstruct",
            "AgentInstruct JSON/JSONL ({id, conversations: [{from, loss, value}]}; the split from the id or the file name, e.g. alfworld-00000-of-00001.jsonl; export the parquet files to JSONL first)",
            List.of(SHAREGPT), "id", (file, part) -> switch (part) {
                // Every AgentInstruct split was collected in AgentBench's own environments (its
                // held-in tasks), WebShop and Mind2Web included: Kaizen may not train on them.
                case "webshop", "mind2web" -> Optional.of(BenchmarkParts.REASON + "agentbench " + part);
                default -> Optional.empty();
            });
    /**
     * internlm/Agent-FLAN: data/*.jsonl of {id, conversation: [{role, content, loss}]}; its files are
     * reported not to share one schema, so {@code messages} and ShareGPT {@code conversations} are read too.
     */
    public static final AgentCollectionImporter AGENT_FLAN = new AgentCollectionImporter("agent-flan",
            "Agent-FLAN JSONL (data/*.jsonl: {id, conversation: [{role: system|user|assistant, content, loss}]})",
            List.of(new ChatTurns("conversation", "role", "content", ROLES), new ChatTurns("messages", "role", "content", ROLES),
                    ChatTurns.shareGpt(ChatTurns.SHAREGPT_SPEAKERS)), "id",
            // Its agent_instruct_* files are AgentInstruct rewritten (AgentBench's held-in tasks).
            (file, part) -> file.startsWith("agent_instruct")
                    ? Optional.of(BenchmarkParts.REASON + "agentinstruct (agentbench environments)") : Optional.empty());
    /** AgentGym/AgentTraj-L: {item_id: "webshop_0", conversations: [{from: human|gpt, loss, value}]}. */
    public static final AgentCollectionImporter AGENT_TRAJ = new AgentCollectionImporter("agenttraj",
            "AgentTraj / AgentGym JSON or JSONL ({item_id: ENV_N, conversations: [{from, loss, value}]})",
            List.of(SHAREGPT), "item_id", (file, part) -> Optional.empty());

    private final String name;
    private final String reads;
    /** The layouts this collection uses, most common first: a record is read with the first whose field it has. */
    private final List<ChatTurns> layouts;
    private final String idField;
    /** This collection's own parts to leave out, from the file name and the part: beyond {@link BenchmarkParts}. */
    private final java.util.function.BiFunction<String, String, Optional<String>> collectionRule;

    private AgentCollectionImporter(String name, String reads, List<ChatTurns> layouts, String idField,
            java.util.function.BiFunction<String, String, Optional<String>> collectionRule) {
        this.collectionRule = collectionRule;
        this.name = name;
        this.reads = reads;
        this.layouts = layouts;
        this.idField = idField;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String reads() {
        return reads + "; .gz too";
    }

    @Override
    public void run(Path input, ImportSink sink) {
        InputFiles.eachRecord(input, sink, r -> convert(r, sink), InputFiles.JSON);
    }

    private void convert(JsonlRecord r, ImportSink sink) {
        String id = r.node().path(idField).isValueNode() ? r.node().path(idField).asText() : "";
        List<Message> messages = layouts.stream().filter(l -> l.presentIn(r)).findFirst().orElse(layouts.getFirst()).read(r);
        // AgentTraj-L ships one file per environment (alfworld_train.json) and AgentInstruct one per
        // split: a benchmark named by either the id or the file name is enough to leave the record out.
        String filePart = BenchmarkParts.partOf(r.file().getFileName().toString());
        String idPart = BenchmarkParts.partOf(id);
        String part = idPart.isEmpty() ? filePart : idPart;
        Optional<String> benchmark = BenchmarkParts.reason(filePart, List.of())
                .or(() -> collectionRule.apply(r.file().getFileName().toString(), part))
                .or(() -> BenchmarkParts.reason(part, messages));
        if (benchmark.isPresent()) {
            sink.leaveOut(benchmark.get());
            return;
        }
        String taskId = id.isEmpty() ? r.file().getFileName() + ":" + r.line() : id;
        sink.keepIfWellFormed(new Trajectory(name, taskId, part.isEmpty() ? "agent" : part, messages, Trajectory.Outcome.SOLVED, 0,
                Map.of("part", part)), Protocol.CONVERSATION);
    }
}
