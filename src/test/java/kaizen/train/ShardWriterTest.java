package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kaizen.core.KaizenException;
import kaizen.train.RunConfig.Kind;
import kaizen.train.RunConfig.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardWriterTest {
    @TempDir
    Path dir;

    private static TokenizedExample example(SplittableRandom rng, int length) {
        int[] ids = rng.ints(length, 0, 50_000).toArray();
        byte[] flags = new byte[length];
        for (int i = length / 3; i < length; i++) {
            flags[i] = (byte) (TokenFlags.LOSS | (i < length * 2 / 3 ? TokenFlags.REASON : TokenFlags.ACTION));
        }
        return new TokenizedExample(ids, flags);
    }

    private static List<TokenizedExample> examples(long seed, int n, int maxLen) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TokenizedExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(example(rng, 1 + rng.nextInt(maxLen)));
        return out;
    }

    @Test
    void packedRowsGiveBackEveryExampleOnceWithinMaxLength() {
        List<TokenizedExample> in = examples(1, 500, 300);
        ShardIndex index;
        try (ShardWriter w = new ShardWriter(dir, Kind.SFT, Layout.PACKED, 512, 4_000)) {
            in.forEach(w::add);
            index = w.index();
        }
        List<ShardReader.Row> rows = ShardReader.readAll(dir);
        assertTrue(index.shards().size() > 1, "small shardTokens must split into several files");
        assertEquals(index.rows(), rows.size());
        assertTrue(rows.size() < in.size() / 2, "packing must put several examples in a row, got " + rows.size());
        List<TokenizedExample> back = new ArrayList<>();
        for (ShardReader.Row r : rows) {
            assertTrue(r.ids().length <= 512);
            assertTrue(TokenFlags.has(r.flags()[0], TokenFlags.START), "a row starts an example");
            back.addAll(r.examples());
        }
        assertEquals(sorted(in), sorted(back));
        long trained = in.stream().mapToLong(TokenizedExample::trainedTokens).sum();
        assertEquals(trained, index.trainedTokens());
        assertEquals(in.stream().mapToLong(TokenizedExample::size).sum(), index.tokens());
    }

    private static List<String> sorted(List<TokenizedExample> xs) {
        return xs.stream().map(e -> java.util.Arrays.toString(e.ids()) + java.util.Arrays.toString(e.flags())).sorted().toList();
    }

    @Test
    void paddedRowsHoldOneExampleEachInOrderAndOverlongOnesAreCounted() {
        List<TokenizedExample> in = examples(2, 50, 100);
        List<TokenizedExample> kept = new ArrayList<>();
        ShardIndex index;
        try (ShardWriter w = new ShardWriter(dir, Kind.SFT, Layout.PADDED, 64, 1 << 20)) {
            for (TokenizedExample e : in) if (w.add(e)) kept.add(e);
            index = w.index();
        }
        assertEquals(in.stream().filter(e -> e.size() > 64).count(), index.droppedOverlong());
        assertEquals(kept, ShardReader.readAll(dir).stream().map(r -> r.examples().getFirst()).toList());
    }

    @Test
    void dpoPairsAreChosenThenRejectedWithOnlyCompletionsTrained() {
        PreferencePair p = new PreferencePair(new int[] {1, 2, 3}, new int[] {7, 8}, new int[] {9});
        try (ShardWriter w = new ShardWriter(dir, Kind.DPO, Layout.PADDED, 16, 1 << 20)) {
            assertTrue(w.add(p));
            assertFalse(w.add(new PreferencePair(new int[15], new int[] {1, 2}, new int[] {3})), "17 tokens > 16");
        }
        List<ShardReader.Row> rows = ShardReader.readAll(dir);
        assertEquals(2, rows.size());
        assertArrayEquals(new int[] {1, 2, 3, 7, 8}, rows.get(0).ids());
        assertArrayEquals(new byte[] {TokenFlags.START, 0, 0, TokenFlags.LOSS, TokenFlags.LOSS}, rows.get(0).flags());
        assertArrayEquals(new int[] {1, 2, 3, 9}, rows.get(1).ids());
        assertEquals(1, ShardIndex.read(dir).droppedOverlong());
    }

    @Test
    void theBinaryLayoutIsTheDocumentedOne() throws Exception {
        try (ShardWriter w = new ShardWriter(dir, Kind.SFT, Layout.PADDED, 16, 1 << 20)) {
            w.add(new TokenizedExample(new int[] {258, 7}, new byte[] {0, TokenFlags.LOSS}));
        }
        byte[] bin = Files.readAllBytes(dir.resolve("sft-00000.bin"));
        // uint32 n=2 | int32 258, int32 7 | flags 0x80, 0x01 | 2 zero bytes of padding to a multiple of 4
        assertArrayEquals(new byte[] {2, 0, 0, 0, 2, 1, 0, 0, 7, 0, 0, 0, (byte) 0x80, 1, 0, 0}, bin);
    }

    @Test
    void aDamagedShardIsDetected() throws Exception {
        try (ShardWriter w = new ShardWriter(dir, Kind.SFT, Layout.PADDED, 64, 1 << 20)) {
            examples(3, 5, 20).forEach(w::add);
        }
        Path bin = dir.resolve("sft-00000.bin");
        byte[] b = Files.readAllBytes(bin);
        b[5] ^= 1;
        Files.write(bin, b);
        assertThrows(KaizenException.class, () -> ShardReader.readAll(dir));
    }
}
