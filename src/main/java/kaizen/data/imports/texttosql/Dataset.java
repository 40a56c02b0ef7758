package kaizen.data.imports.texttosql;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.JsonlRecord;

/** The published layouts: which files hold the questions, how a record reads, where the databases lie. */
enum Dataset {
    /** Spider: {@code train_spider.json}, {@code train_others.json}, {@code dev.json}: [{db_id, question, query, ...}]; {@code database/DB/DB.sqlite}. */
    SPIDER("spider", List.of("train_spider.json", "train_others.json"),
            "Spider: train_spider.json/train_others.json/dev.json [{db_id, question, query}] + database/DB/DB.sqlite"),
    /** SParC: {@code train.json}/{@code dev.json}: [{database_id, interaction: [{utterance, query}], final}]; {@code database/}. */
    SPARC("sparc", List.of("train.json"),
            "SParC: train.json/dev.json [{database_id, interaction: [{utterance, query}], final}] + database/DB/DB.sqlite"),
    /** CoSQL: {@code sql_state_tracking/cosql_train.json} (SParC's shape); {@code cosql_dataset/database/}. */
    COSQL("cosql", List.of("cosql_train.json"),
            "CoSQL: sql_state_tracking/cosql_train.json/cosql_dev.json (SParC's shape) + database/DB/DB.sqlite"),
    /** BIRD: {@code train/train.json}, {@code dev/dev.json}: [{db_id, question, evidence, SQL, difficulty}]; {@code train_databases/DB/DB.sqlite}. */
    BIRD("bird", List.of("train.json"),
            "BIRD: train.json/dev.json [{db_id, question, evidence, SQL, difficulty}] + train_databases|dev_databases/DB/DB.sqlite");

    final String id;
    /** The question files taken from a folder (a dev file is imported only when named). */
    final List<String> trainFiles;
    final String reads;

    Dataset(String id, List<String> trainFiles, String reads) {
        this.id = id;
        this.trainFiles = trainFiles;
        this.reads = reads;
    }

    /** One question (Spider, BIRD) or one interaction (SParC, CoSQL) as the dataset gives it. */
    record Example(String id, String dbId, List<Turn> turns, Map<String, String> metadata) {
        Example {
            turns = List.copyOf(turns);
            metadata = Map.copyOf(metadata);
        }
    }

    /** A question with its gold SQLite query; {@code hint} is BIRD's evidence (empty elsewhere). */
    record Turn(String question, String hint, String sql) {}

    /** Reads one record; a missing or mistyped field throws naming the file, line and field. */
    Example parse(JsonlRecord r) {
        String stem = r.file().getFileName().toString().replaceFirst("\\.json(l)?(\\.gz)?$", "");
        String id = stem + ":" + r.line();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("file", r.file().getFileName().toString());
        return switch (this) {
            case SPIDER -> new Example(id, r.text("db_id"), List.of(new Turn(r.text("question"), "", r.text("query"))), meta);
            case BIRD -> {
                String difficulty = r.optionalText("difficulty", "");
                if (!difficulty.isEmpty()) meta.put("difficulty", difficulty);
                String qid = r.node().path("question_id").isValueNode() ? r.node().path("question_id").asText() : null;
                yield new Example(qid == null ? id : stem + ":" + qid, r.text("db_id"),
                        List.of(new Turn(r.text("question"), r.optionalText("evidence", ""), r.text("SQL"))), meta);
            }
            case SPARC, COSQL -> {
                JsonNode turns = r.array("interaction");
                if (turns.isEmpty()) throw r.error("interaction", "is empty");
                List<Turn> out = new ArrayList<>();
                for (int i = 0; i < turns.size(); i++) {
                    JsonNode t = turns.get(i);
                    String at = "interaction[" + i + "]";
                    if (!t.path("utterance").isTextual()) throw r.error(at + ".utterance", "expected text");
                    if (!t.path("query").isTextual()) throw r.error(at + ".query", "expected text");
                    out.add(new Turn(t.get("utterance").asText(), "", t.get("query").asText()));
                }
                yield new Example(id, r.text("database_id"), out, meta);
            }
        };
    }

    /**
     * The folders that may hold {@code DB/DB.sqlite} for a question file, likeliest first:
     * {@code database/} beside it (Spider, SParC) or one level up (CoSQL's sql_state_tracking/),
     * BIRD's {@code dev_databases/} for a dev file and {@code train_databases/} otherwise.
     */
    static List<Path> databaseRoots(Path questionFile) {
        Path dir = questionFile.toAbsolutePath().getParent();
        boolean dev = questionFile.getFileName().toString().contains("dev");
        List<Path> candidates = new ArrayList<>(List.of(dir.resolve("database")));
        candidates.add(dir.resolve(dev ? "dev_databases" : "train_databases"));
        candidates.add(dir.resolve(dev ? "train_databases" : "dev_databases"));
        if (dir.getParent() != null) candidates.add(dir.getParent().resolve("database"));
        return candidates.stream().filter(Files::isDirectory).toList();
    }
}
