package kaizen.env.alfworld.pddl;

import java.util.Arrays;

/** A ground atom: a predicate id applied to object ids. Immutable; equal by value. */
final class Fact {
    final int predicate;
    private final int[] args;
    private final int hash;

    Fact(int predicate, int[] args) {
        this.predicate = predicate;
        this.args = args;
        this.hash = 31 * predicate + Arrays.hashCode(args);
    }

    int arity() {
        return args.length;
    }

    int arg(int i) {
        return args[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fact f && f.hash == hash && f.predicate == predicate && Arrays.equals(f.args, args);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return predicate + Arrays.toString(args);
    }
}
