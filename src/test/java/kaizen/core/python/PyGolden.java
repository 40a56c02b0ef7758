package kaizen.core.python;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;

/**
 * Reads the golden files that src/test/python/gen_python_golden.py wrote, and compares values
 * structurally (type-strict; sets unordered, since CPython iterates them in hash order).
 */
final class PyGolden {
    private PyGolden() {}

    static List<JsonlRecord> read(String name) {
        try {
            var url = PyGolden.class.getResource("/golden/python/" + name);
            if (url == null) throw new IllegalStateException("missing golden file " + name + "; run src/test/python/gen_python_golden.py");
            return Jsonl.readAll(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(PyGolden.class.getResource("/golden/python/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes the typed encoding of gen_python_golden.py's enc(). */
    static PyValue decode(JsonNode n) {
        String t = n.get("t").asText();
        JsonNode v = n.get("v");
        return switch (t) {
            case "none" -> PyNone.INSTANCE;
            case "bool" -> PyBool.of(v.booleanValue());
            case "int" -> new PyInt(new java.math.BigInteger(v.asText()));
            case "float" -> new PyFloat(bits(v.asText()));
            case "str" -> new PyStr(v.textValue());
            case "bytes" -> new PyBytes(HexFormat.of().parseHex(v.asText()));
            case "bytearray" -> new PyByteArray(HexFormat.of().parseHex(v.asText()));
            case "decimal" -> new PyDecimal(v.asText());
            case "list" -> new PyList(items(v));
            case "tuple" -> new PyTuple(items(v));
            case "set" -> new PySet(items(v));
            case "dict" -> {
                List<PyDict.Entry> entries = new ArrayList<>();
                for (JsonNode e : v) entries.add(new PyDict.Entry(decode(e.get(0)), decode(e.get(1))));
                yield new PyDict(entries);
            }
            case "date" -> PyDate.of(v.get(0).asInt(), v.get(1).asInt(), v.get(2).asInt());
            case "datetime" -> PyDateTime.of(v.get(0).asInt(), v.get(1).asInt(), v.get(2).asInt(), v.get(3).asInt(),
                    v.get(4).asInt(), v.get(5).asInt(), v.get(6).asInt());
            case "timedelta" -> PyTimedelta.of(v.get(0).asLong(), v.get(1).asLong(), v.get(2).asLong());
            default -> throw new IllegalArgumentException("unknown golden type " + t);
        };
    }

    static double bits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    private static List<PyValue> items(JsonNode v) {
        List<PyValue> out = new ArrayList<>(v.size());
        for (JsonNode item : v) out.add(decode(item));
        return out;
    }

    /** Same type and value; floats by bits (any NaN matches any NaN); sets in any order. */
    static boolean same(PyValue a, PyValue b) {
        if (a.getClass() != b.getClass()) return false;
        return switch (a) {
            case PyFloat f -> {
                double x = f.value();
                double y = ((PyFloat) b).value();
                yield (Double.isNaN(x) && Double.isNaN(y)) || Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
            }
            case PyList l -> sameInOrder(l.items(), ((PyList) b).items());
            case PyTuple t -> sameInOrder(t.items(), ((PyTuple) b).items());
            case PySet s -> sameAnyOrder(s.items(), ((PySet) b).items());
            case PyDict d -> {
                List<PyDict.Entry> x = d.entries();
                List<PyDict.Entry> y = ((PyDict) b).entries();
                boolean ok = x.size() == y.size();
                for (int i = 0; ok && i < x.size(); i++) {
                    ok = same(x.get(i).key(), y.get(i).key()) && same(x.get(i).value(), y.get(i).value());
                }
                yield ok;
            }
            default -> a.equals(b);
        };
    }

    static boolean sameInOrder(List<PyValue> x, List<PyValue> y) {
        if (x.size() != y.size()) return false;
        for (int i = 0; i < x.size(); i++) {
            if (!same(x.get(i), y.get(i))) return false;
        }
        return true;
    }

    static boolean sameAnyOrder(List<PyValue> x, List<PyValue> y) {
        if (x.size() != y.size()) return false;
        List<PyValue> rest = new ArrayList<>(y);
        outer:
        for (PyValue a : x) {
            for (int i = 0; i < rest.size(); i++) {
                if (same(a, rest.get(i))) {
                    rest.remove(i);
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    /** Collects mismatches so that one test run shows them all, not just the first. */
    static final class Failures {
        private final List<String> lines = new ArrayList<>();
        private int checked;

        void check(boolean ok, String description) {
            checked++;
            if (!ok) lines.add(description);
        }

        int checked() {
            return checked;
        }

        void assertNone(String what) {
            if (lines.isEmpty()) return;
            StringBuilder sb = new StringBuilder(what + ": " + lines.size() + " of " + checked + " differ from CPython 3.11:\n");
            lines.stream().limit(40).forEach(l -> sb.append("  ").append(l).append('\n'));
            throw new AssertionError(sb.toString());
        }
    }
}
