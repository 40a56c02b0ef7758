package kaizen.core.python;

import java.math.BigInteger;

/**
 * The part of CPython 3.11's tokenizer that literal expressions need: numbers, strings (with their
 * prefixes), names, the brackets and {@code , : + - ~}, NEWLINE and the end. It keeps CPython's
 * rules on indentation (eval input may not be indented after its first line), blank and comment
 * lines, backslash continuations and bracket nesting (at most 200 levels). Any other character
 * fails, which is right for literals: Python would either reject it or compute a non-literal.
 */
final class LiteralLexer {
    enum Kind { NUMBER, STRING, NAME, OP, NEWLINE, END }

    /** {@code value} is set for NUMBER and STRING; {@code op} for OP; {@code text} for NAME. */
    record Token(Kind kind, PyValue value, char op, String text) {
        boolean isOp(char c) {
            return kind == Kind.OP && op == c;
        }
    }

    private static final int MAX_LEVEL = 200;
    /** CPython refuses decimal int literals longer than this (sys.int_info.default_max_str_digits). */
    private static final int MAX_INT_DIGITS = 4300;

    private final int[] src;
    private int pos;
    private int level;
    private boolean atLineStart = true;
    private boolean lineHasTokens;
    private final char[] brackets = new char[MAX_LEVEL];

    LiteralLexer(int[] src) {
        this.src = src;
    }

    static LiteralSyntaxError fail(String why) {
        return new LiteralSyntaxError(why);
    }

    private int peek() {
        return pos < src.length ? src[pos] : -1;
    }

    private int peek(int ahead) {
        return pos + ahead < src.length ? src[pos + ahead] : -1;
    }

    Token next() {
        while (true) {
            if (atLineStart) {
                atLineStart = false;
                checkIndentation();
            }
            int c = peek();
            while (c == ' ' || c == '\t' || c == '\f') {
                pos++;
                c = peek();
            }
            if (c == '#') {
                while (c != -1 && c != '\n') {
                    pos++;
                    c = peek();
                }
            }
            if (c == -1) {
                if (level > 0) throw fail("unexpected EOF in brackets");
                return new Token(Kind.END, null, '\0', null);
            }
            if (c == '\n') {
                pos++;
                atLineStart = true;
                if (level > 0 || !lineHasTokens) continue;
                lineHasTokens = false;
                return new Token(Kind.NEWLINE, null, '\0', null);
            }
            if (c == '\\') {
                continuation();
                continue;
            }
            lineHasTokens = true;
            return token(c);
        }
    }

    /**
     * Spaces, tabs, form feeds (which reset the column) and backslash continuations before the
     * first token of a line; on a non-blank line outside brackets the column must be 0. As in
     * CPython 3.11, the column at the first continuation backslash counts, if it is not 0.
     */
    private void checkIndentation() {
        int col = 0;
        int contCol = 0;
        while (true) {
            int c = peek();
            if (c == ' ') col++;
            else if (c == '\t') col = (col / 8 + 1) * 8;
            else if (c == '\f') col = 0;
            else if (c == '\\') {
                contCol = contCol != 0 ? contCol : col;
                continuation();
                continue;
            } else break;
            pos++;
        }
        int c = peek();
        boolean blank = c == '#' || c == '\n';
        if (!blank && level == 0 && (contCol != 0 ? contCol : col) != 0) throw fail("unexpected indent");
    }

    private void continuation() {
        pos++;
        if (peek() != '\n') throw fail("unexpected character after line continuation character");
        pos++;
        if (peek() == -1) throw fail("unexpected EOF while parsing");
    }

    private Token token(int c) {
        if (isIdentifierStart(c)) return nameOrString();
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) return number();
        if (c == '"' || c == '\'') return string(0);
        pos++;
        switch (c) {
            case '(', '[', '{' -> {
                if (level >= MAX_LEVEL) throw fail("too many nested parentheses");
                brackets[level++] = (char) c;
            }
            case ')', ']', '}' -> {
                if (level == 0) throw fail("unmatched '" + (char) c + "'");
                char open = brackets[--level];
                if ((open == '(' ? ')' : open == '[' ? ']' : '}') != c) throw fail("closing parenthesis does not match");
            }
            case ',', ':', '+', '-', '~' -> { }
            default -> throw fail("not part of a literal: " + Character.toString(c));
        }
        return new Token(Kind.OP, null, (char) c, null);
    }

    // ---- names and string prefixes ----

    private static boolean isIdentifierStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
    }

    private static boolean isIdentifierChar(int c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** CPython's prefix rules: b, r, u, f in the combinations it allows, directly before a quote. */
    private Token nameOrString() {
        int start = pos;
        int flags = 0;
        while (true) {
            int c = peek();
            int lower = c | 0x20;
            boolean b = (flags & StringLiteral.BYTES) != 0;
            boolean r = (flags & StringLiteral.RAW) != 0;
            boolean u = (flags & StringLiteral.UNICODE) != 0;
            boolean f = (flags & StringLiteral.FORMAT) != 0;
            if (lower == 'b' && !(b || u || f)) flags |= StringLiteral.BYTES;
            else if (lower == 'u' && !(b || u || r || f)) flags |= StringLiteral.UNICODE;
            else if (lower == 'r' && !(r || u)) flags |= StringLiteral.RAW;
            else if (lower == 'f' && !(f || b || u)) flags |= StringLiteral.FORMAT;
            else break;
            pos++;
            if (peek() == '"' || peek() == '\'') return string(flags);
        }
        while (isIdentifierChar(peek())) pos++;
        return new Token(Kind.NAME, null, '\0', new String(src, start, pos - start));
    }

    // ---- strings ----

    /** Scans a string token as CPython does: a backslash always takes the next character with it. */
    private Token string(int flags) {
        int quote = src[pos++];
        int quoteSize = 1;
        int endQuoteSize = 0;
        if (peek() == quote) {
            pos++;
            if (peek() == quote) {
                pos++;
                quoteSize = 3;
            } else {
                endQuoteSize = 1; // the empty string ''
            }
        }
        int bodyStart = pos;
        while (endQuoteSize != quoteSize) {
            int c = peek();
            if (c == -1 || (quoteSize == 1 && c == '\n')) throw fail("unterminated string literal");
            pos++;
            if (c == quote) {
                endQuoteSize++;
            } else {
                endQuoteSize = 0;
                if (c == '\\') {
                    if (peek() == -1) throw fail("unterminated string literal");
                    pos++;
                }
            }
        }
        int bodyEnd = pos - quoteSize;
        if (bodyEnd < bodyStart) bodyEnd = bodyStart; // the empty string '' (quote size 1, end size 1)
        PyValue value = StringLiteral.decode(flags, src, bodyStart, bodyEnd);
        return new Token(Kind.STRING, value, '\0', null);
    }

    // ---- numbers ----

    private Token number() {
        int start = pos;
        int c = peek();
        if (c == '0') {
            int x = peek(1) | 0x20;
            if (x == 'x' || x == 'o' || x == 'b') {
                pos += 2;
                int radix = x == 'x' ? 16 : x == 'o' ? 8 : 2;
                return new Token(Kind.NUMBER, new PyInt(radixDigits(radix)), '\0', null);
            }
            // "0", "00", "0_0" are fine; other leading zeros only before a point or exponent.
            boolean nonZero = false;
            while (true) {
                pos++;
                c = peek();
                if (c == '_') {
                    pos++;
                    c = peek();
                    if (!isDigit(c)) throw fail("invalid decimal literal");
                }
                if (c != '0') break;
            }
            if (isDigit(c)) {
                nonZero = true;
                c = decimalTail();
            }
            if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J') return fraction(start);
            if (nonZero) throw fail("leading zeros in decimal integer literals are not permitted");
            checkEndOfNumber();
            return new Token(Kind.NUMBER, PyInt.of(0), '\0', null);
        }
        if (c != '.') {
            c = decimalTail();
            if (c != '.' && c != 'e' && c != 'E' && c != 'j' && c != 'J') {
                checkEndOfNumber();
                return new Token(Kind.NUMBER, decimalInt(start), '\0', null);
            }
        }
        return fraction(start);
    }

    /** At '.', 'e' or 'j' after the integer digits (or at a leading '.'). */
    private Token fraction(int start) {
        int c = peek();
        if (c == '.') {
            pos++;
            c = peek();
            if (isDigit(c)) c = decimalTail();
        }
        if (c == 'e' || c == 'E') {
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
                c = peek();
                if (!isDigit(c)) throw fail("invalid decimal literal");
            } else if (!isDigit(c)) {
                throw fail("invalid decimal literal");
            }
            c = decimalTail();
        }
        if (c == 'j' || c == 'J') throw fail("complex numbers are not supported");
        checkEndOfNumber();
        String text = new String(src, start, pos - start).replace("_", "");
        return new Token(Kind.NUMBER, new PyFloat(Double.parseDouble(text)), '\0', null);
    }

    /** At a digit: consumes digits with single underscores between them; returns the character after. */
    private int decimalTail() {
        while (true) {
            int c;
            do {
                pos++;
                c = peek();
            } while (isDigit(c));
            if (c != '_') return c;
            pos++;
            if (!isDigit(peek())) throw fail("invalid decimal literal");
        }
    }

    private BigInteger radixDigits(int radix) {
        StringBuilder digits = new StringBuilder();
        int c = peek();
        do {
            if (c == '_') {
                pos++;
                c = peek();
            }
            if (Character.digit(c, radix) < 0 || c >= 128) {
                throw fail(radix == 16 || !isDigit(c) ? "invalid literal" : "invalid digit in literal");
            }
            while (c < 128 && Character.digit(c, radix) >= 0) {
                digits.append((char) c);
                pos++;
                c = peek();
            }
        } while (c == '_');
        if (isDigit(c)) throw fail("invalid digit in literal");
        checkEndOfNumber();
        return new BigInteger(digits.toString(), radix);
    }

    private PyInt decimalInt(int start) {
        String digits = new String(src, start, pos - start).replace("_", "");
        if (digits.length() > MAX_INT_DIGITS) throw fail("Exceeds the limit (4300 digits) for integer string conversion");
        return new PyInt(new BigInteger(digits));
    }

    /**
     * A number may not run into a name ("1abc", "0x1g"). CPython lets a keyword follow directly
     * ("1if x else y"), but what follows then is no literal, so failing here is equivalent.
     */
    private void checkEndOfNumber() {
        if (isIdentifierChar(peek())) throw fail("invalid decimal literal");
    }
}
