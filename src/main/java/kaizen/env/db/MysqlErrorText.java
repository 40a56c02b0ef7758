package kaizen.env.db;

import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text mysql.connector's exceptions print — {@code "1064 (42000): You have an error ..."} —
 * made from a JDBC error, with MariaDB's wording rewritten to MySQL 9.5's where they are known
 * to differ, because the reference runs on MySQL and the model reads this text.
 */
public final class MysqlErrorText {
    /** MySQL's error for a statement stopped by max_execution_time; Kaizen's statement watchdog reports the same. */
    public static final String STATEMENT_TIMEOUT =
            "3024 (HY000): Query execution was interrupted, maximum statement execution time exceeded";

    /** What the reference's C-extension connector prints when commit() meets unread multi-statement results. */
    public static final String COMMANDS_OUT_OF_SYNC = "2014 (HY000): Commands out of sync; you can't run this command now";

    private static final Pattern CONN_PREFIX = Pattern.compile("^\\(conn=\\d+\\) ");
    private static final Pattern UNKNOWN_COLUMN = Pattern.compile("^(Unknown column '.*' in ')([A-Z ]+)(')$", Pattern.DOTALL);
    private static final Map<String, String> MYSQL_CLAUSE_NAMES = Map.of(
            "SELECT", "field list",
            "WHERE", "where clause",
            "ORDER BY", "order clause",
            "GROUP BY", "group statement",
            "HAVING", "having clause",
            "ON", "on clause",
            "SET", "field list",
            "UPDATE", "field list",
            "INSERT INTO", "field list",
            "RETURNING", "field list");

    /** "errno (SQLSTATE): message" as {@link #of} writes it for every server error. */
    private static final Pattern ERROR_TEXT = Pattern.compile("^\\d+ \\([0-9A-Z]{5}\\): ");

    private MysqlErrorText() {}

    /** Whether an observation the agent was shown is a MySQL error rather than a result. */
    public static boolean isError(String observation) {
        return ERROR_TEXT.matcher(observation).find();
    }

    public static String of(SQLException e) {
        return format(e.getErrorCode(), e.getSQLState(), serverMessage(e));
    }

    static String format(int errno, String sqlState, String message) {
        if (errno == 1317 || errno == 1969) return STATEMENT_TIMEOUT;
        String msg = toMysqlWording(errno, message);
        if (errno <= 0) return msg;
        return sqlState == null || sqlState.isEmpty() ? errno + ": " + msg : errno + " (" + sqlState + "): " + msg;
    }

    /** The server's message without the driver's "(conn=N) " prefix. */
    static String serverMessage(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return CONN_PREFIX.matcher(m).replaceFirst("");
    }

    static String toMysqlWording(int errno, String message) {
        String m = message.replace("corresponds to your MariaDB server version", "corresponds to your MySQL server version");
        if (errno == 1054) {
            Matcher u = UNKNOWN_COLUMN.matcher(m);
            if (u.matches()) {
                String clause = MYSQL_CLAUSE_NAMES.getOrDefault(u.group(2), u.group(2));
                m = u.group(1) + clause + u.group(3);
            }
        }
        return m;
    }
}
