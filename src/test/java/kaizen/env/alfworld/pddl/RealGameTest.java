package kaizen.env.alfworld.pddl;

import kaizen.env.alfworld.textgen.GameText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One real game (look_at_obj_in_light-AlarmClock-None-DeskLamp-323): the admissible set and the
 * text facts after its walkthrough's first command, as the reference's rules give them (see
 * docs/FIDELITY.md, ALFWorld): no "go to" the receptacle the agent is at, "examine" only for
 * receptacles and held objects, objects listed by id order.
 */
class RealGameTest {
    private static final Path GAME = AlfworldGames.ROOT.resolve(
            "valid_seen/look_at_obj_in_light-AlarmClock-None-DeskLamp-323/trial_T20190909_044715_250790/game.tw-pddl");
    private static final String DESK = "desk_bar__plus_02_dot_32_bar__minus_00_dot_01_bar__minus_03_dot_22";

    @Test
    void atTheDesk() {
        GameFile game = GameFile.read(GAME);
        PddlTask task = PddlTask.load(game);
        GameText commands = GameText.parse(game.grammar());
        PddlState state = task.initialState();
        state.apply(state.applicableActions().stream()
                .filter(a -> commands.command(a, state).equals("go to desk 1")).findFirst().orElseThrow());
        TreeSet<String> admissible = new TreeSet<>();
        state.applicableActions().forEach(a -> admissible.add(commands.command(a, state)));
        assertEquals(List.of("examine desk 1", "go to bed 1", "go to bed 2", "go to drawer 1", "go to drawer 10",
                "go to drawer 11", "go to drawer 2", "go to drawer 3", "go to drawer 4", "go to drawer 5",
                "go to drawer 6", "go to drawer 7", "go to drawer 8", "go to drawer 9", "go to dresser 1",
                "go to garbagecan 1", "go to safe 1", "go to sidetable 1", "go to sidetable 2", "help", "inventory",
                "look", "take alarmclock 2 from desk 1", "take book 1 from desk 1", "take bowl 1 from desk 1",
                "take cd 2 from desk 1", "take mug 1 from desk 1", "take mug 2 from desk 1", "take pen 1 from desk 1",
                "take pen 2 from desk 1", "use desklamp 1"), List.copyOf(admissible));
        List<String> onDesk = state.textFacts().withPredicate("inreceptacle").stream()
                .filter(f -> f.get(1).equals(DESK))
                .map(f -> task.entities().get(f.get(0)).name())
                .toList();
        assertEquals(List.of("alarmclock 2", "book 1", "bowl 1", "cd 2", "desklamp 1", "mug 2", "mug 1", "pen 2",
                "pen 1"), onDesk, "sorted by id: the minus coordinates before the plus ones");
        assertTrue(state.textFacts().holds("atlocation", List.of("agent1", "loc_bar_8_bar__minus_10_bar_2_bar_60")));
        assertTrue(state.textFacts().holds("not_atlocation", List.of("agent1", "loc_bar_1_bar_4_bar_1_bar_30")));
        assertFalse(state.goalReached());
    }
}
