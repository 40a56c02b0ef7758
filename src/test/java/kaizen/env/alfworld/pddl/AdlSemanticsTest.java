package kaizen.env.alfworld.pddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** ADL corner cases on small hand-written PDDL, checked against what Fast Downward + textworld do. */
class AdlSemanticsTest {
    private static final String DOMAIN = """
            (define (domain toy)
             (:requirements :adl :typing :action-costs)
             (:types room thing - object box - thing)   ; box is a subtype of thing
             (:predicates (at ?r - room) (in ?t - thing ?r - room) (on ?t - thing) (lit ?r - room)
                          (seen ?t - thing) (held ?t - thing) (handsfull) (door ?a - room ?b - room))
             (:functions (total-cost) - number)
             (:action go
               :parameters (?from - room ?to - room)
               :precondition (and (at ?from) (door ?from ?to))
               :effect (and (not (at ?from)) (at ?to) (increase (total-cost) 1)))
             (:action switch
               :parameters (?t - thing ?r - room)
               :precondition (and (at ?r) (in ?t ?r))
               :effect (and (when (on ?t) (not (on ?t))) (when (not (on ?t)) (on ?t))))
             (:action look
               :parameters (?r - room)
               :precondition (at ?r)
               :effect (forall (?t - thing) (when (in ?t ?r) (seen ?t))))
             (:action take
               :parameters (?t - thing ?r - room)
               :precondition (and (at ?r) (in ?t ?r) (or (not (handsfull)) (lit ?r)))
               :effect (and (not (in ?t ?r)) (held ?t) (handsfull)))
             (:action peek
               :parameters (?t - thing)
               :precondition (or (held ?t) (exists (?r - room) (and (at ?r) (in ?t ?r))))
               :effect (seen ?t))
             (:action hidden
               :parameters (?t - thing)
               :precondition (exists (?r - room,) (in ?t ?r))
               :effect (seen ?t))
             (:action tidy
               :parameters (?r - room)
               :precondition (and (at ?r) (forall (?t - thing) (imply (in ?t ?r) (seen ?t))))
               :effect (lit ?r))
             (:action swap
               :parameters (?a - thing ?b - thing)
               :precondition (and (held ?a) (not (= ?a ?b)) (seen ?b))
               :effect (and (not (held ?a)) (held ?a) (held ?b)))
            )
            """;
    private static final String PROBLEM = """
            (define (problem p1) (:domain toy)
             (:objects kitchen hall - room lamp - thing crate - box)
             (:init (at hall) (door hall kitchen) (door kitchen hall) (in lamp kitchen) (in crate kitchen)
                    (= (total-cost) 0))
             (:goal (and (on lamp) (exists (?a - thing ?b - thing) (and (held ?a) (held ?b) (not (= ?a ?b)))))))
            """;

    private static PddlState start() {
        PddlSource source = new PddlSource(Path.of("toy.pddl"), "pddl");
        Pddl.Domain domain = PddlParser.parseDomain(DOMAIN, source);
        return PddlTask.compile(domain, PddlParser.parseProblem(PROBLEM, domain, source), source).initialState();
    }

    private static TreeSet<String> names(PddlState state) {
        TreeSet<String> names = new TreeSet<>();
        state.applicableActions().forEach(a -> names.add(a.name()));
        return names;
    }

    private static void play(PddlState state, String name) {
        state.apply(state.applicableActions().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + names(state))));
    }

    @Test
    void onlyActionsWhosePreconditionHoldsAreApplicable() {
        PddlState state = start();
        // tidy: the hall holds nothing, so its forall holds vacuously
        assertEquals(new TreeSet<>(List.of("go hall kitchen", "look hall", "tidy hall")), names(state));
    }

    @Test
    void conditionalEffectsFlipTheTruthButTheTextReplaysEveryTranslatedEffect() {
        PddlState state = start();
        play(state, "go hall kitchen");
        play(state, "switch lamp kitchen");
        // planner: (on lamp) became true
        play(state, "switch lamp kitchen");
        // planner: false again; the text facts replay add then delete each time, so they end on not_on
        assertFalse(state.textFacts().holds("on", List.of("lamp")));
        assertTrue(state.textFacts().holds("not_on", List.of("lamp")));
        play(state, "switch lamp kitchen");
        assertTrue(state.textFacts().holds("not_on", List.of("lamp")), "text facts ignore effect conditions");
        assertFalse(state.textFacts().holds("on", List.of("lamp")));
    }

    @Test
    void theGoalReadsThePlannerStateNotTheTextFacts() {
        PddlState state = start();
        play(state, "go hall kitchen");
        play(state, "switch lamp kitchen");
        play(state, "take lamp kitchen");
        assertFalse(state.goalReached(), "one thing held");
        play(state, "look kitchen");
        play(state, "tidy kitchen");
        play(state, "take crate kitchen");
        assertTrue(state.goalReached(), "lamp on (planner state) and two distinct things held");
        assertTrue(state.textFacts().holds("not_on", List.of("lamp")));
    }

    @Test
    void aNoOpOperatorIsDropped() {
        PddlState state = start();
        play(state, "go hall kitchen");
        play(state, "take lamp kitchen");
        // "go kitchen kitchen" would need (door kitchen kitchen); "swap" adds only (held ?a), already
        // required, and (held ?b): with ?b unheld it is no no-op, so it exists once ?b is seen.
        assertFalse(names(state).contains("swap lamp lamp"), "(not (= ?a ?b))");
        assertFalse(names(state).stream().anyMatch(n -> n.startsWith("swap")), "nothing seen yet");
        play(state, "look kitchen");
        assertTrue(names(state).contains("swap lamp crate"));
    }

    @Test
    void disjunctivePreconditionsGiveOneActionPerName() {
        PddlState state = start();
        play(state, "go hall kitchen");
        play(state, "take lamp kitchen");
        play(state, "look kitchen");
        assertFalse(names(state).contains("take crate kitchen"), "hands full and the room is dark");
        play(state, "tidy kitchen");
        assertTrue(names(state).contains("take crate kitchen"), "(or (not handsfull) (lit ?r)): second disjunct");
        assertEquals(1, state.applicableActions().stream().filter(a -> a.name().equals("peek lamp")).count(),
                "held, and not in the room: one action although the precondition is an or");
    }

    @Test
    void anUndeclaredTypeHasNoObjectsSoItsQuantifierIsNeverSatisfied() {
        PddlState state = start();
        play(state, "go hall kitchen");
        // ALFWorld's examineObject writes (?l - location, ?r - receptacle): the type "room," has no objects
        assertFalse(names(state).stream().anyMatch(n -> n.startsWith("hidden")));
        assertTrue(names(state).contains("peek lamp"), "the same existential with a well-formed type");
    }

    @Test
    void subtypeObjectsFillSupertypeParameters() {
        PddlState state = start();
        play(state, "go hall kitchen");
        assertTrue(names(state).contains("switch crate kitchen"), "crate is a box, box a thing");
    }

    @Test
    void forallEffectsAndForallPreconditions() {
        PddlState state = start();
        play(state, "go hall kitchen");
        assertFalse(names(state).contains("tidy kitchen"), "nothing seen yet");
        play(state, "look kitchen");
        assertTrue(state.textFacts().holds("seen", List.of("lamp")));
        assertTrue(state.textFacts().holds("seen", List.of("crate")));
        assertTrue(names(state).contains("tidy kitchen"));
    }

    @Test
    void deletedAtomsLeaveNegatedTextFactsAndAddsWinOverDeletes() {
        PddlState state = start();
        assertTrue(state.textFacts().withPredicate("not_at").isEmpty(), "never true is not not_");
        play(state, "go hall kitchen");
        assertEquals(List.of(List.of("hall")), state.textFacts().withPredicate("not_at"));
        assertEquals(List.of(List.of("kitchen")), state.textFacts().withPredicate("at"));
        play(state, "take lamp kitchen");
        play(state, "look kitchen");
        play(state, "swap lamp crate");
        assertTrue(state.textFacts().holds("held", List.of("lamp")), "delete and add of (held lamp): add wins");
        assertFalse(state.textFacts().holds("not_held", List.of("lamp")));
    }

    @Test
    void factsAreListedInArgumentOrderAndStaticFactsAreText() {
        PddlState state = start();
        assertEquals(List.of(List.of("crate", "kitchen"), List.of("lamp", "kitchen")),
                state.textFacts().withPredicate("in"));
        assertTrue(state.textFacts().holds("door", List.of("hall", "kitchen")));
    }

    @Test
    void applyingAnInapplicableActionIsRefused() {
        PddlState state = start();
        GroundAction go = state.applicableActions().getFirst();
        state.apply(go);
        assertThrows(IllegalArgumentException.class, () -> state.apply(go));
    }
}
