package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import kaizen.data.Trajectory;
import kaizen.env.household.Family;
import kaizen.env.household.Planner;
import kaizen.env.household.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kaizen data gen household} and {@code kaizen household play} with piped input. */
class HouseholdCliTest {
    @TempDir
    Path dir;

    private static String[] run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = Main.run(args);
            return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
    }

    @Test
    void genWritesTheTrajectoriesAndASummary() {
        String[] r = run("", "data", "gen", "household", "--count", "12", "--seed", "2", "--out", dir.toString(), "--stateact", "--no-progress");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("generated 12 household trajectories") && r[1].contains("put-two"), r[1]);
        assertEquals(12, Trajectory.readAll(dir.resolve(Trajectory.FILE_NAME)).size());
    }

    @Test
    void playReachesTheGoalWithThePlannersCommandsPiped() {
        World w = World.generate(4, Family.CLEAN_THEN_PUT);
        StringBuilder in = new StringBuilder("inventory\nhelp\nfly away\n");
        Planner p = new Planner(w, false);
        for (Optional<Planner.Move> m = p.next(); m.isPresent(); m = p.next()) {
            in.append(m.get().command().text()).append('\n');
            w.step(m.get().command());
        }
        String[] r = run(in.toString(), "household", "play", "--seed", "4", "--family", "CLEAN_THEN_PUT");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].startsWith(World.generate(4, Family.CLEAN_THEN_PUT).intro()), r[1]);
        assertTrue(r[1].contains("Goal reached in"), r[1]);
        assertTrue(r[1].contains("  look around"), "help lists the available actions");
        String[] quit = run("look around\n", "household", "play", "--seed", "4");
        assertEquals("1", quit[0]);
        assertTrue(quit[1].contains("Goal not reached"), quit[1]);
    }
}
