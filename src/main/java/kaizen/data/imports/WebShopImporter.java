package kaizen.data.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kaizen.core.JsonlRecord;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;

/**
 * WebShop's human demonstrations as published for its imitation-learning baselines
 * ({@code baseline_models/data/il_trajs_finalized_images.jsonl}, one trajectory per line):
 * {@code states} (the page text before each action), {@code available_actions} (per state, the
 * clickable options), {@code action_idxs} (per state, the chosen option, -1 for a search),
 * {@code actions} (the actions as text, {@code search[...]} / {@code click[...]}) and
 * {@code images} (ignored).
 *
 * <p>Each line becomes a ReAct episode: the first page (with the instruction) opens it, each
 * action is an assistant turn with an empty THOUGHT: (the demonstrations have no reasoning), each
 * following page a user turn with the page's options as {@code AVAILABLE ACTIONS}. Solved when it
 * ends with {@code click[buy now]}.
 */
public final class WebShopImporter implements Importer {
    public static final String SOURCE = "webshop";
    static final String ENVIRONMENT = "The environment is WebShop, a shopping website; the goal is to buy the product "
            + "the instruction describes. Commands are search[query] on a page with a search box and click[option] "
            + "for one of the page's options.";

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String reads() {
        return "WebShop IL trajectories (il_trajs*.jsonl: states, available_actions, action_idxs, actions per line); .gz too";
    }

    @Override
    public void run(Path input, ImportSink sink) {
        InputFiles.eachRecord(input, sink, r -> convert(r, sink), InputFiles.JSON);
    }

    private static void convert(JsonlRecord r, ImportSink sink) {
        List<String> states = r.textList("states");
        JsonNode options = r.array("available_actions");
        List<String> actions = actions(r, states.size(), options);
        if (states.isEmpty()) throw r.error("states", "is empty");
        ReactConversation c = new ReactConversation(ENVIRONMENT, page(states.getFirst(), options.get(0)));
        for (int i = 0; i < states.size(); i++) {
            if (i > 0) c.observe(page(states.get(i), options.get(i)));
            c.act("", actions.get(i));
        }
        boolean bought = actions.getLast().strip().equalsIgnoreCase("click[buy now]");
        String id = r.file().getFileName() + ":" + r.line();
        sink.keepIfWellFormed(new Trajectory(SOURCE, id, "shopping", c.messages(),
                bought ? Trajectory.Outcome.SOLVED : new Trajectory.Outcome(false, 0), 0, Map.of("thoughts", "none")), Protocol.REACT);
    }

    /** The action of each state: {@code actions[i]}, or the chosen option when a file has no {@code actions}. */
    private static List<String> actions(JsonlRecord r, int states, JsonNode options) {
        if (options.size() != states) throw r.error("available_actions", "has " + options.size() + " entries for " + states + " states");
        if (r.node().has("actions")) {
            List<String> actions = r.textList("actions");
            if (actions.size() != states) throw r.error("actions", "has " + actions.size() + " entries for " + states + " states");
            return actions;
        }
        JsonNode idxs = r.array("action_idxs");
        if (idxs.size() != states) throw r.error("action_idxs", "has " + idxs.size() + " entries for " + states + " states");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < states; i++) {
            int idx = idxs.get(i).asInt(-1);
            JsonNode option = options.get(i).path(idx);
            if (idx < 0 || !option.isTextual()) {
                throw r.error("action_idxs[" + i + "]", "a search step (or an index outside available_actions) and no 'actions' field to read its text from");
            }
            out.add(option.asText());
        }
        return out;
    }

    private static String page(String state, JsonNode options) {
        List<String> list = new ArrayList<>();
        options.forEach(o -> list.add(o.asText()));
        return list.isEmpty() ? state : state.strip() + "\nAVAILABLE ACTIONS: " + String.join(", ", list);
    }
}
