package kaizen.core.python;

import java.util.List;

/**
 * CPython 3.11's {@code repr()}, byte for byte. DBBench shows the model
 * {@code str(cursor.fetchall())}, which is the repr of a list of tuples, so these texts must match
 * what Python prints.
 *
 * <p>Which characters {@code str.isprintable} treats as printable comes from Java's Unicode tables
 * (categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than space are escaped); Java's Unicode
 * version is newer than Python 3.11's, so characters assigned after Unicode 14 print raw here where
 * Python 3.11 escapes them. Sets print in the order of their items (see {@link PySet}).
 */
public final class PythonRepr {
    private PythonRepr() {}

    public static String repr(PyValue value) {
        StringBuilder out = new StringBuilder();
        repr(out, value);
        return out.toString();
    }

    public static void repr(StringBuilder out, PyValue value) {
        switch (value) {
            case PyNone n -> out.append("None");
            case PyBool b -> out.append(b.value() ? "True" : "False");
            case PyInt i -> out.append(i.value());
            case PyFloat f -> floatText(out, f.value());
            case PyStr s -> str(out, s.value());
            case PyBytes b -> bytes(out, b.value(), false);
            case PyByteArray b -> {
                out.append("bytearray(");
                bytes(out, b.value(), true);
                out.append(')');
            }
            case PyDecimal d -> out.append("Decimal('").append(d.text()).append("')");
            case PyList l -> items(out, "[", l.items(), "]");
            case PyTuple t -> {
                items(out, "(", t.items(), t.items().size() == 1 ? ",)" : ")");
            }
            case PySet s -> {
                if (s.items().isEmpty()) out.append("set()");
                else items(out, "{", s.items(), "}");
            }
            case PyDict d -> dict(out, d);
            case PyDate d -> out.append("datetime.date(").append(d.date().getYear()).append(", ")
                    .append(d.date().getMonthValue()).append(", ").append(d.date().getDayOfMonth()).append(')');
            case PyDateTime d -> dateTime(out, d);
            case PyTimedelta t -> timedelta(out, t);
        }
    }

    /** Appends {@code repr()} of a Python {@code str} holding {@code s}. */
    public static void str(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < ' ' || cp == 0x7F) {
                hex(out, "\\x", cp, 2);
            } else if (cp < 0x7F || isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xFF) {
                hex(out, "\\x", cp, 2);
            } else if (cp <= 0xFFFF) {
                hex(out, "\\u", cp, 4);
            } else {
                hex(out, "\\U", cp, 8);
            }
        }
        out.append(quote);
    }

    /** {@code repr()} of a Python {@code str} holding {@code s}. */
    public static String str(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        str(out, s);
        return out.toString();
    }

    /** Appends {@code repr()} of a Python {@code float}. */
    public static void floatText(StringBuilder out, double d) {
        FloatFormat.append(out, d);
    }

    public static String floatText(double d) {
        StringBuilder out = new StringBuilder(24);
        FloatFormat.append(out, d);
        return out.toString();
    }

    /** Python's {@code str.isprintable} for one code point (see the class comment on Unicode versions). */
    public static boolean isPrintable(int cp) {
        if (cp == ' ') return true;
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * CPython's bytes and bytearray reprs choose the quote alike, but bytearray's escapes a single
     * quote even inside double quotes: {@code bytearray(b"a\'b")}.
     */
    private static void bytes(StringBuilder out, byte[] b, boolean alwaysEscapeSingleQuote) {
        boolean single = false;
        boolean dbl = false;
        for (byte x : b) {
            single |= x == '\'';
            dbl |= x == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        out.append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xFF;
            if (c == quote || c == '\\' || (alwaysEscapeSingleQuote && c == '\'')) out.append('\\').append((char) c);
            else if (c == '\t') out.append("\\t");
            else if (c == '\n') out.append("\\n");
            else if (c == '\r') out.append("\\r");
            else if (c < ' ' || c >= 0x7F) hex(out, "\\x", c, 2);
            else out.append((char) c);
        }
        out.append(quote);
    }

    private static void items(StringBuilder out, String open, List<PyValue> items, String close) {
        out.append(open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(", ");
            repr(out, items.get(i));
        }
        out.append(close);
    }

    private static void dict(StringBuilder out, PyDict d) {
        out.append('{');
        List<PyDict.Entry> entries = d.entries();
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) out.append(", ");
            repr(out, entries.get(i).key());
            out.append(": ");
            repr(out, entries.get(i).value());
        }
        out.append('}');
    }

    /** Python drops trailing zero microseconds, then zero seconds, but always shows hour and minute. */
    private static void dateTime(StringBuilder out, PyDateTime d) {
        var v = d.value();
        out.append("datetime.datetime(").append(v.getYear()).append(", ").append(v.getMonthValue())
                .append(", ").append(v.getDayOfMonth()).append(", ").append(v.getHour())
                .append(", ").append(v.getMinute());
        if (v.getSecond() != 0 || d.microsecond() != 0) out.append(", ").append(v.getSecond());
        if (d.microsecond() != 0) out.append(", ").append(d.microsecond());
        out.append(')');
    }

    private static void timedelta(StringBuilder out, PyTimedelta t) {
        out.append("datetime.timedelta(");
        String sep = "";
        if (t.days() != 0) {
            out.append("days=").append(t.days());
            sep = ", ";
        }
        if (t.seconds() != 0) {
            out.append(sep).append("seconds=").append(t.seconds());
            sep = ", ";
        }
        if (t.microseconds() != 0) out.append(sep).append("microseconds=").append(t.microseconds());
        if (t.days() == 0 && t.seconds() == 0 && t.microseconds() == 0) out.append('0');
        out.append(')');
    }

    private static void hex(StringBuilder out, String prefix, int value, int width) {
        out.append(prefix);
        String h = Integer.toHexString(value);
        out.repeat('0', width - h.length());
        out.append(h);
    }
}
