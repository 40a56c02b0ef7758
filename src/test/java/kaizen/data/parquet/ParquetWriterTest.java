package kaizen.data.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kaizen.core.Json;
import kaizen.core.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's files read back by pyarrow, the reader trainers use. Skipped (with the reason)
 * where python3 has no pyarrow; install it with {@code pip install pyarrow}.
 */
public class ParquetWriterTest {
    @TempDir
    Path dir;

    public static boolean pyarrow() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import pyarrow.parquet").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** Reads the file with pyarrow and prints it as JSON (column name -> list of values). */
    public static String readBack(Path file) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", """
                import sys, json, pyarrow.parquet as pq
                t = pq.read_table(sys.argv[1])
                print(json.dumps({"rows": t.num_rows, "data": t.to_pydict()}, ensure_ascii=False, sort_keys=True))
                """, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.strip();
    }

    @Test
    void pyarrowReadsTextAndConversationColumns() throws Exception {
        assumeTrue(pyarrow(), "python3 with pyarrow is not installed: the Parquet read-back check is skipped");
        List<String> ids = new ArrayList<>();
        List<List<Message>> convs = new ArrayList<>();
        List<java.util.Set<Integer>> untrained = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            untrained.add(i % 4 == 3 && i % 5 == 0 ? java.util.Set.of(1) : java.util.Set.of());
            ids.add("task-" + i + (i % 7 == 0 ? " é 中文 ' \"" : ""));
            List<Message> ms = new ArrayList<>();
            for (int j = 0; j < i % 4; j++) ms.add(j % 2 == 0 ? Message.user("q" + i + "/" + j) : Message.assistant("a".repeat(i * 40 + j)));
            convs.add(ms);
        }
        Path file = dir.resolve("t.parquet");
        ParquetWriter.write(file, List.of(new ParquetColumn.Strings("task_id", ids), new ParquetColumn.Conversations("messages", convs, untrained)));
        List<List<Map<String, Object>>> withWeights = new ArrayList<>();
        for (int i = 0; i < convs.size(); i++) {
            List<Map<String, Object>> ms = new ArrayList<>();
            for (int j = 0; j < convs.get(i).size(); j++) {
                Map<String, Object> m = new java.util.LinkedHashMap<>(convs.get(i).get(j).toJson());
                m.put("weight", untrained.get(i).contains(j) ? 0 : 1);
                ms.add(m);
            }
            withWeights.add(ms);
        }
        Map<String, Object> expected = Map.of("rows", 300, "data", Map.of("task_id", ids, "messages", withWeights));
        assertEquals(Json.parse(Json.write(expected)), Json.parse(readBack(file)));
    }

    @Test
    void manyPagesAndAnEmptyTableReadBack() throws Exception {
        assumeTrue(pyarrow(), "python3 with pyarrow is not installed: the Parquet read-back check is skipped");
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 40; i++) big.add(Integer.toString(i).repeat(100_000)); // ~4 MB: several pages
        Path file = dir.resolve("big.parquet");
        ParquetWriter.write(file, List.of(new ParquetColumn.Strings("text", big)));
        assertEquals(Json.parse(Json.write(Map.of("rows", 40, "data", Map.of("text", big)))), Json.parse(readBack(file)));
        Path empty = dir.resolve("empty.parquet");
        ParquetWriter.write(empty, List.of(new ParquetColumn.Strings("a", List.of()), new ParquetColumn.Conversations("m", List.of())));
        assertEquals(Json.parse("{\"rows\":0,\"data\":{\"a\":[],\"m\":[]}}"), Json.parse(readBack(empty)));
        assertEquals("PAR1", new String(Files.readAllBytes(empty), 0, 4, StandardCharsets.US_ASCII));
    }
}
