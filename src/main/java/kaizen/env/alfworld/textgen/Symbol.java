package kaizen.env.alfworld.textgen;

import java.util.List;

/**
 * One symbol of a grammar right-hand side, as TextWorld's context-sensitive grammar reads it
 * (textworld/envs/pddl/textgen/textgen.ebnf): plain text, a {@code #rule#} reference, an
 * {@code {expression | query}} (one copy of the expression per answer of the query, or one when
 * there is no query), or a {@code [{...}]} list of those copies joined as English lists.
 */
sealed interface Symbol {
    record Terminal(String text) implements Symbol {}

    record Nonterminal(String rule) implements Symbol {}

    /** {@code expression} is a {@link Nonterminal} or an {@link Eval}; {@code given} may be empty. */
    record Conditional(Symbol expression, String given) implements Symbol {}

    record Eval(String statement) implements Symbol {}

    record ListOf(Conditional item) implements Symbol {}

    /** A parsed right-hand side. */
    record Sequence(List<Symbol> symbols) {
        public Sequence {
            symbols = List.copyOf(symbols);
        }
    }
}
