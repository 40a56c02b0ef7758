package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PackerTest {
    @Property(tries = 200)
    void everyExampleLandsInExactlyOneRowThatFits(@ForAll @Size(max = 200) List<@IntRange(min = 1, max = 64) Integer> lengths,
            @ForAll @IntRange(min = 1, max = 8) int window) {
        List<List<TokenizedExample>> rows = new ArrayList<>();
        Packer packer = new Packer(64, window, rows::add);
        List<TokenizedExample> in = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            int[] ids = new int[lengths.get(i)];
            java.util.Arrays.fill(ids, i); // the id says which example a token belongs to
            TokenizedExample e = new TokenizedExample(ids, new byte[ids.length]);
            in.add(e);
            packer.add(e);
        }
        packer.finish();
        List<TokenizedExample> out = new ArrayList<>();
        for (List<TokenizedExample> row : rows) {
            assertTrue(row.stream().mapToInt(TokenizedExample::size).sum() <= 64);
            assertTrue(!row.isEmpty());
            out.addAll(row);
        }
        assertEquals(in.size(), out.size());
        assertEquals(in.stream().map(e -> e.ids()[0]).sorted().toList(), out.stream().map(e -> e.ids()[0]).sorted().toList());
        assertTrue(rows.size() <= Math.max(1, in.size()), "never more rows than examples");
    }
}
