package kaizen.harness.dbbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.python.PyBool;
import kaizen.core.python.PyDict;
import kaizen.core.python.PyFloat;
import kaizen.core.python.PyInt;
import kaizen.core.python.PyList;
import kaizen.core.python.PyNone;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;

/** JSON values as Python's json.loads gives them. */
final class JsonValues {
    private JsonValues() {}

    static PyList toPython(JsonNode array) {
        List<PyValue> items = new ArrayList<>(array.size());
        for (JsonNode n : array) items.add(value(n));
        return new PyList(items);
    }

    static PyValue value(JsonNode n) {
        if (n == null || n.isNull()) return new PyNone();
        if (n.isTextual()) return new PyStr(n.asText());
        if (n.isBoolean()) return new PyBool(n.asBoolean());
        if (n.isIntegralNumber()) return new PyInt(n.bigIntegerValue());
        if (n.isNumber()) return new PyFloat(n.decimalValue().doubleValue());
        if (n.isArray()) return toPython(n);
        List<PyDict.Entry> entries = new ArrayList<>();
        n.properties().forEach(e -> entries.add(new PyDict.Entry(new PyStr(e.getKey()), value(e.getValue()))));
        return new PyDict(entries);
    }
}
