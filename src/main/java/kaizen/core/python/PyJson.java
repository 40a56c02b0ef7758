package kaizen.core.python;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Python value that {@code json.loads} gives for a JSON value (labels in AgentBench data are JSON). */
public final class PyJson {
    private PyJson() {}

    /**
     * null → None, booleans → bool, integers → int, other numbers → float (as Python's
     * {@code float(text)}, so 1e400 is inf), NaN/Infinity → float, strings → str,
     * arrays → list, objects → dict with str keys (a repeated key keeps the last value).
     */
    public static PyValue fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return PyNone.INSTANCE;
        if (node.isBoolean()) return PyBool.of(node.booleanValue());
        if (node.isIntegralNumber()) return new PyInt(node.bigIntegerValue());
        if (node.isNumber()) {
            if (node.isDouble() || node.isFloat()) return new PyFloat(node.doubleValue());
            // Parse the decimal text rather than trusting BigDecimal.doubleValue's rounding.
            return new PyFloat(Double.parseDouble(node.decimalValue().toString()));
        }
        if (node.isTextual()) return new PyStr(node.textValue());
        if (node.isArray()) {
            List<PyValue> items = new ArrayList<>(node.size());
            for (JsonNode item : node) items.add(fromJson(item));
            return new PyList(items);
        }
        if (node.isObject()) {
            List<PyDict.Entry> entries = new ArrayList<>(node.size());
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                entries.add(new PyDict.Entry(new PyStr(e.getKey()), fromJson(e.getValue())));
            }
            return new PyDict(entries);
        }
        throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
}
