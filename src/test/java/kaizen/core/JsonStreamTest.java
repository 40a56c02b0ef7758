package kaizen.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonStreamTest {
    @TempDir
    Path dir;

    private final List<String> seen = new ArrayList<>();
    private final List<BadInputException> bad = new ArrayList<>();

    private long read(Path f) {
        return JsonStream.forEach(f, r -> seen.add(r.line() + ":" + r.node().path("a").asText()), bad::add);
    }

    @Test
    void arrayElementsCarryTheLineTheyStartOn() throws Exception {
        Path f = Files.writeString(dir.resolve("x.json"), "\uFEFF\n[\n  {\"a\": 1},\n  {\n   \"a\": 2}\n]\n");
        assertEquals(2, read(f));
        assertEquals(List.of("3:1", "4:2"), seen);
    }

    @Test
    void jsonLinesSkipsAndReportsAMalformedLine() throws Exception {
        Path f = Files.writeString(dir.resolve("x.jsonl"), "{\"a\": 1}\n\n{\"a\": \n{\"a\": 3}\n");
        assertEquals(3, read(f));
        assertEquals(List.of("1:1", "4:3"), seen);
        assertEquals(1, bad.size());
        assertEquals(3, bad.get(0).line());
    }

    @Test
    void gzipIsReadThrough() throws Exception {
        Path f = dir.resolve("x.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write("{\"a\": 7}\n{\"a\": 8}\n".getBytes(StandardCharsets.UTF_8));
        }
        read(f);
        assertEquals(List.of("1:7", "2:8"), seen);
    }

    @Test
    void aCutOffArrayEndsTheFileNamingWhere() throws Exception {
        Path f = Files.writeString(dir.resolve("x.json"), "[{\"a\": 1},\n{\"a\": ");
        BadInputException e = assertThrows(BadInputException.class, () -> read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: "), e.getMessage());
        assertEquals(List.of("1:1"), seen);
    }

    @Test
    void theCallerCanStopEarly() throws Exception {
        Path f = Files.writeString(dir.resolve("x.json"), "[{\"a\": 1}, {\"a\": 2}, {\"a\": 3}]");
        long n = JsonStream.forEach(f, r -> { seen.add(r.node().path("a").asText()); return seen.size() < 2; }, bad::add);
        assertEquals(2, n);
    }
}
