package kaizen.core.python;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over {@link LiteralLexer} tokens for Python's eval input restricted to
 * literals: {@code expressions NEWLINE* ENDMARKER}, where an expression is a chain of unary
 * {@code + - ~} applied to a number, adjacent strings, None/True/False, or a parenthesised
 * expression, tuple, list, set or dict. Recursion only follows brackets, which the lexer caps at
 * 200 levels, so the Java stack is safe.
 */
final class LiteralParser {
    /**
     * CPython's compiler gives up on very deep expressions (RecursionError); at the top level of a
     * shallow call stack a chain of about 2990 unary operators still works. The exact limit
     * depends on the caller's Python stack depth, so this is an approximation.
     */
    private static final int MAX_UNARY_DEPTH = 2990;

    private final LiteralLexer lexer;
    private LiteralLexer.Token ahead;
    private int unaryDepth;

    LiteralParser(LiteralLexer lexer) {
        this.lexer = lexer;
        this.ahead = lexer.next();
    }

    private LiteralLexer.Token next() {
        LiteralLexer.Token t = ahead;
        ahead = lexer.next();
        return t;
    }

    private void expect(char op) {
        if (!next().isOp(op)) throw LiteralLexer.fail("expected '" + op + "'");
    }

    PyValue parseEvalInput() {
        if (ahead.kind() == LiteralLexer.Kind.NEWLINE || ahead.kind() == LiteralLexer.Kind.END) {
            throw LiteralLexer.fail("invalid syntax");
        }
        PyValue v = expressionOrTuple(false);
        while (ahead.kind() == LiteralLexer.Kind.NEWLINE) next();
        if (ahead.kind() != LiteralLexer.Kind.END) throw LiteralLexer.fail("invalid syntax");
        return v;
    }

    /** {@code a} or {@code a, b, ...} with an optional trailing comma; inside parentheses or at the top. */
    private PyValue expressionOrTuple(boolean inParens) {
        PyValue first = expression();
        if (!ahead.isOp(',')) return first;
        List<PyValue> items = new ArrayList<>();
        items.add(first);
        while (ahead.isOp(',')) {
            next();
            if (inParens ? ahead.isOp(')') : endsTopLevel()) break;
            items.add(expression());
        }
        return new PyTuple(items);
    }

    private boolean endsTopLevel() {
        return ahead.kind() == LiteralLexer.Kind.NEWLINE || ahead.kind() == LiteralLexer.Kind.END;
    }

    private PyValue expression() {
        StringBuilder ops = new StringBuilder();
        while (ahead.isOp('-') || ahead.isOp('+') || ahead.isOp('~')) {
            ops.append(next().op());
        }
        unaryDepth += ops.length();
        if (unaryDepth > MAX_UNARY_DEPTH) throw LiteralLexer.fail("maximum recursion depth exceeded during compilation");
        PyValue v = atom();
        unaryDepth -= ops.length();
        // A call, subscript or attribute after the atom is not a literal (the lexer rejects '.').
        if (ahead.isOp('(') || ahead.isOp('[')) throw LiteralLexer.fail("not a literal");
        for (int i = ops.length() - 1; i >= 0; i--) v = unary(ops.charAt(i), v);
        return v;
    }

    private static PyValue unary(char op, PyValue v) {
        PyInt asInt = switch (v) {
            case PyInt i -> i;
            case PyBool b -> PyInt.of(b.value() ? 1 : 0);
            default -> null;
        };
        if (asInt != null) {
            return switch (op) {
                case '-' -> new PyInt(asInt.value().negate());
                case '~' -> new PyInt(asInt.value().not());
                default -> asInt;
            };
        }
        if (v instanceof PyFloat f && op != '~') return op == '-' ? new PyFloat(-f.value()) : f;
        throw LiteralLexer.fail("bad operand type for unary " + op + ": '" + v.typeName() + "'");
    }

    private PyValue atom() {
        LiteralLexer.Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return t.value();
            case STRING:
                return strings(t.value());
            case NAME:
                return switch (t.text()) {
                    case "None" -> PyNone.INSTANCE;
                    case "True" -> PyBool.TRUE;
                    case "False" -> PyBool.FALSE;
                    default -> throw LiteralLexer.fail("name '" + t.text() + "' is not a literal");
                };
            case OP:
                break;
            default:
                throw LiteralLexer.fail("invalid syntax");
        }
        return switch (t.op()) {
            case '(' -> parenthesised();
            case '[' -> new PyList(itemsUntil(']'));
            case '{' -> braces();
            default -> throw LiteralLexer.fail("invalid syntax");
        };
    }

    /** Adjacent string literals concatenate; str and bytes may not be mixed. */
    private PyValue strings(PyValue first) {
        if (ahead.kind() != LiteralLexer.Kind.STRING) return first;
        boolean bytes = first instanceof PyBytes;
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        PyValue part = first;
        while (true) {
            if ((part instanceof PyBytes) != bytes) throw LiteralLexer.fail("cannot mix bytes and nonbytes literals");
            if (part instanceof PyBytes b) data.writeBytes(b.value());
            else text.append(((PyStr) part).value());
            if (ahead.kind() != LiteralLexer.Kind.STRING) break;
            part = next().value();
        }
        return bytes ? new PyBytes(data.toByteArray()) : new PyStr(text.toString());
    }

    private PyValue parenthesised() {
        if (ahead.isOp(')')) {
            next();
            return new PyTuple(List.of());
        }
        PyValue v = expressionOrTuple(true);
        expect(')');
        return v;
    }

    /** Comma-separated expressions up to {@code close}, trailing comma allowed. */
    private List<PyValue> itemsUntil(char close) {
        List<PyValue> items = new ArrayList<>();
        while (!ahead.isOp(close)) {
            items.add(expression());
            if (!ahead.isOp(',')) break;
            next();
        }
        expect(close);
        return items;
    }

    private PyValue braces() {
        if (ahead.isOp('}')) {
            next();
            return new PyDict(List.of());
        }
        PyValue first = expression();
        if (!ahead.isOp(':')) {
            List<PyValue> items = new ArrayList<>();
            items.add(first);
            if (ahead.isOp(',')) {
                next();
                items.addAll(itemsUntil('}'));
            } else {
                expect('}');
            }
            for (PyValue item : items) requireHashable(item);
            return new PySet(items);
        }
        List<PyDict.Entry> entries = new ArrayList<>();
        PyValue key = first;
        while (true) {
            expect(':');
            entries.add(new PyDict.Entry(key, expression()));
            if (!ahead.isOp(',')) break;
            next();
            if (ahead.isOp('}')) break;
            key = expression();
        }
        expect('}');
        for (PyDict.Entry e : entries) requireHashable(e.key());
        return new PyDict(entries);
    }

    private static void requireHashable(PyValue v) {
        if (!HashKey.isHashable(v)) throw LiteralLexer.fail("unhashable type: '" + v.typeName() + "'");
    }
}
