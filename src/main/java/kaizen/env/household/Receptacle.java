package kaizen.env.household;

/** One place in a world, named by kind and number: "cupboard 3". */
public record Receptacle(ReceptacleKind kind, int number) {
    public String label() {
        return kind.name() + " " + number;
    }
}
