package kaizen.report;

import static kaizen.testing.FakeOpenAiServer.contextLengthError;
import static kaizen.testing.FakeOpenAiServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kaizen.env.alfworld.Alfworld;
import kaizen.harness.alfworld.AlfworldEpisode;
import kaizen.harness.alfworld.AlfworldEval;
import kaizen.harness.alfworld.AlfworldOracle;
import kaizen.harness.alfworld.AlfworldPrompt;
import kaizen.harness.alfworld.AlfworldTask;
import kaizen.harness.alfworld.AlfworldTaskType;
import kaizen.harness.dbbench.DbBenchEval;
import kaizen.harness.dbbench.DbBenchOracle;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.model.RetryPolicy;
import kaizen.testing.FakeOpenAiServer;
import kaizen.testing.GoldenFile;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "done when": a report of the oracle (baseline) and a scripted weak agent, both run
 * through the real harness and environments (the weak agent is a fake OpenAI server with scripted
 * replies), shows the differences and the taxonomy counts that the scripts imply.
 */
class ReportOfOracleAndWeakAgentTest {
    static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 2);
    static final Path ALFWORLD_DATA = Path.of("../shared/data/alfworld");
    static final Path PROMPTS = Path.of("../shared/data/agentbench/alfworld_multiturn_plan_first.json");
    /** DBBench's first ten dev tasks: all queries (no mutations), so every answer is compared with a label. */
    static final int DB_TASKS = 10;
    static final int MAX_ROUND = 3;

    @TempDir
    static Path dir;

    static Report report;

    /** Runs are made once: the oracle and the weak agent on both benchmarks. */
    @BeforeAll
    static void runEverything() {
        List<DbBenchTask> db = DbBenchTask.load(TestDatabase.sharedData("dbbench/dev.jsonl")).subList(0, DB_TASKS);
        DbBenchEval.run(db, TestDatabase.environment(), DbBenchOracle::new,
                new DbBenchEval.Settings(dir.resolve("db-oracle"), 4, MAX_ROUND, false, "oracle"));
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> weakDbBench(r, db)); OpenAiChatClient client = client(server)) {
            DbBenchEval.run(db, TestDatabase.environment(), t -> t.index() >= 8 ? new DbBenchOracle(t) : client,
                    new DbBenchEval.Settings(dir.resolve("db-weak"), 4, MAX_ROUND, false, "weak"));
        }
        List<AlfworldTask> games = twoGamesPerType();
        AlfworldPrompt prompt = AlfworldPrompt.load(PROMPTS);
        AlfworldEval.run(games, prompt, Alfworld::load, AlfworldOracle::of,
                new AlfworldEval.Settings(dir.resolve("alf-oracle"), 4, AlfworldEpisode.DEFAULT_MAX_STEP, false, "oracle"));
        // One fake server per scripted game, so a request's arrival index is the game's turn.
        List<FakeOpenAiServer> servers = new ArrayList<>();
        List<OpenAiChatClient> clients = new ArrayList<>();
        try {
            for (int behaviour = 0; behaviour < WEAK_ALFWORLD_BEHAVIOURS; behaviour++) {
                int b = behaviour;
                servers.add(FakeOpenAiServer.start(r -> weakAlfworld(b, r.index())));
                clients.add(client(servers.getLast()));
            }
            // The first game of each type gets a scripted behaviour; the sixth type's first and every second game, the oracle.
            AlfworldEval.run(games, prompt, Alfworld::load,
                    t -> t.index() % 2 == 0 && t.index() / 2 < WEAK_ALFWORLD_BEHAVIOURS ? clients.get(t.index() / 2) : AlfworldOracle.of(t),
                    new AlfworldEval.Settings(dir.resolve("alf-weak"), 4, AlfworldEpisode.DEFAULT_MAX_STEP, false, "weak"));
        } finally {
            clients.forEach(OpenAiChatClient::close);
            servers.forEach(FakeOpenAiServer::close);
        }
        report = Report.read(List.of(dir.resolve("db-oracle"), dir.resolve("db-weak"), dir.resolve("alf-oracle"), dir.resolve("alf-weak")));
    }

    private static OpenAiChatClient client(FakeOpenAiServer server) {
        return OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).retryPolicy(FAST)
                .requestTimeout(Duration.ofSeconds(10)).build();
    }

    /** The weak DBBench agent: one kind of mistake per task, tasks 8 and 9 answered by the oracle. */
    static FakeOpenAiServer.Behavior weakDbBench(FakeOpenAiServer.Request r, List<DbBenchTask> tasks) {
        String question = r.messages().get(2).content();
        int task = tasks.stream().filter(t -> t.question().equals(question)).findFirst().orElseThrow().index();
        int turn = (r.messages().size() - 3) / 2;
        String select = "Let me look.\nAction: Operation\n```sql\nSELECT 1\n```";
        return switch (task) {
            case 0 -> reply("I will just talk about the question."); // format violation
            case 1 -> reply("Action: Operation\nSELECT 1;"); // format violation: no sql block
            case 2 -> reply(turn == 0 ? select : "Action: Answer\nFinal Answer: [\"wrong\"]"); // wrong SQL result
            case 3 -> reply(turn == 0 ? "Action: Operation\n```sql\nSELEC nonsense FROM nowhere\n```"
                    : "Action: Answer\nFinal Answer: [\"x\"]"); // SQL error not recovered
            case 4 -> reply("Action: Answer\nFinal Answer: I think it is 5"); // wrong final answer format
            case 5 -> reply("I cannot tell.\nAction: Answer\nFinal Answer: []"); // gave up early
            case 6 -> reply(select); // round limit
            case 7 -> turn == 0 ? reply(select) : contextLengthError(); // context limit
            default -> throw new AssertionError("task " + task + " is the oracle's");
        };
    }

    static final int WEAK_ALFWORLD_BEHAVIOURS = 5;

    /** The weak ALFWorld agent's behaviour {@code b} at a turn. */
    static FakeOpenAiServer.Behavior weakAlfworld(int b, int turn) {
        return switch (b) {
            case 0 -> reply("THOUGHT: I am not sure what to do here."); // format violation
            case 1 -> reply("THOUGHT: Let me look again.\nACTION: look"); // repeated action loop
            case 2 -> reply("THOUGHT: Try a spell.\nACTION: xyzzy" + turn); // invalid actions, never twice the same
            case 3 -> reply(turn % 2 == 0 ? "ACTION: look" : "ACTION: inventory"); // step limit
            case 4 -> turn == 0 ? reply("ACTION: look") : contextLengthError(); // context limit
            default -> throw new AssertionError(b);
        };
    }

    /** The first two valid_seen games of each task type, indexed in that order. */
    static List<AlfworldTask> twoGamesPerType() {
        List<AlfworldTask> all = AlfworldTask.load(ALFWORLD_DATA, "valid_seen");
        List<AlfworldTask> out = new ArrayList<>();
        for (AlfworldTaskType type : AlfworldTaskType.values()) {
            all.stream().filter(t -> t.type() == type).limit(2)
                    .forEach(t -> out.add(new AlfworldTask(out.size(), t.gameFile(), t.name(), t.type())));
        }
        assertEquals(12, out.size());
        return out;
    }

    private static Map<FailureClass, Integer> counts(Comparison c, int run) {
        Map<FailureClass, Integer> out = new EnumMap<>(FailureClass.class);
        Comparison.failures(c.benchmark(), c.runs().get(run)).forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    @Test
    void dbBenchTaxonomyCountsAndDeltas() {
        Comparison c = report.comparisons().get(0);
        assertEquals(Benchmark.DBBENCH, c.benchmark());
        assertEquals(List.of("db-oracle", "db-weak"), c.runs().stream().map(RunData::label).toList());
        Map<FailureClass, Integer> weak = counts(c, 1);
        assertEquals(Map.of(FailureClass.CONTEXT_LIMIT, 1, FailureClass.FORMAT_VIOLATION, 2, FailureClass.WRONG_ANSWER_FORMAT, 1,
                FailureClass.STEP_LIMIT, 1, FailureClass.SQL_ERROR_NOT_RECOVERED, 1, FailureClass.GAVE_UP_EARLY, 1,
                FailureClass.WRONG_SQL_RESULT, 1, FailureClass.OTHER, 0), weak);
        assertTrue(counts(c, 0).values().stream().allMatch(n -> n == 0), "the oracle fails nothing");
        Proportion oracle = c.rows().getFirst().perRun().get(0);
        Proportion weakAll = c.rows().getFirst().perRun().get(1);
        assertEquals(new Proportion(10, 10), oracle);
        assertEquals(new Proportion(2, 10), weakAll);
        assertEquals(-0.8, weakAll.delta(oracle), 1e-12);
        Proportion.Interval d = weakAll.deltaInterval(oracle);
        assertTrue(d.high() < 0 && d.low() > -1, d.toString());
        // The scripted tasks 0-7 are 'other', 'counting' and the first two 'comparison'; tasks 8 and 9 are 'comparison'.
        Comparison.Row comparison = c.rows().stream().filter(r -> r.name().equals("comparison")).findFirst().orElseThrow();
        assertEquals(List.of(new Proportion(3, 3), new Proportion(2, 3)), comparison.perRun());
    }

    @Test
    void dbBenchFailingTurnsAndReasons() {
        RunData weak = report.comparisons().get(0).runs().get(1);
        Verdict.Failure sqlError = (Verdict.Failure) weak.episodes().get(3).verdict();
        assertEquals(FailureClass.SQL_ERROR_NOT_RECOVERED, sqlError.failureClass());
        assertEquals(1, sqlError.turn());
        assertTrue(sqlError.why().contains("1064 (42000)"), sqlError.why());
        assertEquals("SQL: SELEC nonsense FROM nowhere", weak.episodes().get(3).turns().getFirst().action());
        Verdict.Failure limit = (Verdict.Failure) weak.episodes().get(6).verdict();
        assertEquals(MAX_ROUND + 1, limit.turn());
    }

    @Test
    void alfworldTaxonomyCountsAndDeltas() {
        Comparison c = report.comparisons().get(1);
        assertEquals(Benchmark.ALFWORLD, c.benchmark());
        assertEquals(Map.of(FailureClass.CONTEXT_LIMIT, 1, FailureClass.FORMAT_VIOLATION, 1, FailureClass.REPEATED_ACTION_LOOP, 1,
                FailureClass.INVALID_ACTION, 1, FailureClass.STEP_LIMIT, 1, FailureClass.OTHER, 0), counts(c, 1));
        assertTrue(counts(c, 0).values().stream().allMatch(n -> n == 0), "the oracle fails nothing");
        assertEquals(new Proportion(12, 12), c.rows().getFirst().perRun().get(0));
        assertEquals(new Proportion(7, 12), c.rows().getFirst().perRun().get(1));
        // Each task type is a row; the first five types lost one game of two.
        assertEquals(1 + AlfworldTaskType.values().length, c.rows().size());
        for (int t = 0; t < AlfworldTaskType.values().length; t++) {
            Comparison.Row row = c.rows().get(1 + t);
            assertEquals(AlfworldTaskType.values()[t].prefix(), row.name());
            assertEquals(new Proportion(t < WEAK_ALFWORLD_BEHAVIOURS ? 1 : 2, 2), row.perRun().get(1), row.name());
        }
        Verdict.Failure invalid = (Verdict.Failure) c.runs().get(1).episodes().get(4).verdict();
        assertEquals(FailureClass.INVALID_ACTION, invalid.failureClass());
        assertEquals(1, invalid.turn());
        assertEquals("Nothing happens.", c.runs().get(1).episodes().get(4).turns().getFirst().observation());
    }

    @Test
    void terminalSummaryMatchesGolden() {
        GoldenFile.assertMatches(Path.of("src/test/resources/golden/report/oracle-vs-weak.txt"), TerminalSummary.render(report));
    }

    /** Both runs played the same tasks, so the HTML, like the terminal, tests the change task by task. */
    @Test
    void htmlGivesThePairedChange() {
        String html = HtmlReport.render(report);
        assertTrue(html.contains("Paired by task, db-weak vs the baseline: won 0, lost 8 of 10 tasks (exact McNemar p = 0.0078)"), "DBBench");
        assertTrue(html.contains("Paired by task, alf-weak vs the baseline: won 0, lost 5 of 12 tasks (exact McNemar p = 0.0625)"), "ALFWorld");
    }

    @Test
    void everyLinkInTheHtmlHasItsTarget() {
        String html = HtmlReport.render(report);
        Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> known = new java.util.HashSet<>();
        while (ids.find()) assertTrue(known.add(ids.group(1)), "duplicate id " + ids.group(1));
        Matcher links = Pattern.compile("href=\"#([^\"]+)\"").matcher(html);
        int count = 0;
        while (links.find()) {
            assertTrue(known.contains(links.group(1)), "no element with id " + links.group(1));
            count++;
        }
        // Every episode is in the index; 8 + 5 failures add example links; rules and navigation add more.
        assertTrue(count > 2 * (DB_TASKS + 12) + 13, "links: " + count);
        for (String chart : List.of("chart-dbbench-scores", "chart-dbbench-failures", "chart-alfworld-scores", "chart-alfworld-failures")) {
            assertTrue(html.contains("<svg id=\"" + chart + "\""), chart);
        }
        assertTrue(html.contains("href=\"#" + Report.episodeAnchor(1, 3) + "\""), "SQL-error example linked");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(src|href)=\"(?!#)").matcher(html).find(), "nothing loaded or linked outside the file");
    }

    /**
     * Renders the report in a real headless browser (Debian's chromium) when one is installed: the
     * DOM it builds has the charts and every link target, and screenshots of the top and of an
     * episode (opened by its anchor) land in target/report-browser/ for a person to look at.
     */
    @Test
    void rendersInAHeadlessBrowser() throws Exception {
        java.util.Optional<Path> chromium = java.util.stream.Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                .map(Path::of).filter(java.nio.file.Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(chromium.isPresent(),
                "chromium is not installed: skipping the browser check (apt-get install chromium to run it)");
        Path outDir = java.nio.file.Files.createDirectories(Path.of("target/report-browser"));
        Path html = outDir.resolve("report.html").toAbsolutePath();
        java.nio.file.Files.writeString(html, HtmlReport.render(report));
        String dom = browser(chromium.get(), outDir, "--dump-dom", html.toUri().toString());
        for (String chart : List.of("chart-dbbench-scores", "chart-dbbench-failures", "chart-alfworld-scores", "chart-alfworld-failures")) {
            assertTrue(dom.contains("id=\"" + chart + "\""), "the browser's DOM has " + chart);
        }
        Matcher links = Pattern.compile("href=\"#([^\"]+)\"").matcher(dom);
        int checked = 0;
        for (; links.find(); checked++) assertTrue(dom.contains("id=\"" + links.group(1) + "\""), "target " + links.group(1));
        assertTrue(checked > 40, "links in the rendered DOM: " + checked);
        String episode = Report.episodeAnchor(1, 3);
        for (String[] shot : new String[][] {{"top.png", ""}, {"episode.png", "#" + episode}}) {
            Path png = outDir.resolve(shot[0]).toAbsolutePath();
            java.nio.file.Files.deleteIfExists(png);
            browser(chromium.get(), outDir, "--screenshot=" + png, "--window-size=1280,1600", html.toUri() + shot[1]);
            assertTrue(java.nio.file.Files.size(png) > 10_000, png + " is a real picture");
        }
    }

    private static String browser(Path chromium, Path outDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + outDir.resolve("profile").toAbsolutePath()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(outDir.resolve("chromium.log").toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), "chromium exit status; see " + outDir.resolve("chromium.log"));
        return stdout;
    }
}
