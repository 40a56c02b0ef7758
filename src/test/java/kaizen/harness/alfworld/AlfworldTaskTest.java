package kaizen.harness.alfworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import kaizen.core.KaizenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which games a split holds, in which order, and the errors when there are none. */
class AlfworldTaskTest {
    static final Path DATA = Path.of("../shared/data/alfworld");

    @TempDir
    Path dir;

    @Test
    void sharedValidSeenHasItsGamesGroupedByTypeInTheReferenceOrder() {
        List<AlfworldTask> tasks = AlfworldTask.load(DATA, "valid_seen");
        assertEquals(140, tasks.size());
        for (int i = 0; i < tasks.size(); i++) assertEquals(i, tasks.get(i).index());
        Comparator<AlfworldTask> order = Comparator.comparing(AlfworldTask::type).thenComparing(AlfworldTask::name);
        assertEquals(tasks.stream().sorted(order).toList(), tasks);
        assertEquals(AlfworldTaskType.PICK_AND_PLACE, tasks.getFirst().type());
        assertEquals(AlfworldTaskType.PICK_TWO_OBJ, tasks.getLast().type());
        AlfworldTask first = tasks.getFirst();
        assertTrue(first.name().startsWith("pick_and_place_simple-"), first.name());
        assertTrue(first.name().contains("/trial_"), first.name());
        assertEquals(DATA.resolve("json_2.1.1/valid_seen").resolve(first.name()).resolve("game.tw-pddl"), first.gameFile());
        for (AlfworldTask t : tasks) assertTrue(t.name().startsWith(t.type().prefix()), t.name());
    }

    @Test
    void aSplitFolderCanBeGivenDirectly() {
        assertEquals(AlfworldTask.load(DATA, "valid_seen").stream().map(AlfworldTask::name).toList(),
                AlfworldTask.load(DATA.resolve("json_2.1.1/valid_seen"), "ignored").stream().map(AlfworldTask::name).toList());
    }

    @Test
    void anAbsentSplitNamesTheFolderAndTheSplitsFound() {
        var e = assertThrows(KaizenException.class, () -> AlfworldTask.load(DATA, "valid_unseen"));
        assertTrue(e.getMessage().contains("json_2.1.1/valid_unseen: no such split folder"), e.getMessage());
        assertTrue(e.getMessage().contains("valid_seen, valid_train"), e.getMessage());
    }

    @Test
    void otherProblemsAreNamedToo() throws Exception {
        var missing = assertThrows(KaizenException.class, () -> AlfworldTask.load(dir.resolve("nope"), "valid_seen"));
        assertTrue(missing.getMessage().contains("nope: no such folder"), missing.getMessage());
        var empty = assertThrows(KaizenException.class, () -> AlfworldTask.load(dir, "valid_seen"));
        assertTrue(empty.getMessage().contains("no ALFWorld games"), empty.getMessage());
        Path odd = dir.resolve("slice_and_dice-Apple-None-Plate-1/trial_1");
        Files.createDirectories(odd);
        Files.writeString(odd.resolve("game.tw-pddl"), "{}");
        var unknown = assertThrows(KaizenException.class, () -> AlfworldTask.load(dir, "valid_seen"));
        assertTrue(unknown.getMessage().contains("'slice_and_dice-Apple-None-Plate-1' is of no ALFWorld task type"), unknown.getMessage());
    }

    @Test
    void typeIsTheFirstPrefixThatStartsTheFolderName() {
        assertEquals(AlfworldTaskType.PICK_AND_PLACE, AlfworldTaskType.ofFolder("pick_and_place_simple-Pencil-None-Shelf-308").orElseThrow());
        assertEquals(AlfworldTaskType.PICK_TWO_OBJ, AlfworldTaskType.ofFolder("pick_two_obj_and_place-CD-None-Safe-308").orElseThrow());
        assertEquals(AlfworldTaskType.LOOK_AT_OBJ, AlfworldTaskType.ofFolder("look_at_obj_in_light-CD-None-DeskLamp-308").orElseThrow());
        assertEquals("puttwo", AlfworldTaskType.PICK_TWO_OBJ.exampleKey());
        assertTrue(AlfworldTaskType.ofFolder("pick_cold_then_place").isEmpty());
    }
}
