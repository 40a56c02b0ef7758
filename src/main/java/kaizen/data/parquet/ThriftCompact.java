package kaizen.data.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** The Thrift compact protocol, write side only, as much as Parquet's footer and page headers need. */
final class ThriftCompact {
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> lastFieldIds = new ArrayDeque<>();
    private int lastFieldId;

    byte[] bytes() {
        return out.toByteArray();
    }

    ThriftCompact i32(int id, int v) {
        field(id, I32);
        varint(zigzag(v));
        return this;
    }

    ThriftCompact i64(int id, long v) {
        field(id, I64);
        varint(zigzag(v));
        return this;
    }

    ThriftCompact string(int id, String s) {
        field(id, BINARY);
        binary(s);
        return this;
    }

    /** Opens a struct-valued field; close it with {@link #end}. */
    ThriftCompact struct(int id) {
        field(id, STRUCT);
        return begin();
    }

    /** Opens a struct that is a list element (no field header); close it with {@link #end}. */
    ThriftCompact begin() {
        lastFieldIds.push(lastFieldId);
        lastFieldId = 0;
        return this;
    }

    /** Writes the stop byte of the open struct. */
    ThriftCompact end() {
        out.write(0);
        lastFieldId = lastFieldIds.pop();
        return this;
    }

    /** A list field header; the caller then writes {@code size} elements of {@code elementType}. */
    ThriftCompact list(int id, int elementType, int size) {
        field(id, LIST);
        if (size < 15) {
            out.write((size << 4) | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    /** A list element of type i32. */
    ThriftCompact i32Element(int v) {
        varint(zigzag(v));
        return this;
    }

    /** A list element of type binary (a string). */
    ThriftCompact binary(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.writeBytes(b);
        return this;
    }

    private void field(int id, int type) {
        int delta = id - lastFieldId;
        if (delta > 0 && delta <= 15) {
            out.write((delta << 4) | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastFieldId = id;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
