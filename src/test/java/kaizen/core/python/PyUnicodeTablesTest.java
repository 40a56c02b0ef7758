package kaizen.core.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.Json;
import org.junit.jupiter.api.Test;

/**
 * Java's Unicode tables against Python 3.11's (Unicode 14, golden/python/unicode.json) for the
 * three properties Kaizen uses: str.isprintable (repr escaping), decimal digits and whitespace
 * (float()). Java knows a newer Unicode, so the only differences allowed are code points that
 * were unassigned in Unicode 14; this test pins that down and counts them.
 */
class PyUnicodeTablesTest {

    @Test
    void javaAgreesWithPythonExceptOnCodePointsAssignedAfterUnicode14() throws Exception {
        JsonNode root = Json.parse(Files.readString(PyGolden.resource("unicode.json")));
        assertEquals("14.0.0", root.get("unidata_version").asText());
        JsonNode ranges = root.get("ranges");
        List<String> unexpected = new ArrayList<>();
        int newerUnicode = 0;
        for (int r = 0; r < ranges.size(); r++) {
            JsonNode range = ranges.get(r);
            int start = range.get(0).asInt();
            int end = r + 1 < ranges.size() ? ranges.get(r + 1).get(0).asInt() : Character.MAX_CODE_POINT + 1;
            boolean printable = range.get(1).asBoolean();
            boolean unassigned = range.get(2).asBoolean();
            boolean decimal = range.get(3).asBoolean();
            boolean space = range.get(4).asBoolean();
            for (int cp = start; cp < end; cp++) {
                boolean same = PythonRepr.isPrintable(cp) == printable
                        && (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) == decimal
                        && PythonOps.isUnicodeSpace(cp) == space;
                if (same) continue;
                if (unassigned) newerUnicode++;
                else unexpected.add(Integer.toHexString(cp));
            }
        }
        assertTrue(unexpected.isEmpty(), "code points classified differently: " + unexpected.subList(0, Math.min(50, unexpected.size())));
        // Unicode 15 and 16 added several thousand characters; if this grows a lot, Java's tables changed.
        assertTrue(newerUnicode < 20_000, "differences on newly assigned code points: " + newerUnicode);
    }
}
