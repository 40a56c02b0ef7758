package kaizen.env.alfworld.pddl;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test stand-in for the grammar's command rendering, enough for the PDDL tests: reads each
 * action's {@code template :: "..."} from the game's grammar and fills {@code {x}} and
 * {@code [{x.name | ...}]} with the entity names of the bound parameters.
 */
final class TemplateCommands {
    private static final Pattern ACTION = Pattern.compile("action (\\w+) \\{\\s*template :: \"([^\"]*)\";");
    private static final Pattern LIST_OF_NAME = Pattern.compile("\\[\\{(\\w+)\\.name \\|[^}]*\\}\\]");
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)\\}");

    private final Map<String, String> templates = new HashMap<>();
    private final PddlTask task;

    TemplateCommands(GameFile game, PddlTask task) {
        this.task = task;
        Matcher m = ACTION.matcher(game.grammar());
        while (m.find()) templates.put(m.group(1).toLowerCase(), m.group(2));
    }

    String command(GroundAction action) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < action.parameterNames().size(); i++) {
            names.put(action.parameterNames().get(i), task.entities().get(action.argumentIds().get(i)).name());
        }
        String text = LIST_OF_NAME.matcher(templates.get(action.schemaName()))
                .replaceAll(r -> Matcher.quoteReplacement(names.get(r.group(1))));
        return VARIABLE.matcher(text).replaceAll(r -> Matcher.quoteReplacement(names.get(r.group(1))));
    }
}
