package kaizen.data.gen.dbbench;

import java.util.List;

/**
 * A column of a domain: the headers a table may give it (plain, with spaces, quotes or
 * reserved words — each table picks one), the words a question uses for it, and its kind.
 */
record Column(List<String> headers, String phrase, ColumnKind kind) {
    Column {
        headers = List.copyOf(headers);
        if (headers.isEmpty()) throw new IllegalArgumentException("a column needs at least one header");
    }

    static Column of(String phrase, ColumnKind kind, String... headers) {
        return new Column(List.of(headers), phrase, kind);
    }
}
