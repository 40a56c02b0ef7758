package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.List;

/**
 * An applicable ground action: a schema with its parameters bound, named as the reference's
 * operators are ({@code "pickupobject agent1 loc_bar_... alarmclock_bar_... desk_bar_..."}).
 * It carries the effects of its translated operator, which textworld replays on its text facts.
 */
public final class GroundAction {
    private final Operators.Schema schema;
    private final int[] arguments;
    private final List<Operators.TextEffect> textEffects;
    private final Vocabulary vocabulary;

    GroundAction(Operators.Schema schema, int[] arguments, List<Operators.TextEffect> textEffects,
            Vocabulary vocabulary) {
        this.schema = schema;
        this.arguments = arguments;
        this.textEffects = List.copyOf(textEffects);
        this.vocabulary = vocabulary;
    }

    /** The schema's name, lower-case ("gotolocation"). */
    public String schemaName() {
        return schema.name();
    }

    /** Parameter names without '?' ("a", "lstart", ...), as textworld's placeholders are named. */
    public List<String> parameterNames() {
        return schema.parameterNames();
    }

    /** Declared parameter types ("agent", "location", ...). */
    public List<String> parameterTypes() {
        return schema.parameterTypes();
    }

    /** Object ids bound to the parameters, in parameter order. */
    public List<String> argumentIds() {
        List<String> ids = new ArrayList<>(arguments.length);
        for (int argument : arguments) ids.add(vocabulary.objectName(argument));
        return List.copyOf(ids);
    }

    /** The operator's name as the reference prints it: schema and argument ids, space-separated. */
    public String name() {
        return schemaName() + " " + String.join(" ", argumentIds());
    }

    int[] arguments() {
        return arguments;
    }

    Operators.Schema schema() {
        return schema;
    }

    List<Operators.TextEffect> textEffects() {
        return textEffects;
    }

    @Override
    public String toString() {
        return name();
    }
}
