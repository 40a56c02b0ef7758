package kaizen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import kaizen.harness.household.HouseholdEval;
import kaizen.harness.household.HouseholdOracle;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.runner.EvalReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Household evaluation runs (and GRPO's held-out folders, which have no metrics.json) through the report: their own benchmark, ALFWorld's taxonomy. */
class HouseholdRunsTest {
    @TempDir
    Path dir;

    private final List<HouseholdTask> worlds = HouseholdTask.of(HouseholdSplit.HELD_OUT, 1, 3);

    private RunData run(String name, Function<HouseholdTask, ChatModel> agent) {
        Path out = dir.resolve(name);
        HouseholdEval.run(worlds, agent, new HouseholdEval.Settings(out, 2, 30, HouseholdPrompt.DEFAULT, HouseholdSplit.HELD_OUT, 1,
                false, name));
        return RunData.read(out);
    }

    @Test
    void thePlannerSucceedsAndEachEpisodeIsFiledUnderItsFamily() {
        RunData oracle = run("oracle", HouseholdOracle::new);
        assertEquals(Benchmark.HOUSEHOLD, oracle.benchmark());
        assertEquals(3, oracle.episodes().size());
        for (EpisodeView e : oracle.episodes()) {
            assertInstanceOf(Verdict.Success.class, e.verdict());
            assertEquals(e.record().resultText("family"), e.category());
            assertTrue(e.turns().stream().allMatch(t -> t.note().isEmpty()), "every planner command is taken");
        }
    }

    @Test
    void aRepeatedReplyIsALoopAndRefusedCommandsAreInvalidActions() {
        RunData looping = run("looping", t -> messages -> new ModelReply.Text("THOUGHT: I look around.\nACTION: look"));
        for (EpisodeView e : looping.episodes()) {
            var f = assertInstanceOf(Verdict.Failure.class, e.verdict());
            assertEquals(FailureClass.REPEATED_ACTION_LOOP, f.failureClass(), f.why());
        }
        AtomicInteger n = new AtomicInteger();
        RunData refused = run("refused", t -> messages -> {
            int k = n.incrementAndGet();
            return new ModelReply.Text("THOUGHT: try " + k + "\nACTION: fly to moon " + k);
        });
        for (EpisodeView e : refused.episodes()) {
            var f = assertInstanceOf(Verdict.Failure.class, e.verdict());
            assertEquals(FailureClass.INVALID_ACTION, f.failureClass(), f.why());
            assertTrue(f.why().contains("refused by the world"), f.why());
            assertTrue(e.turns().getFirst().note().startsWith("the world refused 'fly to moon "), e.turns().getFirst().note());
        }
    }

    @Test
    void householdRunsAreComparedUnderTheirOwnHeadingWithTheirWorldsNamed() {
        RunData oracle = run("oracle", HouseholdOracle::new);
        RunData looping = run("looping", t -> messages -> new ModelReply.Text("THOUGHT: I look around.\nACTION: look"));
        Report report = Report.of(List.of(oracle, looping));
        assertEquals(List.of(Benchmark.HOUSEHOLD), report.comparisons().stream().map(Comparison::benchmark).toList());
        String text = TerminalSummary.render(report);
        assertTrue(text.startsWith("Household: success rate"), text);
        assertTrue(text.matches("(?s).*\\n\\s*repeated action loop\\s+0\\s+3\\s+\\+3\\n.*"), text);
        String html = HtmlReport.render(report);
        assertTrue(html.contains("<section id=\"household\">"));
        assertTrue(html.contains("world <code>" + worlds.getFirst().id() + "</code>"));
    }

    @Test
    void aFolderWithoutMetricsIsReadAsHouseholdFromItsEpisodes() throws Exception {
        Path out = dir.resolve("oracle");
        run("oracle", HouseholdOracle::new);
        Files.delete(out.resolve(EvalReport.METRICS));
        RunData bare = RunData.read(out);
        assertEquals(Benchmark.HOUSEHOLD, bare.benchmark());
        assertEquals(3, bare.episodes().size());
        // with no run holding AgentBench's headline number, neither report shows a row of dashes for it
        Report report = Report.of(List.of(bare));
        assertFalse(TerminalSummary.render(report).contains("success_rate"), TerminalSummary.render(report));
        assertFalse(HtmlReport.render(report).contains("success_rate (AgentBench)"));
    }
}
