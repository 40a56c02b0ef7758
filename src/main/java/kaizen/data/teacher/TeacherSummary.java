package kaizen.data.teacher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.harness.runner.EpisodeRecord;

/**
 * What a teacher run produced, per task and overall: samples finished, successes (kept for SFT),
 * failures, tasks with both (DPO-pairable), and pass@k for every k up to the sample count, with the
 * unbiased estimator of Chen et al. (2021), 1 - C(n-c, k) / C(n, k), averaged over the tasks with at
 * least k finished samples.
 */
public record TeacherSummary(TeacherRun.Settings settings, List<TaskCount> tasks) {
    /** One task's finished samples and successes. */
    public record TaskCount(TeacherRun.Task task, int samples, int successes) {
        public int failures() {
            return samples - successes;
        }
    }

    static TeacherSummary of(List<TeacherRun.Task> tasks, int k, Collection<EpisodeRecord> records, TeacherRun.Settings s) {
        int[] samples = new int[tasks.size()];
        int[] successes = new int[tasks.size()];
        for (EpisodeRecord r : records) {
            int t = r.index() / k;
            if (t >= tasks.size()) continue;
            samples[t]++;
            if (r.correct()) successes[t]++;
        }
        List<TaskCount> out = new ArrayList<>(tasks.size());
        for (int t = 0; t < tasks.size(); t++) out.add(new TaskCount(tasks.get(t), samples[t], successes[t]));
        return new TeacherSummary(s, List.copyOf(out));
    }

    public int episodes() {
        return tasks.stream().mapToInt(TaskCount::samples).sum();
    }

    public int successes() {
        return tasks.stream().mapToInt(TaskCount::successes).sum();
    }

    public int failures() {
        return episodes() - successes();
    }

    /** Tasks with at least one success and one failure: each gives DPO pairs. */
    public long pairableTasks() {
        return tasks.stream().filter(t -> t.successes() > 0 && t.failures() > 0).count();
    }

    /** pass@k over the tasks with at least k finished samples (0 when there are none). */
    public double passAt(int k) {
        double sum = 0;
        int n = 0;
        for (TaskCount t : tasks) {
            if (t.samples() < k) continue;
            sum += passAt(t.samples(), t.successes(), k);
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /** 1 - C(n-c, k) / C(n, k), as a running product so large n stays exact enough. */
    static double passAt(int n, int c, int k) {
        if (n - c < k) return 1.0;
        double fail = 1.0;
        for (int i = n - c + 1; i <= n; i++) fail *= 1.0 - (double) k / i;
        return 1.0 - fail;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", settings.source());
        out.put("teacher", settings.teacher());
        out.put("temperature", settings.temperature());
        out.put("samples", settings.samples());
        out.put("tasks", tasks.size());
        out.put("episodes", episodes());
        out.put("complete", episodes() == tasks.size() * settings.samples());
        out.put("successes", successes());
        out.put("failures", failures());
        out.put("tasks_solved", tasks.stream().filter(t -> t.successes() > 0).count());
        out.put("dpo_pairable_tasks", pairableTasks());
        Map<String, Object> pass = new LinkedHashMap<>();
        for (int k = 1; k <= settings.samples(); k++) pass.put(Integer.toString(k), passAt(k));
        out.put("pass_at_k", pass);
        out.put("per_category", perCategory());
        Map<String, Object> perTask = new LinkedHashMap<>();
        for (TaskCount t : tasks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", t.samples());
            m.put("successes", t.successes());
            perTask.put(t.task().id(), m);
        }
        out.put("per_task", perTask);
        return out;
    }

    private Map<String, Object> perCategory() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (TaskCount t : tasks) {
            int[] c = counts.computeIfAbsent(t.task().category(), x -> new int[3]);
            c[0]++;
            c[1] += t.samples();
            c[2] += t.successes();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        counts.forEach((cat, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tasks", c[0]);
            m.put("episodes", c[1]);
            m.put("successes", c[2]);
            m.put("success_rate", c[1] == 0 ? 0.0 : (double) c[2] / c[1]);
            out.put(cat, m);
        });
        return out;
    }
}
