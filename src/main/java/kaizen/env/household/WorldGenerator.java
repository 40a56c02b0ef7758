package kaizen.env.household;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import kaizen.core.KaizenException;

/**
 * Draws a world from a seed: a room kind, its receptacles (counts within the catalogue's
 * ranges), things placed mostly in their usual homes, most doors shut, and a goal that the world
 * can satisfy and that does not already hold. Draws that cannot host the asked family are
 * redrawn from the same stream.
 */
final class WorldGenerator {
    private static final int MAX_DRAWS = 200;

    private WorldGenerator() {}

    static World generate(long seed, Optional<Family> family) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Optional<World> w = draw(seed, rng, family);
            if (w.isPresent()) return w.get();
        }
        throw new KaizenException("no household world for seed " + seed + " and family " + family.map(Family::wireName).orElse("any")
                + " after " + MAX_DRAWS + " draws (a catalogue bug)");
    }

    private static Optional<World> draw(long seed, SplittableRandom rng, Optional<Family> wanted) {
        RoomKind room = Catalogue.ROOMS.get(rng.nextInt(Catalogue.ROOMS.size()));
        List<Receptacle> receptacles = new ArrayList<>();
        for (RoomKind.Fitting f : room.fittings()) {
            int n = f.min() + rng.nextInt(f.max() - f.min() + 1);
            for (int i = 1; i <= n; i++) receptacles.add(new Receptacle(f.kind(), i));
        }
        Map<Item, Receptacle> placement = new LinkedHashMap<>();
        for (ItemKind k : room.items()) {
            int n = k.light() ? 1 : rng.nextInt(4); // 0..3 of each portable kind
            for (int i = 1; i <= n; i++) {
                Optional<Receptacle> r = home(k, receptacles, rng);
                if (r.isEmpty()) break;
                placement.put(new Item(k, i), r.get());
            }
        }
        if (placement.size() < 5) return Optional.empty();
        Family family = wanted.orElseGet(() -> Family.values()[rng.nextInt(Family.values().length)]);
        Optional<Goal> goal = goal(family, receptacles, placement, rng);
        if (goal.isEmpty()) return Optional.empty();
        Set<Receptacle> openAtStart = new HashSet<>();
        for (Receptacle r : receptacles) if (r.kind().openable() && rng.nextInt(6) == 0) openAtStart.add(r);
        return Optional.of(new World(seed, room, receptacles, placement, openAtStart, goal.get()));
    }

    /** Mostly one of the kind's usual homes present in the room; otherwise any receptacle (lights: surfaces only). */
    private static Optional<Receptacle> home(ItemKind k, List<Receptacle> receptacles, SplittableRandom rng) {
        List<Receptacle> homes = receptacles.stream().filter(r -> k.homes().contains(r.kind().name())).toList();
        if (!homes.isEmpty() && (k.light() || rng.nextInt(5) != 0)) return Optional.of(homes.get(rng.nextInt(homes.size())));
        List<Receptacle> any = receptacles.stream().filter(r -> !k.light() || !r.kind().inside()).toList();
        return any.isEmpty() ? Optional.empty() : Optional.of(any.get(rng.nextInt(any.size())));
    }

    private static Optional<Goal> goal(Family family, List<Receptacle> receptacles, Map<Item, Receptacle> placement, SplittableRandom rng) {
        Set<ItemKind> present = new java.util.LinkedHashSet<>(placement.keySet().stream().map(Item::kind).toList());
        List<ItemKind> kinds = present.stream().filter(k -> k.portable() && family.treatment().map(k::accepts).orElse(true))
                .filter(k -> placement.keySet().stream().filter(i -> i.kind().equals(k)).count() >= (family == Family.PUT_TWO ? 2 : 1))
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        if (kinds.isEmpty()) return Optional.empty();
        if (family.treatment().isPresent() && receptacles.stream().noneMatch(r -> r.kind().appliance().equals(family.treatment()))) {
            return Optional.empty();
        }
        ItemKind item = kinds.get(rng.nextInt(kinds.size()));
        WorldText words = new WorldText(rng);
        if (family == Family.EXAMINE_UNDER_LIGHT) {
            Optional<ItemKind> light = present.stream().filter(ItemKind::light).findFirst();
            return light.map(l -> new Goal(family, item, Optional.empty(), light, words.goal(family, item, null, l)));
        }
        // Targets: plain receptacle kinds of the room that hold none of the kind yet, so the goal does not hold at the start.
        List<ReceptacleKind> targets = receptacles.stream().map(Receptacle::kind).distinct().filter(k -> k.appliance().isEmpty())
                .filter(k -> placement.entrySet().stream().noneMatch(e -> e.getKey().kind().equals(item) && e.getValue().kind().equals(k)))
                .toList();
        if (targets.isEmpty()) return Optional.empty();
        ReceptacleKind target = targets.get(rng.nextInt(targets.size()));
        return Optional.of(new Goal(family, item, Optional.of(target), Optional.empty(), words.goal(family, item, target, null)));
    }
}
