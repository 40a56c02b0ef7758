package kaizen.data.gen.dbbench;

import java.util.List;

/**
 * A subject area tables are drawn from: possible table names, what one row is called in a
 * question ({@code entity}/{@code entities}), and its columns. The first column is the key
 * (an identifier or a name); which of the rest a table keeps is drawn per table.
 */
record Domain(String id, List<String> tableNames, String entity, String entities, List<Column> columns) {
    Domain {
        tableNames = List.copyOf(tableNames);
        columns = List.copyOf(columns);
    }
}
