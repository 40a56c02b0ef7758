package kaizen.env.alfworld.pddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kaizen.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad game files and bad PDDL are reported with the file, the field and the line. */
class PddlErrorsTest {
    private static final PddlSource SOURCE = new PddlSource(Path.of("game.tw-pddl"), "pddl_domain");

    private static BadInputException domainError(String text) {
        return assertThrows(BadInputException.class, () -> PddlParser.parseDomain(text, SOURCE));
    }

    @Test
    void undeclaredPredicateNamesItsLine() {
        BadInputException e = domainError("""
                (define (domain d)
                 (:predicates (p ?x))
                 (:action a :parameters (?x) :precondition (and (p ?x)
                    (q ?x)) :effect (p ?x)))
                """);
        assertEquals("pddl_domain", e.field());
        assertTrue(e.getMessage().contains("line 4 of the PDDL text: undeclared predicate q"), e.getMessage());
    }

    @Test
    void wrongArityMissingParenthesisAndNonAscii() {
        assertTrue(domainError("(define (domain d) (:predicates (p ?x)) (:action a :parameters (?x) :effect (p ?x ?x)))")
                .getMessage().contains("predicate p takes 1 arguments, found 2"));
        assertTrue(domainError("(define (domain d)\n (:predicates (p ?x))").getMessage().contains("missing ')'"));
        assertTrue(domainError("(define (domain d) ; café is fine in a comment\n (:predicates (p ?x caf\u00e9)))")
                .getMessage().contains("line 2 of the PDDL text: non-ASCII"));
    }

    @Test
    void problemForAnotherDomainOrWithUnknownObjects() {
        Pddl.Domain domain = PddlParser.parseDomain("(define (domain d) (:predicates (p ?x)))", SOURCE);
        PddlSource problemSource = new PddlSource(Path.of("game.tw-pddl"), "pddl_problem");
        BadInputException other = assertThrows(BadInputException.class, () -> PddlParser.parseProblem(
                "(define (problem x) (:domain e) (:objects a) (:init) (:goal (p a)))", domain, problemSource));
        assertTrue(other.getMessage().contains("for domain e, not d"), other.getMessage());
        Pddl.Problem unknown = PddlParser.parseProblem(
                "(define (problem x) (:domain d) (:objects a) (:init (p b)) (:goal (p a)))", domain, problemSource);
        BadInputException e = assertThrows(BadInputException.class,
                () -> PddlTask.compile(domain, unknown, problemSource));
        assertEquals("pddl_problem", e.field());
        assertTrue(e.getMessage().contains("names undeclared object b"), e.getMessage());
    }

    @Test
    void gameFileFieldsAreChecked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("game.tw-pddl");
        Files.writeString(file, "{\"pddl_domain\": \"(define (domain d))\", \"grammar\": 3}");
        BadInputException wrongType = assertThrows(BadInputException.class, () -> GameFile.read(file));
        assertEquals("grammar", wrongType.field());
        assertEquals(file, wrongType.file());
        Files.writeString(file, "{\"pddl_domain\": \"\", \"grammar\": \"\"}");
        assertEquals("pddl_problem", assertThrows(BadInputException.class, () -> GameFile.read(file)).field());
        Files.writeString(file, "{\n\"pddl_domain\": oops}");
        BadInputException json = assertThrows(BadInputException.class, () -> GameFile.read(file));
        assertEquals(2, json.line());
    }
}
