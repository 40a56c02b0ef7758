package kaizen.data.teacher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;

/** The synthetic tasks a teacher can roll out, read with the evaluation's own loaders. */
public final class TeacherTasks {
    public static final String DBBENCH_SOURCE = "teacher-dbbench";
    public static final String HOUSEHOLD_SOURCE = "teacher-household";

    private TeacherTasks() {}

    /** DBBench tasks with their ids: episode index i plays {@code db.get(i)}. */
    public record DbBench(List<TeacherRun.Task> tasks, List<DbBenchTask> db) {}

    /**
     * The tasks.jsonl of {@code kaizen data gen dbbench} (AgentBench's task format plus Kaizen's
     * provenance): each line needs {@code kaizen.id}, which AgentBench's own task files lack.
     *
     * @throws KaizenException when the path names AgentBench data or a line has no Kaizen id
     */
    public static DbBench dbbench(Path tasksFile) {
        TeacherRun.refuseBenchmark("task file", tasksFile.toAbsolutePath().normalize().toString());
        List<JsonlRecord> records = Jsonl.readAll(tasksFile);
        if (records.isEmpty()) throw new KaizenException(tasksFile + ": no tasks in the file");
        List<TeacherRun.Task> tasks = new ArrayList<>();
        List<DbBenchTask> db = new ArrayList<>();
        for (JsonlRecord r : records) {
            if (r.node().path("kaizen").path("id").asText("").isEmpty()) {
                throw r.error("kaizen.id", "is missing: only task files written by `kaizen data gen dbbench` can be rolled out"
                        + " (AgentBench's tasks are evaluation data)");
            }
            DbBenchTask t = DbBenchTask.parse(db.size(), r);
            db.add(t);
            tasks.add(new TeacherRun.Task(r.text("kaizen.id"), t.type(), r.node().path("kaizen").path("seed").asLong(0)));
        }
        return new DbBench(List.copyOf(tasks), List.copyOf(db));
    }

    /** Household worlds of the train split (those of {@code kaizen data gen household --seed S}), never the held-out ones. */
    public static List<HouseholdTask> household(long seed, int count) {
        return HouseholdTask.of(HouseholdSplit.TRAIN, seed, count);
    }

    public static List<TeacherRun.Task> of(List<HouseholdTask> worlds) {
        return worlds.stream().map(w -> new TeacherRun.Task(w.id(), w.family().wireName(), w.seed())).toList();
    }
}
