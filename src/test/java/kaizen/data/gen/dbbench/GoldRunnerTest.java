package kaizen.data.gen.dbbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kaizen.core.python.PyFloat;
import kaizen.core.python.PyInt;
import kaizen.core.python.PyStr;
import kaizen.env.db.ObservationReader;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** What makes a task unusable, decided from real observations. */
class GoldRunnerTest {
    private static GoldRunner.Gold answer(String obs, TaskDraft.Answer shape) {
        return GoldRunner.answer(obs, shape);
    }

    private static String reason(GoldRunner.Gold g) {
        return assertInstanceOf(GoldRunner.Rejected.class, g).reason();
    }

    @Test
    void queryAnswersAreTheDistinctCellsInOrder() {
        assertEquals(new GoldRunner.Answer(List.of(new PyStr("b"), new PyStr("a"))), answer("[('b',), ('a',), ('b',)]", TaskDraft.Answer.LIST));
        assertEquals(new GoldRunner.Answer(List.of(new PyInt(java.math.BigInteger.valueOf(7)))), answer("[(7,)]", TaskDraft.Answer.ONE));
        assertEquals(new GoldRunner.Answer(List.of(new PyFloat(2.5))), answer("[(2.5,)]", TaskDraft.Answer.ONE));
    }

    @Test
    void unusableAnswersAreRejectedWithAReason() {
        assertEquals("empty answer", reason(answer("[]", TaskDraft.Answer.LIST)));
        assertEquals("NULL in the answer", reason(answer("[(None,)]", TaskDraft.Answer.ONE)));
        assertEquals("ambiguous (several answers)", reason(answer("[('a',), ('b',)]", TaskDraft.Answer.ONE)));
        assertEquals("answer too long for an observation", reason(answer("[('aaaa" + ObservationReader.TRUNCATED, TaskDraft.Answer.LIST)));
        assertTrue(reason(answer("1054 (42S22): Unknown column 'x' in 'field list'", TaskDraft.Answer.ONE)).startsWith("gold SQL failed"));
        // Not a Python literal (the expert could not copy it into an answer either).
        assertEquals(GoldRunner.NOT_LITERAL, reason(answer("[(Decimal('2.50'),)]", TaskDraft.Answer.ONE)));
        assertEquals(GoldRunner.NOT_LITERAL, reason(answer("[('a', 1)]", TaskDraft.Answer.ONE)));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < GoldRunner.MAX_LIST + 1; i++) many.append(i == 0 ? "" : ", ").append("('v").append(i).append("',)");
        assertEquals("too many answers", reason(answer(many.append(']').toString(), TaskDraft.Answer.LIST)));
    }

    @Test
    void rankingOverTiedNumbersIsRejectedOnTheRealDatabase() {
        Domain d = Domains.ALL.stream().filter(x -> x.id().equals("bike_rentals")).findFirst().orElseThrow();
        SynthTable drawn = SynthTable.generate(d, new SplittableRandom(1));
        // Every numeric cell the same and every row twice: any "highest"/"top k" question, filtered or not, has a tie.
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : drawn.rows()) {
            List<String> copy = new ArrayList<>(r);
            for (int c : drawn.columns(ColumnKind::numeric)) copy.set(c, "5");
            rows.add(copy);
            rows.add(copy);
        }
        SynthTable tied = new SynthTable(d, drawn.name(), drawn.headers(), drawn.phrases(), drawn.kinds(), rows);
        int checked = 0;
        for (int seed = 0; seed < 12; seed++) {
            var draft = new TaskWriter(tied, new SplittableRandom(seed)).draft("ranking");
            if (draft.isEmpty()) continue;
            GoldRunner.Gold g = GoldRunner.run(TestDatabase.environment(), tied, draft.get());
            assertTrue(reason(g).startsWith("ambiguous (tie"), reason(g));
            checked++;
        }
        assertTrue(checked >= 10);
    }

    @Test
    void aMutationThatChangesNothingIsRejected() {
        Domain d = Domains.ALL.getFirst();
        SynthTable t = SynthTable.generate(d, new SplittableRandom(3));
        TaskDraft noop = new TaskDraft("DELETE", "Delete nothing.", n -> "DELETE FROM " + n.table() + " WHERE 1 = 0", List.of(),
                TaskDraft.Answer.MUTATION, List.of(), "delete nothing", java.util.Optional.empty(), java.util.Optional.empty());
        assertEquals("mutation changes nothing", reason(GoldRunner.run(TestDatabase.environment(), t, noop)));
    }
}
