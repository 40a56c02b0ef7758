package kaizen.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kaizen.core.BadInputException;
import kaizen.core.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryTest {
    @TempDir
    Path dir;

    private static Trajectory sample(String answer) {
        return new Trajectory("test-source", "t-1", "counting",
                List.of(Message.user("How many?"), Message.assistant("Action: Answer\nFinal Answer: [" + answer + "]")),
                Trajectory.Outcome.SOLVED, 42L, Map.of("zeta", "last", "alpha", "first"));
    }

    @Test
    void roundTripsThroughJsonLines() {
        Path f = dir.resolve("t.jsonl");
        List<Trajectory> in = List.of(sample("1"), new Trajectory("s", "t-2", "INSERT", List.of(Message.user("x \"q\" ü 🙂")),
                new Trajectory.Outcome(false, 0.25), -7L, Map.of()));
        Trajectory.writeAll(f, in);
        assertEquals(in, Trajectory.readAll(f));
    }

    @Test
    void lineLayoutIsFixedAndMetadataSorted() throws Exception {
        Path f = dir.resolve("t.jsonl");
        Trajectory.writeAll(f, List.of(sample("1")));
        String line = Files.readString(f);
        assertTrue(line.startsWith("{\"source\":\"test-source\",\"task_id\":\"t-1\",\"category\":\"counting\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"How many?\"}"), line);
        assertTrue(line.contains("\"outcome\":{\"success\":true,\"score\":1.0},\"seed\":42,\"metadata\":{\"alpha\":\"first\",\"zeta\":\"last\"},"
                + "\"content_hash\":\"" + sample("1").contentHash() + "\"}\n"), line);
    }

    @Test
    void contentHashDependsOnTheConversationOnly() {
        Trajectory a = sample("1");
        Trajectory sameTalkOtherSource = new Trajectory("other", "t-9", "ranking", a.messages(), new Trajectory.Outcome(false, 0), 1L, Map.of());
        assertEquals(a.contentHash(), sameTalkOtherSource.contentHash());
        assertNotEquals(a.contentHash(), sample("2").contentHash());
        // Field boundaries count: moving text between messages changes the hash.
        Trajectory split = new Trajectory("s", "t", "c", List.of(Message.user("ab"), Message.user("c")), Trajectory.Outcome.SOLVED, 0, Map.of());
        Trajectory moved = new Trajectory("s", "t", "c", List.of(Message.user("a"), Message.user("bc")), Trajectory.Outcome.SOLVED, 0, Map.of());
        assertNotEquals(split.contentHash(), moved.contentHash());
        assertEquals(64, a.contentHash().length());
    }

    @Test
    void editedLineIsRejectedWithFileLineAndField() throws Exception {
        Path f = dir.resolve("t.jsonl");
        Trajectory.writeAll(f, List.of(sample("1")));
        Files.writeString(f, Files.readString(f).replace("How many?", "How few?"));
        BadInputException e = assertThrows(BadInputException.class, () -> Trajectory.readAll(f));
        assertTrue(e.getMessage().contains("t.jsonl:1") && e.getMessage().contains("content_hash"), e.getMessage());
    }

    @Test
    void badFieldsNameTheField() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"source\":\"s\",\"task_id\":\"t\",\"category\":\"c\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}],"
                + "\"outcome\":{\"success\":true,\"score\":1},\"seed\":1}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> Trajectory.readAll(f));
        assertTrue(e.getMessage().contains("messages[0]") && e.getMessage().contains("robot"), e.getMessage());
        Files.writeString(f, "{\"source\":\"s\",\"task_id\":\"t\",\"category\":\"c\",\"messages\":[],\"outcome\":{\"success\":true,\"score\":2},\"seed\":1}\n");
        e = assertThrows(BadInputException.class, () -> Trajectory.readAll(f));
        assertTrue(e.getMessage().contains("outcome.score"), e.getMessage());
    }

    @Test
    void untrainedTurnsCarryWeightZeroAndOldFilesReadAsBefore() throws Exception {
        List<Message> ms = List.of(Message.user("q"), Message.assistant("bad"), Message.user("error"), Message.assistant("good"));
        Trajectory t = new Trajectory("s", "t", "c", ms, Trajectory.Outcome.SOLVED, 0, Map.of(), java.util.Set.of(1));
        Path f = dir.resolve("w.jsonl");
        Trajectory.writeAll(f, List.of(t));
        String line = Files.readString(f);
        assertTrue(line.contains("{\"role\":\"assistant\",\"content\":\"bad\",\"weight\":0}"), line);
        assertEquals(t, Trajectory.readAll(f).getFirst());
        Trajectory plain = new Trajectory("s", "t", "c", ms, Trajectory.Outcome.SOLVED, 0, Map.of());
        assertNotEquals(plain.contentHash(), t.contentHash(), "the same words with a turn untrained are other training data");
        // A file written before the field existed: no weight anywhere, everything trained, same hash as before.
        Trajectory.writeAll(f, List.of(plain));
        assertTrue(!Files.readString(f).contains("weight"));
        assertEquals(java.util.Set.of(), Trajectory.readAll(f).getFirst().untrained());
        Files.writeString(f, Files.readString(f).replace("\"content\":\"bad\"", "\"content\":\"bad\",\"weight\":1"));
        assertEquals(plain, Trajectory.readAll(f).getFirst());
    }

    @Test
    void aBadWeightIsNamedWithItsField() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        String base = "{\"source\":\"s\",\"task_id\":\"t\",\"category\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"%s},"
                + "{\"role\":\"assistant\",\"content\":\"a\"%s}],\"outcome\":{\"success\":true,\"score\":1.0},\"seed\":0}\n";
        Files.writeString(f, base.formatted("", ",\"weight\":0.5"));
        assertEquals(f + ":1: field 'messages[1].weight': expected 0 (not trained) or 1 (trained), found 0.5",
                assertThrows(BadInputException.class, () -> Trajectory.readAll(f)).getMessage());
        Files.writeString(f, base.formatted(",\"weight\":0", ""));
        assertEquals(f + ":1: field 'messages[0].weight': only assistant messages can have weight 0",
                assertThrows(BadInputException.class, () -> Trajectory.readAll(f)).getMessage());
        Files.writeString(f, base.formatted("", ",\"weight\":0"));
        assertEquals(f + ":1: field 'messages': the last assistant reply must be trained",
                assertThrows(BadInputException.class, () -> Trajectory.readAll(f)).getMessage());
    }
}
