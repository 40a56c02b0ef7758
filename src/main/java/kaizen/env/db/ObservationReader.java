package kaizen.env.db;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.python.PyBytes;
import kaizen.core.python.PyDate;
import kaizen.core.python.PyDateTime;
import kaizen.core.python.PyDecimal;
import kaizen.core.python.PyFloat;
import kaizen.core.python.PyInt;
import kaizen.core.python.PyNone;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyTimedelta;
import kaizen.core.python.PyTuple;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonRepr;

/**
 * Turns a result set into the text the reference shows the model: Python's {@code
 * str(cursor.fetchall())} — a list of tuples whose cells have the Python types mysql.connector
 * gives each MySQL column type — cut to {@value #LIMIT} characters plus "[TRUNCATED]".
 * Reading stops as soon as the text is longer than the limit, so a huge result costs no more
 * than a small one.
 */
public final class ObservationReader {
    public static final int LIMIT = 800;
    public static final String TRUNCATED = "[TRUNCATED]";

    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter();

    private ObservationReader() {}

    /** Reads rows until the observation is full; returns the final observation text. */
    public static String read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        int[] types = new int[n];
        String[] typeNames = new String[n];
        for (int i = 0; i < n; i++) {
            types[i] = md.getColumnType(i + 1);
            typeNames[i] = md.getColumnTypeName(i + 1);
        }
        StringBuilder out = new StringBuilder(256).append('[');
        boolean first = true;
        List<PyValue> cells = new ArrayList<>(n);
        while (rs.next()) {
            if (!first) out.append(", ");
            first = false;
            cells.clear();
            for (int i = 0; i < n; i++) cells.add(cell(rs, i + 1, types[i], typeNames[i]));
            PythonRepr.repr(out, new PyTuple(List.copyOf(cells)));
            if (out.length() > LIMIT + 1 && out.codePointCount(0, out.length()) > LIMIT) {
                return truncate(out.toString());
            }
        }
        return truncate(out.append(']').toString());
    }

    /** The reference's cut: more than 800 characters (code points, as Python counts) keeps 800 and marks it. */
    public static String truncate(String text) {
        if (text.length() <= LIMIT) return text;
        if (text.codePointCount(0, text.length()) <= LIMIT) return text;
        return text.substring(0, text.offsetByCodePoints(0, LIMIT)) + TRUNCATED;
    }

    static PyValue cell(ResultSet rs, int col, int type, String typeName) throws SQLException {
        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB) {
            byte[] b = rs.getBytes(col);
            return b == null ? new PyNone() : new PyBytes(b);
        }
        String text = rs.getString(col);
        if (text == null) return new PyNone();
        return switch (type) {
            case Types.BIT, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> integer(text);
            case Types.DECIMAL, Types.NUMERIC -> new PyDecimal(text);
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> new PyFloat(Double.parseDouble(text));
            case Types.DATE -> "YEAR".equalsIgnoreCase(typeName) ? integer(text) : date(text);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> dateTime(text);
            case Types.TIME -> timedelta(text);
            default -> "YEAR".equalsIgnoreCase(typeName) ? integer(text) : new PyStr(text);
        };
    }

    private static PyValue integer(String text) {
        try {
            return new PyInt(new BigInteger(text.trim()));
        } catch (NumberFormatException e) {
            return new PyStr(text);
        }
    }

    // mysql.connector returns None for the zero date it cannot represent.
    private static PyValue date(String text) {
        if (text.startsWith("0000")) return new PyNone();
        try {
            return new PyDate(LocalDate.parse(text.substring(0, Math.min(10, text.length()))));
        } catch (RuntimeException e) {
            return new PyNone();
        }
    }

    private static PyValue dateTime(String text) {
        if (text.startsWith("0000")) return new PyNone();
        try {
            return new PyDateTime(LocalDateTime.parse(text, DATETIME));
        } catch (RuntimeException e) {
            return new PyNone();
        }
    }

    /** MySQL TIME ("-838:59:59.000000") is a signed duration; Python shows it as a timedelta. */
    static PyValue timedelta(String text) {
        boolean negative = text.startsWith("-");
        String t = negative ? text.substring(1) : text;
        String[] hms = t.split(":");
        if (hms.length != 3) return new PyStr(text);
        long hours = Long.parseLong(hms[0]);
        long minutes = Long.parseLong(hms[1]);
        String[] sec = hms[2].split("\\.");
        long seconds = Long.parseLong(sec[0]);
        long micros = 0;
        if (sec.length > 1) {
            String frac = (sec[1] + "000000").substring(0, 6);
            micros = Long.parseLong(frac);
        }
        long totalMicros = ((hours * 3600 + minutes * 60 + seconds) * 1_000_000L) + micros;
        if (negative) totalMicros = -totalMicros;
        return PyTimedelta.of(0, 0, totalMicros);
    }
}
