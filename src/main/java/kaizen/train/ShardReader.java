package kaizen.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import kaizen.core.KaizenException;

/** Reads a shard set back (for checks and tests); verifies every file's size and SHA-256 against the index. */
public final class ShardReader {
    /** One record: its ids and flag bytes. */
    public record Row(int[] ids, byte[] flags) {
        /** The examples packed into this row, split at START flags. */
        public List<TokenizedExample> examples() {
            List<TokenizedExample> out = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= ids.length; i++) {
                if (i == ids.length || TokenFlags.has(flags[i], TokenFlags.START)) {
                    out.add(new TokenizedExample(java.util.Arrays.copyOfRange(ids, start, i),
                            java.util.Arrays.copyOfRange(flags, start, i)));
                    start = i;
                }
            }
            return out;
        }
    }

    private ShardReader() {}

    public static List<Row> readAll(Path folder) {
        ShardIndex index = ShardIndex.read(folder);
        List<Row> rows = new ArrayList<>();
        for (ShardIndex.Shard s : index.shards()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(folder.resolve(s.file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (bytes.length != s.bytes() || !sha256(bytes).equals(s.sha256())) {
                throw new KaizenException(folder.resolve(s.file()) + ": size or SHA-256 differs from the index (damaged shard)");
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (long r = 0; r < s.rows(); r++) {
                int n = buf.getInt();
                int[] ids = new int[n];
                for (int i = 0; i < n; i++) ids[i] = buf.getInt();
                byte[] flags = new byte[n];
                buf.get(flags);
                buf.position(buf.position() + ((-5 * n) & 3));
                rows.add(new Row(ids, flags));
            }
            if (buf.hasRemaining()) throw new KaizenException(folder.resolve(s.file()) + ": bytes after the last record");
        }
        return rows;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
