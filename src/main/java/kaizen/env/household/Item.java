package kaizen.env.household;

/** One thing in a world, named by kind and number: "cup 2". */
public record Item(ItemKind kind, int number) {
    public String label() {
        return kind.name() + " " + number;
    }
}
