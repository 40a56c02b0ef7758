package kaizen.data.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ToolBench in its own tool-call form; AgentInstruct, Agent-FLAN and AgentTraj with their benchmark parts left out. */
class ToolAndCollectionImportersTest {
    @TempDir
    Path out;

    List<Trajectory> run(String source, long read, long kept, Map<String, Long> notKept) {
        return GoalReachingImportersTest.importChecked(source, out, read, kept, notKept, Protocol.CONVERSATION);
    }

    @Test
    void toolBenchKeepsItsCallsAndMarksGivingUpAsAFailure() {
        List<Trajectory> ts = run("toolbench", 4, 2, Map.of(
                "toolbench reply without Action: and Action Input:", 1L, "malformed: conversations[1].value", 1L));
        Trajectory weather = ts.get(0);
        assertEquals(List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT),
                weather.messages().stream().map(Message::role).toList());
        assertEquals("Thought: I should look up tomorrow's forecast for Lisbon.\nAction: get_forecast_for_weatherapi\nAction Input: {\n  \"city\": \"Lisbon\"\n}",
                weather.messages().get(2).content(), "the multi-line JSON arguments survive");
        assertTrue(weather.messages().get(3).content().startsWith("{\"error\": \"\""), "the function's answer is a user turn");
        assertEquals(Trajectory.Outcome.SOLVED, weather.outcome());
        assertEquals(Map.of("calls", "1", "ending", "give_answer"), weather.metadata());
        assertEquals(new Trajectory.Outcome(false, 0), ts.get(1).outcome());
        assertEquals("give_up", ts.get(1).metadata().get("ending"));
    }

    @Test
    void agentInstructLeavesOutEverySplitCollectedInAgentBenchsEnvironments() {
        // AgentInstruct's WebShop split was collected in AgentBench's WebShop environment, so it goes too.
        List<Trajectory> ts = run("agentinstruct", 4, 0, Map.of(
                "benchmark-derived: alfworld", 1L, "benchmark-derived: agentbench db", 1L,
                "benchmark-derived: agentbench webshop", 2L));
        assertTrue(ts.isEmpty());
    }

    @Test
    void agentFlanRecordsWithoutTellingIdsAreCaughtByTheirPrompts() {
        List<Trajectory> ts = run("agent-flan", 6, 2, Map.of(
                "benchmark-derived: agentinstruct (agentbench environments)", 1L, "benchmark-derived: alfworld", 1L, "benchmark-derived: agentbench os", 1L, "malformed: conversation[0].role", 1L));
        Trajectory tool = ts.getFirst();
        assertEquals("toolbench_17", tool.taskId());
        assertEquals("10", ts.get(1).taskId(), "a record in the 'messages' layout");
        assertEquals(Role.USER, tool.messages().get(3).role(), "a function answer is a user turn");
    }

    @Test
    void agentTrajLeavesOutAlfworldAndTextworldItems() {
        // AgentTraj-L's alfworld_train.json is left out by its file name whatever its ids say.
        List<Trajectory> ts = run("agenttraj", 5, 2, Map.of("benchmark-derived: alfworld", 2L, "benchmark-derived: textworld", 1L));
        assertEquals(List.of("sciworld_12", "webshop_7"), ts.stream().map(Trajectory::taskId).toList());
        assertEquals(List.of("sciworld", "webshop"), ts.stream().map(Trajectory::category).toList());
    }

    @Test
    void partNamesComeFromIdsAndFileNames() {
        assertEquals("alfworld", BenchmarkParts.partOf("alfworld_12"));
        assertEquals("db", BenchmarkParts.partOf("db-00000-of-00001-916a87c4725da8c0.jsonl"));
        assertEquals("oscar", BenchmarkParts.partOf("oscar_1"));
        assertEquals("", BenchmarkParts.partOf("17"));
        assertEquals(Optional.empty(), BenchmarkParts.reason("oscar", List.of(Message.user("hello"))));
        assertEquals(Optional.of("benchmark-derived: alfworld"), BenchmarkParts.reason("",
                List.of(Message.system("s"), Message.user("You are in the middle of a room. Looking quickly around you, you see a bed 1."))));
    }
}
