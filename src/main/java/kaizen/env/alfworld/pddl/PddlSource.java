package kaizen.env.alfworld.pddl;

import java.nio.file.Path;
import kaizen.core.BadInputException;

/** Where a PDDL text comes from (a file, and the JSON field holding it), for error messages. */
public record PddlSource(Path file, String field) {

    BadInputException error(int line, String problem) {
        String where = line > 0 ? "line " + line + " of the PDDL text: " : "";
        return new BadInputException(file, 0, field, where + problem);
    }
}
