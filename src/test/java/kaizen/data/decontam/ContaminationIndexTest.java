package kaizen.data.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gate against AgentBench's real DBBench dev tasks and ALFWorld's valid_seen games. */
class ContaminationIndexTest {
    static final Path DEV = Path.of("../shared/data/dbbench/dev.jsonl");
    static final Path ALFWORLD = Path.of("../shared/data/alfworld/json_2.1.1/valid_seen");
    static final Path SYNTH = Path.of("src/test/resources/kaizen/data/build/synth-dbbench.jsonl");
    static ContaminationIndex index;

    @BeforeAll
    static void load() {
        index = ContaminationIndex.load(List.of(DEV), List.of(ALFWORLD), GateSettings.DEFAULT);
    }

    static List<Finding> check(String... contents) {
        List<Message> ms = new ArrayList<>();
        for (String c : contents) ms.add(ms.size() % 2 == 0 ? Message.user(c) : Message.assistant(c));
        return index.check("planted", "t1", ms);
    }

    @Test
    void cleanSyntheticDbBenchTrajectoriesPass() {
        List<Trajectory> synth = Trajectory.readAll(SYNTH);
        for (Trajectory t : synth) {
            assertEquals(List.of(), index.check(t.source(), t.taskId(), t.messages()), t.taskId());
        }
        assertTrue(synth.size() >= 40);
    }

    @Test
    void aDevQuestionVerbatimIsNamedWithItsTask() throws Exception {
        String question = Files.readAllLines(DEV).get(4).replaceAll(".*\"description\": \"([^\"]*)\".*", "$1");
        List<Finding> f = check("Answer this:\n" + question + "\nThe name of this table is x.", "Ok.");
        assertTrue(!f.isEmpty(), "planted dev question not found: " + question);
        assertEquals("dbbench", f.get(0).item().corpus());
        assertEquals("dev.jsonl:5", f.get(0).item().unit());
        assertEquals("question", f.get(0).item().kind());
        assertEquals("ngram", f.get(0).check());
        assertTrue(f.get(0).describe().startsWith("planted t1 (message 0): ngram match with dbbench dev.jsonl:5 question"), f.get(0).describe());
    }

    @Test
    void anAlfworldTaskSentenceIsNamedWithItsGame() {
        List<Finding> f = check("You are in the middle of a room.", "THOUGHT: go\nACTION: look",
                "Here it is. Your task is to: put two newspaper in drawer.");
        assertTrue(!f.isEmpty());
        assertEquals("alfworld", f.get(0).item().corpus());
        assertEquals("task", f.get(0).item().kind());
        assertEquals(2, f.get(0).messageIndex());
        assertTrue(f.get(0).item().unit().startsWith("pick_two_obj_and_place-Newspaper-None-Drawer-"), f.get(0).item().unit());
        assertTrue(f.get(0).evidence().contains("your task is to put two newspaper in drawer"), f.get(0).evidence());
    }

    @Test
    void aDevTableRowRunIsAThirteenGramMatch() {
        // Rows of dev.jsonl's first table, as a SELECT observation would print them.
        List<Finding> f = check("[('Dabney H. Maury', 'Envoy Extraordinary and Minister Plenipotentiary', 'January 20, 1887', "
                + "'June 22, 1889', 'Grover Cleveland')]");
        assertTrue(f.stream().anyMatch(x -> x.item().kind().equals("rows") && x.item().unit().equals("dev.jsonl:1")), f.toString());
        assertTrue(f.get(0).evidence().startsWith("13-gram"), f.get(0).evidence());
    }

    @Test
    void aQuestionWithAWordChangedIsANearDuplicate() throws Exception {
        // dev.jsonl:1 with one word changed and its ending cut: no 13-gram survives, most shingles do.
        List<Finding> f = check("What is the Presentation of Credentials has a Termination of Mission listed as August 15, 2001?");
        assertTrue(f.stream().anyMatch(x -> x.check().equals("near-duplicate") && x.item().unit().equals("dev.jsonl:1")), f.toString());
    }

    @Test
    void theBenchmarksFormatIsNotContent() {
        // ALFWorld's feedback grammar and DBBench's header sentence are shared by every task: format, not a leak.
        assertEquals(List.of(), check("You arrive at loc 4. On the countertop 1, you see a mug 1.",
                "The name of this table is Parcels, and the headers of this table are id,weight."));
        assertTrue(index.stats().formatNgramsIgnored() > 0);
    }

    @Test
    void shortGenericTextIsNeverEnough() {
        assertEquals(List.of(), check("what is the total number", "How many rows are there?"));
    }
}
