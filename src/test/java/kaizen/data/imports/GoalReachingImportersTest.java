package kaizen.data.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kaizen.core.Jsonl;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;
import kaizen.testing.GoldenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ScienceWorld, WebShop, Jericho and BabyAI fixtures in their published layouts, converted to ReAct episodes. */
class GoalReachingImportersTest {
    static final Path FIXTURES = Path.of("src/test/resources/kaizen/data/imports");
    static final Path GOLDEN = Path.of("src/test/resources/golden/imports");

    @TempDir
    Path out;

    List<Trajectory> run(String source, long read, long kept, Map<String, Long> notKept) {
        return importChecked(source, out, read, kept, notKept, Protocol.REACT);
    }

    /** Imports a source's fixtures and checks the report's counts and every kept trajectory's protocol. */
    static List<Trajectory> importChecked(String source, Path out, long read, long kept, Map<String, Long> notKept, Protocol protocol) {
        ImportReport r = Importers.run(source, FIXTURES.resolve(source), out, null, 0);
        assertEquals(read, r.read(), r.render());
        assertEquals(kept, r.kept(), r.render());
        assertEquals(notKept, r.notKept(), r.render());
        List<Trajectory> ts = Trajectory.readAll(out.resolve(Trajectory.FILE_NAME));
        for (Trajectory t : ts) {
            assertEquals(source, t.source());
            assertEquals(java.util.Optional.empty(), protocol.problem(t.messages()), t.taskId());
        }
        return ts;
    }

    /** What the model sees, one block per message, for the golden files. */
    static String render(Trajectory t) {
        return t.messages().stream().map(m -> "### " + m.role().wireName() + "\n" + m.content()).collect(Collectors.joining("\n\n")) + "\n";
    }

    @Test
    void scienceWorldGoldPathsStreamTaskByTaskAndLeaveTheTestFoldAlone() {
        List<Trajectory> ts = run("scienceworld", 4, 2, Map.of("scienceworld test fold", 1L, "malformed: 0.goldActionSequences[2].path[1].action", 1L));
        Trajectory boil = ts.get(0);
        assertEquals("boil-var3", boil.taskId());
        assertEquals("boil", boil.category());
        assertEquals(14, boil.messages().size(), "task + 7 actions + 6 observations (the last observation is dropped)");
        assertEquals("THOUGHT:\nACTION: wait", boil.messages().getLast().content());
        assertEquals(new Trajectory.Outcome(true, 1.0), boil.outcome());
        Trajectory melt = ts.get(1);
        assertEquals("melt-var0", melt.taskId());
        assertEquals(new Trajectory.Outcome(false, 0.6), melt.outcome(), "numbers as numbers, not completed");
        GoldenFile.assertMatches(GOLDEN.resolve("scienceworld.txt"), render(boil));
    }

    @Test
    void scienceWorldProblemsNameTheTaskSequenceAndStep() {
        Importers.run("scienceworld", FIXTURES.resolve("scienceworld"), out, null, 0);
        var p = Jsonl.readAll(out.resolve(ImportSink.PROBLEMS_FILE)).getFirst().node();
        assertTrue(p.path("file").asText().endsWith("goldsequences-0-1.json"));
        assertEquals(28, p.path("line").asLong(), "the line the sequence starts on");
        assertEquals("0.goldActionSequences[2].path[1].action", p.path("field").asText());
    }

    @Test
    void webShopDemonstrationsBecomeEpisodesWithThePageOptions() {
        List<Trajectory> ts = run("webshop", 4, 2, Map.of(
                "malformed: action_idxs[0]", 1L, "malformed: states", 1L));
        Trajectory bought = ts.get(0);
        assertEquals(6, bought.messages().size());
        assertEquals("THOUGHT:\nACTION: search[long clip-in hair extension natural]", bought.messages().get(1).content());
        assertTrue(bought.messages().get(2).content().endsWith("AVAILABLE ACTIONS: back to search, next >, b09qqldj93"));
        assertEquals(Trajectory.Outcome.SOLVED, bought.outcome());
        assertFalse(ts.get(1).outcome().success(), "went back instead of buying");
        GoldenFile.assertMatches(GOLDEN.resolve("webshop.txt"), render(bought));
    }

    @Test
    void jerichoTransitionsChainIntoEpisodesWhileTheyContinue() {
        List<Trajectory> ts = run("jericho", 4, 3, Map.of("malformed: state", 1L));
        assertEquals(List.of("zork1", "detective", "pentari"), ts.stream().map(t -> t.metadata().get("rom")).toList());
        Trajectory zork = ts.get(0);
        assertEquals(6, zork.messages().size(), "three chained transitions");
        assertEquals("THOUGHT:\nACTION: open small", zork.messages().get(5).content());
        assertEquals(new Trajectory.Outcome(false, 2.0 / 3), zork.outcome(), "'open small' is not the walkthrough's 'Open window'");
        assertEquals(new Trajectory.Outcome(true, 1.0), ts.get(1).outcome());
        assertEquals("10", ts.get(1).metadata().get("reward"));
        assertEquals(4, ts.get(2).messages().size(), "a game's own array chains too");
        GoldenFile.assertMatches(GOLDEN.resolve("jericho.txt"), render(zork));
    }

    @Test
    void babyAiKeepsTheSourceThoughtsUnderKaizensInstruction() {
        List<Trajectory> ts = run("babyai", 4, 1, Map.of("not a babyai record", 1L,
                "malformed: conversations[3].value", 1L, "malformed: conversations[3].from", 1L));
        Trajectory t = ts.getFirst();
        assertEquals("babyai_3", t.taskId());
        assertEquals(4, t.messages().size());
        assertTrue(t.messages().get(0).content().startsWith(ReactConversation.INSTRUCTION));
        assertTrue(t.messages().get(0).content().contains("Your goal: go to the red ball"));
        assertEquals("THOUGHT: The red ball is in front of me and to the right, so I can walk straight to it.\nACTION: go to red ball 1",
                t.messages().get(1).content());
        GoldenFile.assertMatches(GOLDEN.resolve("babyai.txt"), render(t));
    }

    @Test
    void agentGymRepliesSplitIntoThoughtAndAction() {
        assertEquals(new BabyAiImporter.Step("go.", "toggle"), BabyAiImporter.Step.parse("Thought: go.\nAction: toggle</s>").orElseThrow());
        assertEquals(new BabyAiImporter.Step("a\n\nb", "turn left"), BabyAiImporter.Step.parse("Thought:\na\n\nb\n\nAction:\nturn left\n").orElseThrow());
        assertTrue(BabyAiImporter.Step.parse("turn left").isEmpty());
        assertTrue(BabyAiImporter.Step.parse("Thought: x\nAction:   ").isEmpty());
    }

    @Test
    void reactRepliesHaveOneThoughtLineAndOneActionLine() {
        assertEquals("THOUGHT: a b\nACTION: go", ReactConversation.reply(" a\nb ", " go "));
        assertEquals(java.util.Optional.empty(), Protocol.REACT.problem(List.of(Message.user("x"), Message.assistant(ReactConversation.reply("", "go")))));
    }
}
