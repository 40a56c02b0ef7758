package kaizen.data.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import kaizen.core.KaizenException;
import kaizen.core.Message;

/**
 * Writes a small Parquet file (format 1.0 data pages, PLAIN values, RLE levels, GZIP pages — all
 * the JDK has) with text and conversation columns. Kaizen writes its own rather than pull in
 * parquet-java, which needs Hadoop's jars (tens of MB) for a few text columns. One row group;
 * pages of about {@value #PAGE_BYTES} bytes, cut at row boundaries. Checked by reading the files
 * back with pyarrow (ParquetWriterTest).
 */
public final class ParquetWriter {
    static final int PAGE_BYTES = 1 << 20;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    // Parquet's enums (parquet.thrift).
    private static final int TYPE_INT32 = 1;
    private static final int TYPE_BYTE_ARRAY = 6;
    private static final int REQUIRED = 0;
    private static final int REPEATED = 2;
    private static final int CONVERTED_UTF8 = 0;
    private static final int CONVERTED_LIST = 3;
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;
    private static final int CODEC_GZIP = 2;
    private static final int PAGE_DATA = 0;

    private ParquetWriter() {}

    /** Writes the columns (all with the same number of rows) to {@code file}, replacing it atomically. */
    public static void write(Path file, List<ParquetColumn> columns) {
        if (columns.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
        int rows = columns.getFirst().rows();
        for (ParquetColumn c : columns) {
            if (c.rows() != rows) throw new IllegalArgumentException("column " + c.name() + " has " + c.rows() + " rows, not " + rows);
        }
        List<Leaf> leaves = new ArrayList<>();
        for (ParquetColumn c : columns) leaves.addAll(leaves(c));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                Counting counting = new Counting(out);
                counting.write(MAGIC);
                List<ChunkMeta> chunks = new ArrayList<>();
                for (Leaf leaf : leaves) chunks.add(writeChunk(counting, leaf, rows));
                byte[] footer = footer(columns, leaves, chunks, rows);
                counting.write(footer);
                counting.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
                counting.write(MAGIC);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KaizenException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A leaf column: its path, levels and the text of row {@code r}'s values (decimal text for an int32 leaf). */
    private record Leaf(List<String> path, boolean repeated, List<List<String>> valuesPerRow, boolean int32) {
        Leaf(List<String> path, boolean repeated, List<List<String>> valuesPerRow) {
            this(path, repeated, valuesPerRow, false);
        }
    }

    private record ChunkMeta(long firstPageOffset, long numValues, long uncompressed, long compressed) {}

    private static List<Leaf> leaves(ParquetColumn c) {
        return switch (c) {
            case ParquetColumn.Strings s -> List.of(new Leaf(List.of(s.name()), false, s.values().stream().map(List::of).toList()));
            case ParquetColumn.Conversations conv -> List.of(
                    new Leaf(List.of(conv.name(), "list", "element", "role"), true,
                            conv.values().stream().map(ms -> ms.stream().map(m -> m.role().wireName()).toList()).toList()),
                    new Leaf(List.of(conv.name(), "list", "element", "content"), true,
                            conv.values().stream().map(ms -> ms.stream().map(Message::content).toList()).toList()),
                    new Leaf(List.of(conv.name(), "list", "element", "weight"), true, conv.weights(), true));
        };
    }

    private static ChunkMeta writeChunk(Counting out, Leaf leaf, int rows) throws IOException {
        long first = out.position;
        long numValues = 0;
        long uncompressed = 0;
        long compressed = 0;
        int row = 0;
        do { // at least one page, so an empty table is still a valid file
            Page page = new Page(leaf.repeated(), leaf.int32());
            while (row < rows && (page.rows == 0 || page.values.size() < PAGE_BYTES)) page.add(leaf.valuesPerRow().get(row++));
            byte[] body = page.body();
            byte[] zipped = gzip(body);
            byte[] header = new ThriftCompact().begin()
                    .i32(1, PAGE_DATA).i32(2, body.length).i32(3, zipped.length)
                    .struct(5).i32(1, page.levelCount).i32(2, ENCODING_PLAIN).i32(3, ENCODING_RLE).i32(4, ENCODING_RLE).end()
                    .end().bytes();
            out.write(header);
            out.write(zipped);
            numValues += page.levelCount;
            uncompressed += header.length + body.length;
            compressed += header.length + zipped.length;
        } while (row < rows);
        return new ChunkMeta(first, numValues, uncompressed, compressed);
    }

    /** One data page: repetition and definition levels (for lists) and PLAIN byte-array values. */
    private static final class Page {
        final boolean repeated;
        final boolean int32;
        final ByteArrayOutputStream values = new ByteArrayOutputStream();
        final Rle repetition = new Rle();
        final Rle definition = new Rle();
        int rows;
        int levelCount;

        Page(boolean repeated, boolean int32) {
            this.repeated = repeated;
            this.int32 = int32;
        }

        void add(List<String> rowValues) {
            rows++;
            if (repeated && rowValues.isEmpty()) { // an empty list: one level entry, no value
                repetition.add(0);
                definition.add(0);
                levelCount++;
                return;
            }
            for (int i = 0; i < rowValues.size(); i++) {
                if (repeated) {
                    repetition.add(i == 0 ? 0 : 1);
                    definition.add(1);
                }
                if (int32) {
                    values.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.parseInt(rowValues.get(i))).array());
                } else {
                    byte[] b = rowValues.get(i).getBytes(StandardCharsets.UTF_8);
                    values.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
                    values.writeBytes(b);
                }
                levelCount++;
            }
        }

        byte[] body() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (repeated) {
                repetition.writeTo(out);
                definition.writeTo(out);
            }
            out.writeBytes(values.toByteArray());
            return out.toByteArray();
        }
    }

    /** Levels of bit width 1 as RLE runs of the RLE/bit-packing hybrid, 4-byte length first. */
    private static final class Rle {
        final ByteArrayOutputStream runs = new ByteArrayOutputStream();
        int value = -1;
        int count;

        void add(int level) {
            if (level != value && count > 0) flush();
            value = level;
            count++;
        }

        void flush() {
            long header = (long) count << 1; // low bit 0 = RLE run
            while ((header & ~0x7FL) != 0) {
                runs.write((int) ((header & 0x7F) | 0x80));
                header >>>= 7;
            }
            runs.write((int) header);
            runs.write(value);
            count = 0;
        }

        void writeTo(ByteArrayOutputStream out) {
            if (count > 0) flush();
            byte[] b = runs.toByteArray();
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
        }
    }

    private static byte[] footer(List<ParquetColumn> columns, List<Leaf> leaves, List<ChunkMeta> chunks, int rows) {
        ThriftCompact t = new ThriftCompact().begin().i32(1, 1);
        int schemaElements = 1;
        for (ParquetColumn c : columns) schemaElements += c instanceof ParquetColumn.Conversations ? 6 : 1;
        t.list(2, ThriftCompact.STRUCT, schemaElements);
        t.begin().string(4, "schema").i32(5, columns.size()).end();
        for (ParquetColumn c : columns) {
            switch (c) {
                case ParquetColumn.Strings s -> utf8(t, s.name());
                case ParquetColumn.Conversations conv -> {
                    t.begin().i32(3, REQUIRED).string(4, conv.name()).i32(5, 1).i32(6, CONVERTED_LIST).end();
                    t.begin().i32(3, REPEATED).string(4, "list").i32(5, 1).end();
                    t.begin().i32(3, REQUIRED).string(4, "element").i32(5, 3).end();
                    utf8(t, "role");
                    utf8(t, "content");
                    t.begin().i32(1, TYPE_INT32).i32(3, REQUIRED).string(4, "weight").end();
                }
            }
        }
        t.i64(3, rows);
        long total = chunks.stream().mapToLong(ChunkMeta::uncompressed).sum();
        t.list(4, ThriftCompact.STRUCT, 1).begin();
        t.list(1, ThriftCompact.STRUCT, leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            ChunkMeta m = chunks.get(i);
            t.begin().i64(2, m.firstPageOffset()).struct(3)
                    .i32(1, leaves.get(i).int32() ? TYPE_INT32 : TYPE_BYTE_ARRAY);
            t.list(2, ThriftCompact.I32, 2).i32Element(ENCODING_PLAIN).i32Element(ENCODING_RLE);
            t.list(3, ThriftCompact.BINARY, leaves.get(i).path().size());
            for (String p : leaves.get(i).path()) t.binary(p);
            t.i32(4, CODEC_GZIP).i64(5, m.numValues()).i64(6, m.uncompressed()).i64(7, m.compressed()).i64(9, m.firstPageOffset())
                    .end().end();
        }
        t.i64(2, total).i64(3, rows).end();
        t.string(6, "kaizen parquet writer");
        return t.end().bytes();
    }

    private static void utf8(ThriftCompact t, String name) {
        t.begin().i32(1, TYPE_BYTE_ARRAY).i32(3, REQUIRED).string(4, name).i32(6, CONVERTED_UTF8).end();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /** Tracks the file offset of what is written (chunk offsets go in the footer). */
    private static final class Counting {
        final OutputStream out;
        long position;

        Counting(OutputStream out) {
            this.out = out;
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            position += b.length;
        }
    }
}
