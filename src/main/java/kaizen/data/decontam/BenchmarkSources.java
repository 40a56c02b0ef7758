package kaizen.data.decontam;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kaizen.core.Json;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;

/** Reads the benchmarks' own files into {@link BenchmarkItem}s. */
public final class BenchmarkSources {
    public static final String ALFWORLD_GAME_FILE = "game.tw-pddl";
    /** The grammar's strings: {@code "rhs": "..."} with JSON escapes. */
    private static final Pattern RHS = Pattern.compile("\"rhs\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TASK_RHS = Pattern.compile("\"task\"\\s*:\\s*\\[\\s*\\{\\s*\"rhs\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private BenchmarkSources() {}

    /**
     * AgentBench DBBench task file (JSON Lines): per task its question ({@code description}), its
     * header sentence ({@code add_description}: table name and column names, or those fields from
     * {@code table} when the sentence is absent) and all its rows as one text.
     */
    public static List<BenchmarkItem> dbbench(Path file) {
        List<BenchmarkItem> out = new ArrayList<>();
        String name = file.getFileName().toString();
        for (JsonlRecord r : Jsonl.readAll(file)) {
            String unit = name + ":" + r.line();
            out.add(new BenchmarkItem("dbbench", unit, "question", r.text("description")));
            String headers = r.optionalText("add_description", "");
            if (headers.isEmpty()) headers = tableNameAndColumns(r);
            out.add(new BenchmarkItem("dbbench", unit, "headers", headers));
            JsonNode rows = r.node().path("table").path("table_info").path("rows");
            StringBuilder sb = new StringBuilder();
            for (JsonNode row : rows) {
                for (JsonNode cell : row) sb.append(cell.asText()).append(' ');
                sb.append('\n');
            }
            if (!sb.isEmpty()) out.add(new BenchmarkItem("dbbench", unit, "rows", sb.toString()));
        }
        if (out.isEmpty()) throw new KaizenException(file + ": no DBBench tasks in it");
        return out;
    }

    private static String tableNameAndColumns(JsonlRecord r) {
        StringBuilder sb = new StringBuilder(r.text("table.table_name"));
        for (JsonNode c : r.array("table.table_info.columns")) sb.append(", ").append(c.path("name").asText());
        return sb.toString();
    }

    /**
     * Every ALFWorld game ({@value #ALFWORLD_GAME_FILE}) under {@code folder}, in path order: its
     * task sentence ("Your task is to: ..."), the rest of its grammar's text and its walkthrough.
     * Object names are not indexed apart: they are ALFRED's generic types (Mug, Drawer), which
     * any household data names too; they count where they appear inside those texts.
     */
    public static List<BenchmarkItem> alfworld(Path folder) {
        if (!Files.isDirectory(folder)) throw new KaizenException(folder + ": not a folder (expected ALFWorld games, e.g. json_2.1.1/valid_seen)");
        List<Path> games;
        try (Stream<Path> s = Files.walk(folder)) {
            games = s.filter(p -> p.getFileName().toString().equals(ALFWORLD_GAME_FILE)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (games.isEmpty()) throw new KaizenException(folder + ": no " + ALFWORLD_GAME_FILE + " files under it");
        List<BenchmarkItem> out = new ArrayList<>();
        for (Path game : games) out.addAll(alfworldGame(game, folder.relativize(game.getParent()).toString()));
        return out;
    }

    static List<BenchmarkItem> alfworldGame(Path file, String unit) {
        JsonNode root;
        try {
            root = Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new KaizenException(file + ": cannot read ALFWorld game: " + e.getMessage(), e);
        }
        String grammar = root.path("grammar").asText("");
        List<BenchmarkItem> out = new ArrayList<>();
        Matcher task = TASK_RHS.matcher(grammar);
        if (task.find()) out.add(new BenchmarkItem("alfworld", unit, "task", unescape(task.group(1))));
        StringBuilder text = new StringBuilder();
        Matcher m = RHS.matcher(grammar);
        while (m.find()) text.append(unescape(m.group(1))).append('\n');
        out.add(new BenchmarkItem("alfworld", unit, "grammar", text.toString()));
        List<String> steps = new ArrayList<>();
        for (JsonNode step : root.path("walkthrough")) steps.add(step.asText());
        if (!steps.isEmpty()) out.add(new BenchmarkItem("alfworld", unit, "walkthrough", String.join(". ", steps)));
        return out;
    }

    private static String unescape(String jsonStringBody) {
        try {
            return Json.parse("\"" + jsonStringBody + "\"").asText();
        } catch (IOException e) {
            return jsonStringBody;
        }
    }
}
