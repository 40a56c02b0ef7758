package kaizen.data.gen.dbbench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;
import kaizen.core.python.PythonRepr;
import kaizen.data.gen.dbbench.Sql.Naming;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;

/**
 * The scripted expert that plays a generated task inside the real {@link
 * kaizen.harness.dbbench.DbBenchEpisode}, so every observation it reads is the real one, made by
 * the evaluation's own code path. Each reply is an explanation followed by exactly one action in
 * the DBBench text protocol ("Action: Operation" with one SQL block, or "Action: Answer" with
 * "Final Answer: [...]"); each reply after the first starts by reading the previous observation.
 *
 * <p>Variants: answer directly; look at the data first (a sample, or the values of a filter
 * column); or make one realistic mistake — a wrong column name, an unquoted name or a misspelt
 * keyword — read the real error text, and fix it. {@link #faithful()} is false when the world did
 * not behave as planned (a mistake that did not fail, an answer that could not be read), and the
 * trajectory must then be dropped.
 */
final class DbBenchExpert implements ChatModel {
    enum Variant {
        DIRECT, PEEK, WRONG_COLUMN, SYNTAX_ERROR;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private sealed interface Step {}

    private record Peek(String sql, Optional<TaskDraft.Filter> distinctOf) implements Step {}

    private record Mistake(String sql, String hint) implements Step {}

    private record Gold(String sql) implements Step {}

    private record FollowUp(String sql) implements Step {}

    private record Answer() implements Step {}

    private final TaskDraft draft;
    private final RandomGenerator rng;
    private final List<Step> plan;
    private final Variant variant;
    private boolean faithful = true;

    private DbBenchExpert(TaskDraft draft, RandomGenerator rng, List<Step> plan, Variant variant) {
        this.draft = draft;
        this.rng = rng;
        this.plan = List.copyOf(plan);
        this.variant = variant;
    }

    /** Plans the expert's turns for a task; a variant that does not apply to the task falls back to DIRECT. */
    static DbBenchExpert plan(SynthTable t, TaskDraft d, Variant wanted, RandomGenerator rng) {
        List<Step> steps = new ArrayList<>();
        String gold = d.goldSql(t.name());
        Variant v = wanted;
        Optional<Mistake> mistake = switch (wanted) {
            case WRONG_COLUMN -> wrongColumn(t, d, rng);
            case SYNTAX_ERROR -> syntaxError(t, d, rng);
            default -> Optional.empty();
        };
        if ((v == Variant.WRONG_COLUMN || v == Variant.SYNTAX_ERROR) && mistake.isEmpty()) v = Variant.DIRECT;
        if (v == Variant.PEEK) {
            boolean distinct = d.filter().isPresent() && rng.nextBoolean();
            steps.add(distinct
                    ? new Peek("SELECT DISTINCT " + Sql.id(d.filter().get().header()) + " FROM " + Sql.id(t.name()), d.filter())
                    : new Peek("SELECT * FROM " + Sql.id(t.name()) + " LIMIT " + (2 + rng.nextInt(3)), Optional.empty()));
        }
        mistake.ifPresent(steps::add);
        steps.add(new Gold(gold));
        if (d.answer() == TaskDraft.Answer.MUTATION && d.followUp().isPresent() && rng.nextInt(3) == 0) {
            steps.add(new FollowUp(d.followUp().get()));
        }
        steps.add(new Answer());
        return new DbBenchExpert(d, rng, steps, v);
    }

    Variant variant() {
        return variant;
    }

    /**
     * The message indices of the planned mistakes in the episode's history (the prompt, "Ok." and the
     * question come first, then one reply and one observation per step): they stay in the context but
     * are not learnt (weight 0), so the model learns the fix, not the slip.
     */
    java.util.Set<Integer> mistakeMessages() {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i) instanceof Mistake) out.add(3 + 2 * i);
        }
        return out;
    }

    /** False when an observation was not what the plan relied on; such a trajectory is not kept. */
    boolean faithful() {
        return faithful;
    }

    @Override
    public ModelReply complete(List<Message> messages) {
        // Turns already taken: assistant messages after the scripted "Ok.".
        int turn = (int) messages.stream().filter(m -> m.role() == Role.ASSISTANT).count() - 1;
        if (turn >= plan.size()) {
            faithful = false;
            return new ModelReply.Text("I have nothing more to do.\nAction: Answer\nFinal Answer: []");
        }
        Step step = plan.get(turn);
        String reading = turn == 0 ? "" : read(plan.get(turn - 1), messages.getLast().content());
        String reply = switch (step) {
            case Peek p -> join(reading, p.distinctOf().isPresent()
                    ? oneOf("First I'll check which values " + Sql.id(p.distinctOf().get().header())
                            + " takes, so that my filter matches the stored spelling.",
                            "Let me list the distinct values of " + Sql.id(p.distinctOf().get().header()) + " before filtering on it.")
                    : oneOf("Let me first look at a few rows to see how the data is stored.",
                            "Before writing the real query, I'll look at a sample of the table.",
                            "First I want to see what the rows look like.")) + operation(p.sql());
            case Mistake m -> join(reading, plan(turn == 0)) + operation(m.sql());
            case Gold g -> join(reading, turn > 0 && plan.get(turn - 1) instanceof Mistake
                    ? oneOf("Here is the corrected statement.", "Let me run it again with that fixed.", "Fixed query:",
                            "I'll correct that and try again.")
                    : plan(turn == 0)) + operation(g.sql());
            case FollowUp f -> join(reading, oneOf("Let me check that the change took effect.",
                    "I'll verify the table now looks right.")) + operation(f.sql());
            case Answer a -> join(reading, answer(messages.getLast().content()));
        };
        return new ModelReply.Text(reply);
    }

    /** What the expert says about the observation its previous step produced. */
    private String read(Step previous, String obs) {
        return switch (previous) {
            case Peek p when p.distinctOf().isPresent() -> {
                String v = p.distinctOf().get().value();
                yield obs.contains(PythonRepr.repr(new PyStr(v)))
                        ? oneOf(PythonRepr.repr(new PyStr(v)) + " is one of the stored values, so I can filter on it directly.",
                                "The value " + PythonRepr.repr(new PyStr(v)) + " appears exactly like that in the column.")
                        : "The list does not show " + PythonRepr.repr(new PyStr(v)) + " in full, but I will filter on it as asked.";
            }
            case Peek p -> GoldRunner.ERROR.matcher(obs).matches() ? fail()
                    : oneOf("The sample shows the columns and how values are written.",
                            "Good, the sample shows how the values are stored: numbers are kept as text.",
                            "I can see the layout of the table now.");
            case Mistake m -> {
                if (!GoldRunner.ERROR.matcher(obs).matches()) yield fail();
                String code = obs.substring(0, 4);
                String what = switch (code) {
                    case "1054" -> oneOf("the database does not know that column.", "that column name does not exist.");
                    case "1064" -> oneOf("that is a syntax error.", "the statement does not parse.");
                    case "1146" -> oneOf("the table was not found under that name.", "MySQL read the table name wrongly.");
                    default -> "the statement failed.";
                };
                yield oneOf("The database returned an error: " + obs + "\nSo " + what + " " + m.hint(),
                        "That failed with \"" + obs + "\", which means " + what + " " + m.hint(),
                        "Error: " + obs + "\nI see: " + what + " " + m.hint());
            }
            case Gold g when draft.answer() == TaskDraft.Answer.MUTATION -> obs.equals("[]")
                    ? oneOf("The statement ran without an error (the output is []).", "It executed successfully and returned [].")
                    : fail();
            case Gold g -> oneOf("The query returned " + obs + ".", "The output is " + obs + ".", "Result: " + obs,
                    "The database answered " + obs + ".");
            case FollowUp f -> oneOf("The check returns " + obs + ", which is what the change should leave.",
                    "The table now shows " + obs + ", as expected.");
            case Answer a -> fail();
        };
    }

    private String plan(boolean first) {
        String intent = draft.intent();
        return first ? oneOf("To answer this I need to " + intent + ".", "I will " + intent + ".",
                "The question asks me to " + intent + "; one statement does it.", "My plan: " + intent + ".",
                "All the information is in one table, so I can " + intent + " directly.",
                "Let me think about which columns matter. I need to " + intent + ".")
                : oneOf("Now I can " + intent + ".", "Next I will " + intent + ".", "With that settled, I will " + intent + ".");
    }

    private String answer(String lastObs) {
        if (draft.answer() == TaskDraft.Answer.MUTATION) {
            return oneOf("The table has been changed as requested.", "The change is done.", "The database now holds the requested change.")
                    + "\nAction: Answer\nFinal Answer: []";
        }
        Optional<List<PyValue>> cells = GoldRunner.cells(lastObs);
        if (cells.isEmpty() || cells.get().isEmpty()) {
            faithful = false;
            return "I could not read the result.\nAction: Answer\nFinal Answer: []";
        }
        List<PyValue> values = List.copyOf(new LinkedHashSet<>(cells.get()));
        String text = finalAnswer(values);
        String lead = values.size() == 1
                ? oneOf("So the answer is " + display(values.getFirst()) + ".", "That gives " + display(values.getFirst()) + ".",
                        "The value I was asked for is " + display(values.getFirst()) + ".")
                : cells.get().size() > values.size()
                        ? "Some values repeat; the " + values.size() + " distinct ones are the answer."
                        : oneOf("So the answer consists of these " + values.size() + " values.", "These " + values.size() + " values are the answer.");
        return lead + "\nAction: Answer\nFinal Answer: " + text;
    }

    static String finalAnswer(List<PyValue> values) {
        return DbBenchTurns.finalAnswer(values);
    }

    private static String display(PyValue v) {
        return v instanceof PyStr s ? s.value() : PythonRepr.repr(v);
    }

    private String fail() {
        faithful = false;
        return "";
    }

    private static String operation(String sql) {
        return "\n" + DbBenchTurns.operation(sql);
    }

    private static String join(String reading, String explanation) {
        if (reading.isEmpty()) return explanation;
        if (explanation.isEmpty()) return reading;
        return reading + "\n" + explanation;
    }

    @SafeVarargs
    private <T> T oneOf(T... options) {
        return options[rng.nextInt(options.length)];
    }

    // ---- mistakes -----------------------------------------------------------------------------

    private static Optional<Mistake> wrongColumn(SynthTable t, TaskDraft d, RandomGenerator rng) {
        List<Mistake> options = new ArrayList<>();
        for (String header : d.columns()) {
            int col = t.headers().indexOf(header);
            for (String guess : List.of(snake(header), snake(t.phrases().get(col)), firstWord(t.phrases().get(col)))) {
                if (guess.isEmpty() || t.headers().stream().anyMatch(h -> h.equalsIgnoreCase(guess))) continue;
                String written = Sql.bare(guess) ? guess : Sql.id(guess);
                String sql = d.sql().apply(Naming.quoted(t.name()).withColumn(header, written));
                String hint = "The column is actually called " + Sql.id(header)
                        + (Sql.bare(header) ? "." : ", and because of its spaces or symbols it has to be written in backticks.");
                options.add(new Mistake(sql, hint));
                break;
            }
        }
        return options.isEmpty() ? Optional.empty() : Optional.of(options.get(rng.nextInt(options.size())));
    }

    private static Optional<Mistake> syntaxError(SynthTable t, TaskDraft d, RandomGenerator rng) {
        List<Mistake> options = new ArrayList<>();
        Naming quoted = Naming.quoted(t.name());
        if (!Sql.bare(t.name())) {
            options.add(new Mistake(d.sql().apply(quoted.withTable(t.name())), "The table name " + t.name()
                    + " contains spaces or symbols, so it must be wrapped in backticks: " + Sql.id(t.name()) + "."));
        }
        for (String header : d.columns()) {
            if (!Sql.bare(header)) {
                options.add(new Mistake(d.sql().apply(quoted.withColumn(header, header)), "The column name " + Sql.id(header)
                        + " contains spaces or symbols and must be quoted with backticks."));
                break;
            }
        }
        String gold = d.sql().apply(quoted);
        String keyword = gold.substring(0, gold.indexOf(' '));
        String typo = switch (keyword) {
            case "SELECT" -> "SELET";
            case "UPDATE" -> "UPDTE";
            case "DELETE" -> "DELET";
            case "INSERT" -> "INSER";
            default -> "";
        };
        if (!typo.isEmpty()) {
            options.add(new Mistake(typo + gold.substring(keyword.length()), "I misspelled " + keyword + " as " + typo + "."));
        }
        return options.isEmpty() ? Optional.empty() : Optional.of(options.get(rng.nextInt(options.size())));
    }

    /** The name a careless writer would guess for a header: lower case, runs of other characters as one underscore. */
    static String snake(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        out = out.replaceAll("^_+|_+$", "");
        return out.isEmpty() || Character.isDigit(out.charAt(0)) ? "" : out;
    }

    private static String firstWord(String phrase) {
        return snake(phrase.split(" ")[0]);
    }
}
