package kaizen.data.gen.dbbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.python.PyFloat;
import kaizen.core.python.PyInt;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;

/**
 * A kept task as a JSON object in AgentBench's DBBench shape (description, add_description,
 * table{table_name, table_info{columns, rows}}, label, sql, type, answer_md5), which
 * {@link kaizen.harness.dbbench.DbBenchTask#load} reads, plus Kaizen's provenance under "kaizen".
 */
final class TaskJson {
    private TaskJson() {}

    static Map<String, Object> of(SynthTable t, TaskDraft d, GoldRunner.Gold gold, String id, long seed) {
        String goldSql = d.goldSql(t.name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", d.question());
        out.put("add_description", addDescription(t));
        out.put("table", table(t));
        switch (gold) {
            case GoldRunner.Answer a -> out.put("label", a.values().stream().map(TaskJson::json).toList());
            // As in AgentBench's data, a mutation's label is its gold statement; answer_md5 is what is scored.
            case GoldRunner.Hash h -> {
                out.put("label", List.of(goldSql));
                out.put("answer_md5", h.md5());
            }
            case GoldRunner.Rejected r -> throw new IllegalArgumentException("a rejected task has no JSON: " + r.reason());
        }
        out.put("sql", Map.of("query", goldSql));
        out.put("type", List.of(d.category()));
        out.put("source", DbBenchFactory.SOURCE);
        Map<String, Object> kz = new LinkedHashMap<>();
        kz.put("id", id);
        kz.put("seed", seed);
        kz.put("domain", t.domain().id());
        out.put("kaizen", kz);
        return out;
    }

    /**
     * The sentence that tells the agent the table's name and headers. This is the DBBench input
     * format the agent meets at evaluation, not task content, so it is reproduced word for word;
     * everything else in a task (domains, tables, questions) is Kaizen's own.
     */
    static String addDescription(SynthTable t) {
        return DbBenchTurns.tableSentence(t.name(), t.headers());
    }

    private static Map<String, Object> table(SynthTable t) {
        List<Map<String, String>> columns = new ArrayList<>();
        for (String h : t.headers()) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("name", h);
            c.put("type", "TEXT");
            columns.add(c);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("columns", columns);
        info.put("rows", t.rows());
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("table_name", t.name());
        table.put("table_info", info);
        return table;
    }

    /** A label item as JSON: str → string, int → integer, float → number (the types the observation showed). */
    private static Object json(PyValue v) {
        return switch (v) {
            case PyStr s -> s.value();
            case PyInt i -> i.value();
            case PyFloat f -> f.value();
            default -> throw new IllegalArgumentException("unsupported label value " + v.typeName());
        };
    }
}
