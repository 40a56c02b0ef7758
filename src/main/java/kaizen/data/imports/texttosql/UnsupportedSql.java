package kaizen.data.imports.texttosql;

/** SQLite SQL that the translator does not turn into MySQL; the message is a short count key ("function julianday"). */
final class UnsupportedSql extends RuntimeException {
    UnsupportedSql(String what) {
        super(what, null, false, false);
    }
}
