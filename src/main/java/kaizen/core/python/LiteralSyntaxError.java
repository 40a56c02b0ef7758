package kaizen.core.python;

/**
 * Thrown inside the literal evaluator where Python's {@code eval} would raise (a syntax error, a
 * TypeError such as an unhashable set element) or would compute something that is not a literal;
 * {@link PythonLiteral#eval} turns it into an empty result. No stack trace: it is control flow.
 */
final class LiteralSyntaxError extends RuntimeException {
    LiteralSyntaxError(String message) {
        super(message, null, false, false);
    }
}
