package kaizen.core.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a Python {@code decimal.Decimal} (sign, coefficient digits, exponent, or a special
 * value) and Python's {@code Decimal.__str__} of them. Parsing accepts what
 * {@code Decimal(str)} accepts for ASCII text without underscores: surrounding whitespace, a sign,
 * digits with an optional point, an optional exponent, Infinity/Inf/NaN/sNaN (any case, NaN
 * with optional payload digits).
 */
record DecimalText(boolean negative, Kind kind, String digits, long exponent) {

    enum Kind { FINITE, INFINITY, NAN, SNAN }

    /** Python's limit on decimal exponents (MAX_EMAX on 64-bit builds). */
    private static final long MAX_EXPONENT = 999_999_999_999_999_999L;

    static Optional<DecimalText> parse(String text) {
        String s = text.strip();
        int i = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        String rest = s.substring(i).toLowerCase(Locale.ROOT);
        if (rest.equals("inf") || rest.equals("infinity")) return Optional.of(new DecimalText(neg, Kind.INFINITY, "", 0));
        if (rest.startsWith("nan") || rest.startsWith("snan")) {
            boolean signalling = rest.startsWith("s");
            String payload = rest.substring(signalling ? 4 : 3);
            if (!payload.chars().allMatch(c -> c >= '0' && c <= '9')) return Optional.empty();
            String trimmed = stripLeadingZeros(payload);
            // NaN0 and NaN print the same: a zero payload is no payload.
            if (trimmed.equals("0")) trimmed = "";
            return Optional.of(new DecimalText(neg, signalling ? Kind.SNAN : Kind.NAN, trimmed, 0));
        }
        StringBuilder coefficient = new StringBuilder();
        int fractionDigits = 0;
        int digitsSeen = 0;
        boolean point = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                coefficient.append(c);
                digitsSeen++;
                if (point) fractionDigits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digitsSeen == 0) return Optional.empty();
        long exponent = 0;
        if (i < s.length()) {
            char e = s.charAt(i);
            if (e != 'e' && e != 'E') return Optional.empty();
            String exp = s.substring(i + 1);
            if (!exp.matches("[+-]?[0-9]+")) return Optional.empty();
            BigInteger value = new BigInteger(exp.startsWith("+") ? exp.substring(1) : exp);
            if (value.abs().compareTo(BigInteger.valueOf(MAX_EXPONENT)) > 0) return Optional.empty();
            exponent = value.longValueExact();
        }
        return Optional.of(new DecimalText(neg, Kind.FINITE, stripLeadingZeros(coefficient.toString()), exponent - fractionDigits));
    }

    private static String stripLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') k++;
        return digits.isEmpty() ? "0" : digits.substring(k);
    }

    /** Python's {@code Decimal.__str__}: plain notation unless the exponent is positive or the value is tiny. */
    String pythonStr() {
        String sign = negative ? "-" : "";
        switch (kind) {
            case INFINITY:
                return sign + "Infinity";
            case NAN:
                return sign + "NaN" + digits;
            case SNAN:
                return sign + "sNaN" + digits;
            default:
                break;
        }
        long leftDigits = exponent + digits.length();
        long dotPlace = exponent <= 0 && leftDigits > -6 ? leftDigits : 1;
        StringBuilder out = new StringBuilder(sign);
        if (dotPlace <= 0) {
            out.append("0.").append("0".repeat((int) -dotPlace)).append(digits);
        } else if (dotPlace >= digits.length()) {
            out.append(digits).append("0".repeat((int) (dotPlace - digits.length())));
        } else {
            out.append(digits, 0, (int) dotPlace).append('.').append(digits, (int) dotPlace, digits.length());
        }
        if (leftDigits != dotPlace) {
            long e = leftDigits - dotPlace;
            out.append('E').append(e >= 0 ? "+" : "").append(e);
        }
        return out.toString();
    }

    /** The exact value, for finite decimals whose exponent Java's BigDecimal can hold. */
    Optional<BigDecimal> exactValue() {
        if (kind != Kind.FINITE) return Optional.empty();
        if (digits.equals("0")) return Optional.of(BigDecimal.ZERO);
        long scale = -exponent;
        if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) return Optional.empty();
        BigDecimal v = new BigDecimal(new BigInteger(digits), (int) scale);
        return Optional.of(negative ? v.negate() : v);
    }
}
