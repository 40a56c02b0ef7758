package kaizen.env.household;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The world's exact texts, one transcript per family (seed 11): the intro, the expert's commands
 * with the world's answers, and a few commands the world refuses or answers from anywhere. A change
 * to the catalogue, the generator or any sentence shows up here. Regenerate after an intended
 * change with {@code -Dkaizen.golden.update=true}.
 */
class WorldTextGoldenTest {
    @ParameterizedTest
    @EnumSource(Family.class)
    void transcriptMatchesTheGoldenFile(Family family) throws Exception {
        Path golden = Path.of("src/test/resources/golden/household/world_" + family.wireName() + ".txt");
        World w = World.generate(11, family);
        StringBuilder out = new StringBuilder(w.intro()).append('\n');
        for (String extra : new String[] {"look around", "inventory", "go to the kitchen"}) play(w, extra, out);
        Planner p = new Planner(w, false);
        int n = 0;
        for (Optional<Planner.Move> m = p.next(); m.isPresent(); m = p.next()) {
            play(w, m.get().command().text(), out);
            if (n++ == 1) {
                for (String extra : new String[] {"look around", "inventory", "examine " + w.receptacles().getFirst().label()}) play(w, extra, out);
            }
        }
        out.append("goal met: ").append(w.goalMet()).append('\n');
        String text = out.toString();
        if (Boolean.getBoolean("kaizen.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, text, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text);
    }

    private static void play(World w, String command, StringBuilder out) {
        World.Feedback fb = w.step(command);
        out.append("> ").append(command).append('\n').append(fb.text()).append(fb.valid() ? "" : "   [refused]").append('\n');
    }
}
