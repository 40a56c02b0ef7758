package kaizen.data.negatives;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kaizen.core.Message;
import kaizen.data.Trajectory;
import kaizen.data.gen.dbbench.DbBenchReplay;
import kaizen.data.negatives.Negatives.Bad;
import kaizen.data.negatives.Negatives.Derived;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EpisodeDatabase;
import kaizen.harness.dbbench.DbBenchActions;
import kaizen.harness.dbbench.DbBenchTask;

/**
 * Bad DBBench turns. Format violations (two actions, no "Action:" line, SQL outside its block,
 * prose only) end a DBBench episode without any reply, so they only become DPO candidates.
 * Invalid actions (an unknown column or table in the first query) are run on the task's real
 * table and must fail with MariaDB's error; hallucinations write an "Observation:" of their own or
 * answer with a result never seen. Recovery examples are replayed through the evaluation's episode
 * loop ({@link DbBenchReplay}) and kept only when every observation reproduces and the scoring
 * counts them correct.
 */
final class DbBenchNegatives {
    /** The first reply after the instructions, "Ok." and the question: where the expert's first query is. */
    static final int FIRST_ACTION = 3;
    private static final Pattern IDENTIFIER = Pattern.compile("`([^`]+)`");
    private static final List<String> SUFFIXES = List.of("_name", "_value", "_id", "_count", "_total");

    private final DbEnvironment env;
    private final Map<String, DbBenchTask> tasks;

    DbBenchNegatives(DbEnvironment env, Path tasksFile) {
        this.env = env;
        this.tasks = DbBenchReplay.tasksById(tasksFile);
    }

    Derived derive(Trajectory t, int index, SplittableRandom rng, double recoveryShare) {
        DbBenchTask task = tasks.get(t.taskId());
        if (task == null) return new Derived(List.of(), List.of("no task of that id in tasks.jsonl"));
        List<Trajectory> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Integer> replies = Negatives.trainedReplies(t, FIRST_ACTION);
        if (replies.isEmpty()) return new Derived(List.of(), List.of("no trained reply to replace"));
        int k = Negatives.pick(replies, rng);
        List<Bad> options = new ArrayList<>(formatViolations(t, k));
        options.addAll(hallucinations(t, task, k));
        if (k == FIRST_ACTION) invalidAction(t, task, rng).ifPresent(options::add);
        out.add(Negatives.rejected(t, k, Negatives.pickBalanced(options, rng)));
        if (rng.nextDouble() < recoveryShare) {
            Optional<Trajectory> r = recovery(t, task, rng);
            if (r.isPresent()) out.add(r.get());
            else skipped.add("no recovery example replays soundly");
        }
        return new Derived(out, skipped);
    }

    // --- the bad turns ---

    private static List<Bad> formatViolations(Trajectory t, int k) {
        String reply = t.messages().get(k).content();
        boolean operation = DbBenchActions.sql(reply).isPresent() && DbBenchActions.action(reply).orElse("").equals("Operation");
        List<Bad> out = new ArrayList<>();
        out.add(new Bad("format/two-actions", operation ? reply + "\nAction: Answer\nFinal Answer: []"
                : "Action: Operation\n```sql\nSELECT COUNT(*) FROM " + tableOf(t) + "\n```\n" + reply));
        out.add(new Bad("format/no-action-line", reply.replace("Action: Operation\n", "").replace("Action: Answer\n", "")));
        if (operation) out.add(new Bad("format/sql-outside-block", reply.replace("```sql\n", "").replace("\n```", "")));
        String why = explanation(reply);
        out.add(new Bad("format/prose", (why.isEmpty() ? "I need to look at the table to answer this." : why)
                + " I will run the query and then tell you what I find."));
        return out;
    }

    private static List<Bad> hallucinations(Trajectory t, DbBenchTask task, int k) {
        String reply = t.messages().get(k).content();
        if (DbBenchActions.sql(reply).isEmpty() || k + 1 >= t.messages().size()) return List.of();
        List<Bad> out = new ArrayList<>();
        String real = t.messages().get(k + 1).content();
        out.add(new Bad("hallucination/observation", reply + "\nObservation: " + Negatives.fabricate(real, "[('1',)]")));
        String claim = task.isMutation() ? "[]" : Negatives.fabricate(DbBenchActions.finalAnswer(t.messages().getLast().content()).orElse("").strip(), "");
        if (!claim.isEmpty()) {
            String said = task.isMutation() ? "The change has been made, so the task is done." : "The query gives " + claim + ", so that is the answer.";
            out.add(new Bad("hallucination/unseen-result", explanation(reply) + (explanation(reply).isEmpty() ? "" : " ") + said
                    + "\nAction: Answer\nFinal Answer: " + claim));
        }
        return out;
    }

    /** The first query with an unknown column (a snake-case guess) or table, run on the real table: it must fail. */
    private Optional<Bad> invalidAction(Trajectory t, DbBenchTask task, SplittableRandom rng) {
        if (!t.trained(FIRST_ACTION)) return Optional.empty();
        String reply = t.messages().get(FIRST_ACTION).content();
        Optional<String> sql = DbBenchActions.sql(reply);
        if (sql.isEmpty()) return Optional.empty();
        String table = task.table().name();
        List<String> columns = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(sql.get());
        Set<String> seen = new LinkedHashSet<>();
        while (m.find()) seen.add(m.group(1));
        for (String id : seen) if (!id.equals(table)) columns.add(id);
        boolean column = !columns.isEmpty() && rng.nextInt(4) != 0;
        String right = column ? Negatives.pick(columns, rng) : table;
        String wrong = guess(right, rng);
        if (task.table().columns().stream().anyMatch(c -> c.equalsIgnoreCase(wrong)) || wrong.equalsIgnoreCase(table)) return Optional.empty();
        String bad = reply.replace("`" + right + "`", "`" + wrong + "`");
        String kind = column ? "invalid/unknown-column" : "invalid/unknown-table";
        String expectedError = column ? "1054" : "1146";
        String observation = run(task, DbBenchActions.sql(bad).orElseThrow());
        if (!observation.startsWith(expectedError)) return Optional.empty();
        return Optional.of(new Bad(kind, bad));
    }

    /** A plausible wrong name: snake case of the real one, with a suffix when that alone would still match. */
    private static String guess(String name, SplittableRandom rng) {
        String snake = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (snake.isEmpty() || snake.equalsIgnoreCase(name)) snake = snake + Negatives.pick(SUFFIXES, rng);
        return snake;
    }

    private String run(DbBenchTask task, String sql) {
        try (EpisodeDatabase db = env.open(task.table())) {
            return db.execute(sql);
        }
    }

    // --- recovery examples ---

    private Optional<Trajectory> recovery(Trajectory t, DbBenchTask task, SplittableRandom rng) {
        List<Optional<Trajectory>> tries = new ArrayList<>();
        if (rng.nextBoolean()) {
            tries.add(invalidRecovery(t, task, rng));
            tries.add(hallucinationRecovery(t, task, rng));
        } else {
            tries.add(hallucinationRecovery(t, task, rng));
            tries.add(invalidRecovery(t, task, rng));
        }
        for (Optional<Trajectory> r : tries) {
            if (r.isPresent() && DbBenchReplay.replay(env, task, r.get()).sound()) return r;
        }
        return Optional.empty();
    }

    /** The first query with a wrong name, MariaDB's real error, then the expert's query with a word on the fix. */
    private Optional<Trajectory> invalidRecovery(Trajectory t, DbBenchTask task, SplittableRandom rng) {
        Optional<Bad> bad = invalidAction(t, task, rng);
        if (bad.isEmpty()) return Optional.empty();
        String error = run(task, DbBenchActions.sql(bad.get().text()).orElseThrow());
        String fix = bad.get().kind().equals("invalid/unknown-column")
                ? Negatives.pick(List.of("That column does not exist. The headers must be written exactly as the table description gives them.",
                        "The error says the column is unknown: I guessed its name instead of using the header from the description."), rng)
                : "There is no table by that name; the description says it is " + tableOf(t) + ".";
        List<Message> rest = new ArrayList<>();
        rest.add(Message.assistant(fix + " " + t.messages().get(FIRST_ACTION).content()));
        rest.addAll(t.messages().subList(FIRST_ACTION + 1, t.messages().size()));
        return Optional.of(Negatives.recovery(t, FIRST_ACTION, bad.get(), error, rest, shifted(t, FIRST_ACTION + 1, 1)));
    }

    /** A query followed by an observation the model wrote itself; the real one follows and the expert goes on from it. */
    private static Optional<Trajectory> hallucinationRecovery(Trajectory t, DbBenchTask task, SplittableRandom rng) {
        List<Integer> operations = Negatives.trainedReplies(t, FIRST_ACTION).stream()
                .filter(i -> DbBenchActions.sql(t.messages().get(i).content()).isPresent() && i + 2 < t.messages().size()).toList();
        if (operations.isEmpty()) return Optional.empty();
        int k = Negatives.pick(operations, rng);
        String reply = t.messages().get(k).content();
        String real = t.messages().get(k + 1).content();
        Bad bad = new Bad("hallucination/observation", reply + "\nObservation: " + Negatives.fabricate(real, "[('1',)]"));
        List<Message> rest = t.messages().subList(k + 2, t.messages().size());
        return Optional.of(Negatives.recovery(t, k, bad, real, rest, shifted(t, k + 2, 0)));
    }

    /** The expert's untrained indices from {@code from} on, as indices into a list that starts at {@code from} after {@code offset} new messages. */
    private static Set<Integer> shifted(Trajectory t, int from, int offset) {
        Set<Integer> out = new TreeSet<>();
        for (int i : t.untrained().tailSet(from)) out.add(i - from + offset);
        return out;
    }

    /** The reply's words before its action. */
    private static String explanation(String reply) {
        int a = reply.indexOf("Action:");
        return (a < 0 ? reply : reply.substring(0, a)).strip();
    }

    /** The table's name as the question's description writes it, quoted as the expert quotes identifiers. */
    private static String tableOf(Trajectory t) {
        Matcher m = Pattern.compile("The name of this table is (.+?), and the headers").matcher(t.messages().get(2).content());
        return m.find() ? "`" + m.group(1) + "`" : "the table";
    }
}
