package kaizen.train;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import kaizen.core.AtomicFile;
import kaizen.core.Json;

/**
 * Writes token shards: FOLDER/{kind}-NNNNN.bin files of records
 * {@code uint32 n | int32 ids[n] | uint8 flags[n] | zero pad to a multiple of 4} (little-endian),
 * a new file once one holds {@code shardTokens} tokens, and FOLDER/index.json last (so a folder
 * with an index is complete). Packed SFT rows take several examples (the START flag marks where
 * each begins); padded rows one; DPO pairs are two records, chosen then rejected.
 */
public final class ShardWriter implements AutoCloseable {
    private final Path folder;
    private final RunConfig.Kind kind;
    private final RunConfig.Layout layout;
    private final int maxLength;
    private final long shardTokens;
    private final List<ShardIndex.Shard> done = new ArrayList<>();
    private final Packer packer;
    private Current current;
    private long rows, examples, tokens, trained, dropped;
    private ShardIndex finished;

    private final class Current {
        final String file;
        final MessageDigest sha;
        final OutputStream out;
        long rows, tokens, bytes;

        Current(int number) throws IOException {
            file = kind.id() + "-" + String.format("%05d", number) + ".bin";
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(folder.resolve(file)), 1 << 20), sha);
        }

        ShardIndex.Shard close() throws IOException {
            out.close();
            return new ShardIndex.Shard(file, rows, tokens, bytes, HexFormat.of().formatHex(sha.digest()));
        }
    }

    public ShardWriter(Path folder, RunConfig.Kind kind, RunConfig.Layout layout, int maxLength, long shardTokens) {
        if (kind == RunConfig.Kind.DPO && layout == RunConfig.Layout.PACKED) {
            throw new IllegalArgumentException("DPO pairs are written padded, one pair per two records");
        }
        this.folder = folder;
        this.kind = kind;
        this.layout = layout;
        this.maxLength = maxLength;
        this.shardTokens = shardTokens;
        this.packer = new Packer(maxLength, 64, this::writeRow);
        try {
            Files.createDirectories(folder);
            try (var old = Files.list(folder)) {
                for (Path p : old.toList()) Files.delete(p); // a half-written earlier attempt
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + folder, e);
        }
    }

    /** Adds an SFT example; returns false (and counts it) when it is longer than max_length. */
    public boolean add(TokenizedExample e) {
        if (kind != RunConfig.Kind.SFT) throw new IllegalStateException("this writer takes DPO pairs");
        if (e.size() > maxLength) {
            dropped++;
            return false;
        }
        examples++;
        if (layout == RunConfig.Layout.PACKED) packer.add(e);
        else writeRow(List.of(e));
        return true;
    }

    /** Adds a DPO pair; returns false (and counts it) when either side is longer than max_length. */
    public boolean add(PreferencePair p) {
        if (kind != RunConfig.Kind.DPO) throw new IllegalStateException("this writer takes SFT examples");
        if (p.longest() > maxLength) {
            dropped++;
            return false;
        }
        examples++;
        writeRow(List.of(p.chosenExample()));
        writeRow(List.of(p.rejectedExample()));
        return true;
    }

    private void writeRow(List<TokenizedExample> parts) {
        int n = 0;
        for (TokenizedExample e : parts) n += e.size();
        int pad = (-5 * n) & 3;
        ByteBuffer buf = ByteBuffer.allocate(4 + 5 * n + pad).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(n);
        for (TokenizedExample e : parts) for (int i = 0; i < e.size(); i++) buf.putInt(e.id(i));
        for (TokenizedExample e : parts) {
            for (int i = 0; i < e.size(); i++) {
                byte f = e.flag(i);
                buf.put(i == 0 ? (byte) (f | TokenFlags.START) : f);
                if (TokenFlags.has(f, TokenFlags.LOSS)) trained++;
            }
        }
        try {
            if (current == null) current = new Current(done.size());
            current.out.write(buf.array());
            current.rows++;
            current.tokens += n;
            current.bytes += buf.capacity();
            if (current.tokens >= shardTokens && (kind == RunConfig.Kind.SFT || current.rows % 2 == 0)) {
                done.add(current.close());
                current = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shards in " + folder, e);
        }
        rows++;
        tokens += n;
    }

    @Override
    public void close() {
        index();
    }

    /** Flushes open rows, closes the last file and writes index.json (atomically); once. */
    public ShardIndex index() {
        if (finished != null) return finished;
        packer.finish();
        try {
            if (current != null) {
                done.add(current.close());
                current = null;
            }
            ShardIndex index = new ShardIndex(kind, layout, maxLength, rows, examples, tokens, trained, dropped, done);
            AtomicFile.write(folder.resolve(ShardIndex.FILE), Json.writePretty(index.toJson()) + "\n");
            finished = index;
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish shards in " + folder, e);
        }
    }
}
