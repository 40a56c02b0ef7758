package kaizen.env.alfworld.textgen;

import java.util.List;
import java.util.Optional;
import kaizen.env.alfworld.pddl.Entity;

/** What the grammar reads of a game: facts in the reference's query order, and entity infos. */
interface TextState {
    /** Argument ids of the present facts of {@code predicate} ({@code not_} allowed), in reference order. */
    List<List<String>> facts(String predicate);

    Optional<Entity> entity(String id);
}
