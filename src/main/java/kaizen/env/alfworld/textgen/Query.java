package kaizen.env.alfworld.textgen;

import java.util.ArrayList;
import java.util.List;

/**
 * A conjunctive query of the grammar, e.g. {@code atlocation(a:agent, l:location) &
 * receptacleatlocation(r:receptacle, l:location)}: predicates over typed placeholders, some
 * maybe {@code not_}-prefixed (TextWorld's names for deleted facts).
 */
record Query(List<Atom> atoms) {
    record Placeholder(String name, String type) {}

    record Atom(String predicate, List<Placeholder> parameters) {
        public Atom {
            parameters = List.copyOf(parameters);
        }
    }

    public Query {
        atoms = List.copyOf(atoms);
    }

    /** @throws IllegalArgumentException with what is wrong, for the grammar error message */
    static Query parse(String text) {
        List<Atom> atoms = new ArrayList<>();
        for (String part : text.split("&")) {
            String p = part.strip();
            int open = p.indexOf('(');
            if (open <= 0 || !p.endsWith(")")) throw new IllegalArgumentException("not a predicate: '" + p + "' in '" + text + "'");
            String name = p.substring(0, open).strip();
            List<Placeholder> params = new ArrayList<>();
            String inside = p.substring(open + 1, p.length() - 1).strip();
            if (!inside.isEmpty()) {
                for (String arg : inside.split(",")) {
                    String[] nt = arg.strip().split(":");
                    if (nt.length != 2 || nt[0].isBlank() || nt[1].isBlank()) {
                        throw new IllegalArgumentException("expected name:type, found '" + arg.strip() + "' in '" + text + "'");
                    }
                    params.add(new Placeholder(nt[0].strip(), nt[1].strip()));
                }
            }
            atoms.add(new Atom(name, params));
        }
        return new Query(atoms);
    }
}
