package kaizen.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Append-only JSON Lines writer for results that must survive a crash: each record is written
 * whole and forced to disk before {@link #append} returns. Safe to share between threads.
 */
public final class JsonlAppender implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Object syncLock = new Object();
    private long written;
    private long synced;

    public JsonlAppender(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new KaizenException("cannot open " + file + " for appending: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Writes {@code value} as one JSON line and returns once it is on disk. Concurrent callers
     * share fsyncs (group commit): a caller whose line an earlier fsync already covered does
     * not force again.
     */
    public void append(Object value) {
        byte[] bytes = (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8);
        long mine;
        synchronized (this) {
            try {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) channel.write(buf);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file, e);
            }
            mine = ++written;
        }
        synchronized (syncLock) {
            if (synced >= mine) return;
            long upTo;
            synchronized (this) {
                upTo = written;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync " + file, e);
            }
            synced = upTo;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
