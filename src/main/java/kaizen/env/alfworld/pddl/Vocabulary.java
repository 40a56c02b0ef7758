package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.env.alfworld.pddl.Pddl.TypedName;

/**
 * Names of a task as ids: predicates, objects (domain constants first, then the problem's objects,
 * as Fast Downward lists them) and the objects of each type. Type semantics are Fast Downward's:
 * every name is of type {@code object}; a type's instances include its subtypes' objects; a type
 * nobody declared has no instances (ALFWorld's domain writes {@code ?l - location,} with a comma
 * that becomes part of the type name, so that quantifier ranges over nothing).
 */
final class Vocabulary {
    /** The object id a name that is no object gets: it is in no fact and equals nothing but itself. */
    static final int UNKNOWN_OBJECT = Integer.MAX_VALUE - 1;
    static final int EQUALITY = -1;

    private final Map<String, Integer> predicateIds = new LinkedHashMap<>();
    private final List<String> predicateNames = new ArrayList<>();
    private final Map<String, Integer> objectIds = new HashMap<>();
    private final List<TypedName> objects;
    private final Map<String, String> parentOf = new HashMap<>();
    private final Map<String, BitSet> members = new HashMap<>();
    private final Map<String, int[]> instances = new HashMap<>();

    Vocabulary(List<String> predicates, List<TypedName> types, List<TypedName> objects) {
        predicates.forEach(p -> {
            predicateIds.put(p, predicateNames.size());
            predicateNames.add(p);
        });
        for (TypedName type : types) {
            if (!type.name().equals(Pddl.ROOT_TYPE)) parentOf.put(type.name(), type.type());
        }
        this.objects = List.copyOf(objects);
        for (int i = 0; i < objects.size(); i++) objectIds.put(objects.get(i).name(), i);
        // Precomputed, so that a loaded task can be read from several threads.
        List<String> declared = new ArrayList<>(parentOf.keySet());
        declared.add(Pddl.ROOT_TYPE);
        for (String type : declared) {
            BitSet set = new BitSet(objects.size());
            for (int i = 0; i < objects.size(); i++) {
                if (isSubtype(objects.get(i).type(), type)) set.set(i);
            }
            members.put(type, set);
            instances.put(type, set.stream().toArray());
        }
    }

    int predicateCount() {
        return predicateNames.size();
    }

    /** The predicate's id, or -1 for equality; throws for an unknown name. */
    int predicate(String name) {
        if (name.equals("=")) return EQUALITY;
        Integer id = predicateIds.get(name);
        if (id == null) throw new IllegalArgumentException("unknown predicate " + name);
        return id;
    }

    String predicateName(int id) {
        return predicateNames.get(id);
    }

    int objectCount() {
        return objects.size();
    }

    int object(String name) {
        return objectIds.getOrDefault(name, UNKNOWN_OBJECT);
    }

    boolean isObject(String name) {
        return objectIds.containsKey(name);
    }

    String objectName(int id) {
        return objects.get(id).name();
    }

    String objectType(int id) {
        return objects.get(id).type();
    }

    boolean isDeclaredType(String type) {
        return type.equals(Pddl.ROOT_TYPE) || parentOf.containsKey(type);
    }

    /** Whether an object declared with {@code declared} is an instance of {@code type}. */
    boolean isSubtype(String declared, String type) {
        if (type.equals(Pddl.ROOT_TYPE)) return true;
        String t = declared;
        for (int guard = 0; t != null && guard <= parentOf.size(); guard++) {
            if (t.equals(type)) return true;
            t = parentOf.get(t);
        }
        return false;
    }

    BitSet members(String type) {
        return members.getOrDefault(type, NONE);
    }

    int[] instances(String type) {
        return instances.getOrDefault(type, new int[0]);
    }

    private static final BitSet NONE = new BitSet();
}
