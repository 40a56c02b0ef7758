package kaizen.data.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Mixing on random source sizes and ratios: both axes' shares hold to rounding, sizes add up, same seed same mix. */
class MixerPropertiesTest {
    static List<Example> examples(Recipe.Source s, int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Example(s, new Trajectory("x", s.name() + i, "c", List.of(Message.user("q" + i), Message.assistant("a")),
                    Trajectory.Outcome.SOLVED, 0, Map.of())));
        }
        return out;
    }

    @Property(tries = 200)
    void ratiosHoldOnEveryAxis(@ForAll @IntRange(min = 1, max = 300) int dbbench, @ForAll @IntRange(min = 1, max = 300) int react,
            @ForAll @IntRange(min = 1, max = 900) int general, @ForAll @IntRange(min = 1, max = 9) int agentRatio,
            @ForAll @IntRange(min = 1, max = 9) int reactRatio, @ForAll long seed) {
        Recipe.Source a = new Recipe.Source("db", Path.of("a"), Protocol.DBBENCH, Map.of("domain", "agent", "format", "conversation"), 1);
        Recipe.Source b = new Recipe.Source("house", Path.of("b"), Protocol.REACT, Map.of("domain", "agent", "format", "react"), 1);
        Recipe.Source c = new Recipe.Source("chat", Path.of("c"), Protocol.CONVERSATION, Map.of("domain", "general", "format", "conversation"), 1);
        Map<String, Map<String, Double>> axes = new LinkedHashMap<>();
        axes.put("domain", Map.of("agent", (double) agentRatio, "general", 10.0 - agentRatio));
        axes.put("format", Map.of("react", (double) reactRatio, "conversation", 10.0 - reactRatio));
        Map<String, List<Example>> pool = Map.of("db", examples(a, dbbench), "house", examples(b, react), "chat", examples(c, general));
        Recipe.Mix mix = new Recipe.Mix(axes, 0, 1.0);
        List<Recipe.Source> sources = List.of(a, b, c);
        Mixer.Result r;
        try {
            r = Mixer.mix(mix, sources, pool, seed);
        } catch (kaizen.core.KaizenException e) {
            // react share at or above agent share: only a zero share of "db" (or none) gives it; the mixer says so, never bends the ratio.
            assertTrue(reactRatio >= agentRatio, e.getMessage());
            return;
        }
        int n = r.examples().size();
        assertEquals(n, r.perSource().values().stream().mapToInt(Integer::intValue).sum());
        int agent = r.perSource().get("db") + r.perSource().get("house");
        assertTrue(Math.abs(agent - n * agentRatio / 10.0) <= 2, () -> agent + " agent of " + n);
        assertTrue(Math.abs(r.perSource().get("house") - n * reactRatio / 10.0) <= 2, () -> r.perSource() + " of " + n);
        for (var e : r.perSource().entrySet()) assertTrue(e.getValue() <= pool.get(e.getKey()).size(), "no upsampling at max_upsample 1");
        assertEquals(r.examples(), Mixer.mix(mix, sources, pool, seed).examples());
    }
}
