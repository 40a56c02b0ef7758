package kaizen.data.imports.texttosql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import kaizen.core.python.PyBool;
import kaizen.core.python.PyBytes;
import kaizen.core.python.PyDecimal;
import kaizen.core.python.PyFloat;
import kaizen.core.python.PyInt;
import kaizen.core.python.PyNone;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonRepr;

/**
 * Whether the translated query returned the same result on MySQL as the original on SQLite.
 * Rows are compared as multisets, or in order when the outermost query has ORDER BY. Cells:
 * NULL only equals NULL, text equals identical text, and numbers of any type (int, float,
 * decimal) are equal when they agree after rounding to 4 decimals — MySQL gives averages and
 * divisions as DECIMAL with 4 more decimals than their operands (div_precision_increment), where
 * SQLite gives a double — or, beyond 10^11, to 12 significant digits.
 */
final class ResultMatch {
    private static final BigDecimal LARGE = BigDecimal.valueOf(100_000_000_000L);

    private ResultMatch() {}

    static boolean same(List<List<PyValue>> sqlite, List<List<PyValue>> mysql, boolean ordered) {
        if (sqlite.size() != mysql.size()) return false;
        List<String> a = keys(sqlite);
        List<String> b = keys(mysql);
        if (!ordered) {
            a.sort(null);
            b.sort(null);
        }
        return a.equals(b);
    }

    private static List<String> keys(List<List<PyValue>> rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (List<PyValue> row : rows) {
            StringBuilder k = new StringBuilder();
            for (PyValue v : row) k.append(key(v)).append('\u0000');
            out.add(k.toString());
        }
        return out;
    }

    /** A cell's comparison key: equal keys are equal cells. */
    static String key(PyValue v) {
        return switch (v) {
            case PyNone n -> "N";
            case PyStr s -> "s" + s.value();
            case PyInt i -> "#" + number(new BigDecimal(i.value()));
            case PyBool b -> "#" + (b.value() ? "1" : "0");
            case PyFloat f -> Double.isFinite(f.value()) ? "#" + number(new BigDecimal(f.value())) : "f" + f.value();
            case PyDecimal d -> d.exactValue().map(x -> "#" + number(x)).orElse("d" + d.text());
            case PyBytes b -> "b" + HexFormat.of().formatHex(b.value());
            default -> "o" + PythonRepr.repr(v);
        };
    }

    private static String number(BigDecimal x) {
        BigDecimal r = x.abs().compareTo(LARGE) >= 0 ? x.round(new MathContext(12, RoundingMode.HALF_UP)) : x.setScale(4, RoundingMode.HALF_UP);
        return r.stripTrailingZeros().toPlainString();
    }
}
