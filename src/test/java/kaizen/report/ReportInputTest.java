package kaizen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.cli.Main;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.Message;
import kaizen.harness.FinishStatus;
import kaizen.harness.runner.EpisodeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading runs: malformed records are named by file, line and field; transcript text cannot inject markup. */
class ReportInputTest {
    static final String INJECTION = "</script><img src=x onerror=alert(1)><script>alert(2)</script>\"'&";

    @TempDir
    Path dir;

    /** A DBBench episode whose model reply (and observation) are {@code reply}. */
    static EpisodeRecord dbEpisode(int index, String reply, boolean correct) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("answer", "[\"x\"]");
        result.put("type", "counting");
        result.put("error", "");
        List<Message> history = List.of(Message.user("prompt"), Message.assistant("Ok."), Message.user("question " + reply),
                Message.assistant(reply + "\nAction: Operation\n```sql\nSELECT '" + reply + "'\n```"), Message.user(reply),
                Message.assistant("Action: Answer\nFinal Answer: [\"" + reply + "\"]"));
        return new EpisodeRecord(index, FinishStatus.COMPLETED, result, history, correct, 1, 5);
    }

    private Path run(String name, String... lines) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("episodes.jsonl"), String.join("\n", lines) + "\n");
        return run;
    }

    private static String line(EpisodeRecord e) {
        return Json.write(e.toJson());
    }

    @Test
    void transcriptTextIsEscapedEverywhere() throws Exception {
        Path run = run(INJECTION.replaceAll("[^a-z]", ""), line(dbEpisode(0, INJECTION, false)), line(dbEpisode(1, "fine", true)));
        String html = HtmlReport.render(Report.read(List.of(run)));
        assertFalse(html.contains("<img"), "no element from the transcript");
        assertFalse(html.contains("<script"), "no script from the transcript");
        assertTrue(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"), "the text is shown, escaped");
        assertTrue(html.contains("&quot;&#39;&amp;"));
        // The wrong answer is classified and the viewer marks the failing turn.
        assertTrue(html.contains("class=\"turn failing\""), "failing turn marked");
    }

    @Test
    void escapeCoversTheFiveMarkupCharacters() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;", HtmlReport.escape("<a href=\"x\" title='y'>&amp;</a>"));
    }

    @Test
    void aCutOffLastLineIsIgnoredAsTheRunnerDoes() throws Exception {
        String whole = line(dbEpisode(1, "b", true));
        Path run = run("cut", line(dbEpisode(0, "a", true)), whole.substring(0, whole.length() / 2));
        assertEquals(1, Report.read(List.of(run)).runs().getFirst().episodes().size());
    }

    @Test
    void badJsonInTheMiddleNamesFileAndLine() throws Exception {
        Path run = run("mid", line(dbEpisode(0, "a", true)), "{not json", line(dbEpisode(2, "c", true)));
        BadInputException e = assertThrows(BadInputException.class, () -> Report.read(List.of(run)));
        assertTrue(e.getMessage().startsWith(run.resolve("episodes.jsonl") + ":2: not valid JSON"), e.getMessage());
    }

    @Test
    void aMissingFieldIsNamed() throws Exception {
        Path run = run("field", line(dbEpisode(0, "a", true)).replace("\"status\":\"completed\",", ""));
        BadInputException e = assertThrows(BadInputException.class, () -> Report.read(List.of(run)));
        assertTrue(e.getMessage().contains("episodes.jsonl:1: field 'status': is missing"), e.getMessage());
    }

    @Test
    void aBadAlfworldLogEntryIsNamed() throws Exception {
        String episode = "{\"index\":0,\"status\":\"completed\",\"result\":{\"log\":[{\"output\":\"ACTION: look\",\"action\":7,"
                + "\"admissible_commands\":[\"look\"],\"observation\":\"x\"}],\"game\":\"g\",\"type\":\"pick_and_place\",\"result\":0},"
                + "\"history\":[],\"correct\":false,\"rounds\":1,\"elapsed_ms\":1}";
        Path run = run("alf", episode);
        BadInputException e = assertThrows(BadInputException.class, () -> Report.read(List.of(run)));
        assertTrue(e.getMessage().contains("episodes.jsonl:1: field 'result.log[0].action': expected a string, found a number"),
                e.getMessage());
    }

    @Test
    void theCliReportsErrorsInOneLineAndWritesTheHtml() throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path good = run("good", line(dbEpisode(0, "a", true)), line(dbEpisode(1, "b", false)));
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            assertEquals(2, Main.run("report", dir.resolve("nothing").toString()));
            assertEquals(0, Main.run("report", good.toString(), "--out", dir.resolve("r/report.html").toString()));
            assertEquals(0, Main.run("report", good.toString(), "--no-html"));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertTrue(err.toString().startsWith("error: " + dir.resolve("nothing") + ": not a run folder"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertTrue(Files.readString(dir.resolve("r/report.html")).startsWith("<!DOCTYPE html>"));
        assertTrue(out.toString().contains("wrong SQL result           1"), out.toString());
        assertFalse(Files.exists(good.resolve("report.html")), "--no-html writes nothing");
    }
}
