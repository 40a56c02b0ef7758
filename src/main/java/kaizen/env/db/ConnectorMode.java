package kaizen.env.db;

/**
 * Which mysql-connector-python the reference is assumed to run. The reference calls
 * {@code cursor.execute(sql, data, multi=True)}; Connector/Python 9.2 removed {@code multi},
 * so with a 9.2+ connector every statement fails with a TypeError whose text becomes the
 * observation (and the table is never built). See docs/FIDELITY.md.
 */
public enum ConnectorMode {
    /** Connector/Python 8.x (C extension): statements run, fetchall() gives the first result's rows. */
    V8,
    /** Connector/Python 9.2+: {@code multi=True} is rejected before anything is sent. */
    V9_2;

    /** The str() of the TypeError Python 3.10+ raises for the removed keyword on the C-extension cursor. */
    public static final String V9_TYPE_ERROR = "CMySQLCursor.execute() got an unexpected keyword argument 'multi'";
}
