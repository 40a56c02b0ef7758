package kaizen.env.alfworld.pddl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AlfredDemangler's naming without shuffle, on ids as Fast Downward lower-cases them. */
class DemanglerTest {

    @Test
    void theFirstIdInSortOrderTakesTheHighestNumber() {
        Map<String, String> names = Demangler.names(List.of(
                "alarmclock_bar__plus_02_dot_69_bar__plus_01_dot_23_bar__plus_01_dot_40",
                "alarmclock_bar__minus_02_dot_48_bar__plus_00_dot_68_bar__minus_03_dot_30",
                "alarmclock_bar__plus_02_dot_04_bar__plus_00_dot_90_bar__minus_03_dot_32"));
        assertEquals("alarmclock 3", names.get("alarmclock_bar__minus_02_dot_48_bar__plus_00_dot_68_bar__minus_03_dot_30"));
        assertEquals("alarmclock 2", names.get("alarmclock_bar__plus_02_dot_04_bar__plus_00_dot_90_bar__minus_03_dot_32"));
        assertEquals("alarmclock 1", names.get("alarmclock_bar__plus_02_dot_69_bar__plus_01_dot_23_bar__plus_01_dot_40"));
    }

    @Test
    void basinsAreNamedApartAndPlainIdsKeepATrailingSpace() {
        Map<String, String> names = Demangler.names(List.of(
                "sink_bar__minus_01_dot_99_bar__plus_00_dot_92_bar__minus_01_dot_07",
                "sink_bar__minus_01_dot_99_bar__plus_00_dot_92_bar__minus_01_dot_07_bar_sinkbasin",
                "agent1", "sinktype"));
        assertEquals("sink 1", names.get("sink_bar__minus_01_dot_99_bar__plus_00_dot_92_bar__minus_01_dot_07"));
        assertEquals("sinkbasin 1",
                names.get("sink_bar__minus_01_dot_99_bar__plus_00_dot_92_bar__minus_01_dot_07_bar_sinkbasin"));
        assertEquals("agent1 ", names.get("agent1"));
        assertEquals("sinktype ", names.get("sinktype"));
    }
}
