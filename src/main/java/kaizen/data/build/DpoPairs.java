package kaizen.data.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kaizen.core.Message;
import kaizen.core.Role;

/**
 * DPO pairs in TRL's conversational preference format: a failed conversation of a task (rejected)
 * against a successful one of the same task id (chosen), sharing their opening messages as the
 * prompt. The prompt is the longest common prefix of the two that ends with a user message.
 */
final class DpoPairs {
    record Pair(Example chosenFrom, Example rejectedFrom, List<Message> prompt, List<Message> chosen, List<Message> rejected) {
        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("prompt", prompt.stream().map(Message::toJson).toList());
            out.put("chosen", chosen.stream().map(Message::toJson).toList());
            out.put("rejected", rejected.stream().map(Message::toJson).toList());
            out.put("task_id", chosenFrom.trajectory().taskId());
            out.put("chosen_source", chosenFrom.source().name());
            out.put("rejected_source", rejectedFrom.source().name());
            return out;
        }
    }

    record Result(List<Pair> pairs, Map<String, Integer> skipped) {}

    private DpoPairs() {}

    static Result pair(List<Example> successes, List<Example> failures, int maxPerTask, long seed) {
        Map<String, List<Example>> chosenByTask = new LinkedHashMap<>();
        for (Example e : successes) chosenByTask.computeIfAbsent(e.trajectory().taskId(), k -> new ArrayList<>()).add(e);
        Map<String, Integer> perTask = new LinkedHashMap<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<Pair> out = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (Example bad : failures) {
            String task = bad.trajectory().taskId();
            List<Example> good = chosenByTask.get(task);
            if (good == null) {
                skipped.merge("no successful conversation of the same task", 1, Integer::sum);
                continue;
            }
            if (perTask.getOrDefault(task, 0) >= maxPerTask) {
                skipped.merge("over dpo.max_pairs_per_task", 1, Integer::sum);
                continue;
            }
            Example chosen = good.get(random.nextInt(good.size()));
            List<Message> a = chosen.trajectory().messages();
            List<Message> b = bad.trajectory().messages();
            int common = 0;
            while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) common++;
            while (common > 0 && a.get(common - 1).role() != Role.USER) common--;
            if (common == 0 || common == a.size() || common == b.size()) {
                skipped.merge("no shared prompt ending in a user message", 1, Integer::sum);
                continue;
            }
            if (!chosen.trajectory().trained(common)) {
                skipped.merge("the chosen reply is an untrained turn", 1, Integer::sum);
                continue;
            }
            // A rejected side of one reply (a negative sample's bad turn) is compared with one reply: the expert's at that point.
            int chosenEnd = b.size() - common == 1 ? common + 1 : a.size();
            perTask.merge(task, 1, Integer::sum);
            out.add(new Pair(chosen, bad, a.subList(0, common), a.subList(common, chosenEnd), b.subList(common, b.size())));
        }
        return new Result(out, skipped);
    }
}
