package kaizen.harness.dbbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.python.PyValue;
import kaizen.env.db.TableSpec;

/**
 * One DBBench task in AgentBench's format (description, add_description, table, label,
 * answer_md5, sql, type). {@code index} is its 0-based position in the file, which is the
 * sample index AgentBench reports.
 */
public record DbBenchTask(
        int index,
        String description,
        String addDescription,
        String type,
        TableSpec table,
        List<PyValue> label,
        List<String> goldSql,
        Optional<String> answerMd5) {

    public static final List<String> MUTATION_TYPES = List.of("INSERT", "DELETE", "UPDATE");

    public boolean isMutation() {
        return MUTATION_TYPES.contains(type);
    }

    /** The user turn after the big prompt, as the reference builds it. */
    public String question() {
        return description + "\n" + addDescription;
    }

    public DbBenchScoring.Target target() {
        return isMutation() ? new DbBenchScoring.Md5(answerMd5.orElseThrow()) : new DbBenchScoring.Label(label);
    }

    /** Loads a JSONL file (or a JSON array, as the reference also accepts); errors name file, line and field. */
    public static List<DbBenchTask> load(Path file) {
        List<JsonlRecord> records = DbBenchFiles.records(file);
        List<DbBenchTask> tasks = new ArrayList<>(records.size());
        for (JsonlRecord r : records) tasks.add(parse(tasks.size(), r));
        if (tasks.isEmpty()) throw new kaizen.core.KaizenException(file + ": no tasks in the file");
        return List.copyOf(tasks);
    }

    /** Reads one task record; {@code index} is its position in its file. */
    public static DbBenchTask parse(int index, JsonlRecord r) {
        if (!r.node().isObject()) throw r.error(null, "expected a JSON object (one task per line)");
        List<String> types = r.textList("type");
        if (types.isEmpty()) throw r.error("type", "is empty; expected e.g. [\"INSERT\"] or [\"counting\"]");
        String type = types.getFirst();
        String tableName = r.text("table.table_name");
        JsonNode cols = r.array("table.table_info.columns");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            JsonNode name = cols.get(i).get("name");
            if (name == null || !name.isTextual()) throw r.error("table.table_info.columns[" + i + "].name", "expected a string");
            columns.add(name.asText());
        }
        if (columns.isEmpty()) throw r.error("table.table_info.columns", "is empty");
        JsonNode rowsNode = r.array("table.table_info.rows");
        List<List<Object>> rows = new ArrayList<>(rowsNode.size());
        for (int i = 0; i < rowsNode.size(); i++) {
            JsonNode row = rowsNode.get(i);
            String field = "table.table_info.rows[" + i + "]";
            if (!row.isArray()) throw r.error(field, "expected an array of cells");
            if (row.size() != columns.size()) {
                throw r.error(field, "has " + row.size() + " cells but the table has " + columns.size() + " columns");
            }
            List<Object> cells = new ArrayList<>(row.size());
            for (int j = 0; j < row.size(); j++) cells.add(cell(r, field + "[" + j + "]", row.get(j)));
            rows.add(cells);
        }
        boolean mutation = MUTATION_TYPES.contains(type);
        Optional<String> md5 = Optional.empty();
        List<PyValue> label = List.of();
        List<String> gold = List.of();
        if (mutation) {
            md5 = Optional.of(r.text("answer_md5"));
            JsonNode sql = r.node().get("sql");
            if (sql != null && sql.isObject() && sql.has("query")) gold = List.of(sql.get("query").asText());
            else if (r.node().has("label")) gold = r.textList("label");
        } else {
            JsonNode lab = r.required("label");
            if (!lab.isArray()) throw r.error("label", "expected an array of answers, found " + JsonlRecord.kind(lab));
            label = ((kaizen.core.python.PyList) kaizen.core.python.PyJson.fromJson(lab)).items();
        }
        return new DbBenchTask(index, r.text("description"), r.optionalText("add_description", ""), type,
                new TableSpec(tableName, columns, rows), label, gold, md5);
    }

    private static Object cell(JsonlRecord r, String field, JsonNode v) {
        if (v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isIntegralNumber()) return v.bigIntegerValue();
        if (v.isNumber()) return Double.parseDouble(v.decimalValue().toString());
        throw r.error(field, "expected a string, number or null, found " + JsonlRecord.kind(v));
    }

}
