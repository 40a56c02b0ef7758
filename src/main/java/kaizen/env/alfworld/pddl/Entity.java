package kaizen.env.alfworld.pddl;

/**
 * An object as the text shows it: its PDDL name ({@code id}, lower-case as Fast Downward reads it),
 * its declared type, and the display attributes the reference's entity infos carry (name from
 * AlfredDemangler, e.g. "alarmclock 2"; indefinite "a"; definite "the").
 */
public record Entity(String id, String type, String name, String indefinite, String definite) {

    static Entity of(String id, String type, String name) {
        return new Entity(id, type, name, "a", "the");
    }
}
