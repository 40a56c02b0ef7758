package kaizen.core.python;

import java.math.BigDecimal;

/**
 * Python's {@code repr(float)}: the shortest decimal that reads back as the same double (the
 * closest such when several have that length), in fixed notation when the decimal exponent is in
 * [-4, 16), otherwise as {@code 1.5e+16} / {@code 1e-05}.
 *
 * <p>Java's {@code Double.toString} (JDK 19 and later) already picks the shortest round-trip
 * digits, with one difference: when a single digit would do, it may pick a closer two-digit
 * decimal ({@code 4.9E-324} where Python prints {@code 5e-324}). That can only happen for
 * subnormals, which are fixed up here.
 */
final class FloatFormat {
    private FloatFormat() {}

    static void append(StringBuilder out, double d) {
        if (Double.isNaN(d)) {
            out.append("nan");
            return;
        }
        boolean negative = Double.doubleToRawLongBits(d) < 0;
        if (negative) out.append('-');
        double a = Math.abs(d);
        if (Double.isInfinite(a)) {
            out.append("inf");
            return;
        }
        if (a == 0) {
            out.append("0.0");
            return;
        }
        Digits digits = shortest(a);
        layout(out, digits.digits(), digits.pointPosition());
    }

    /** {@code value = 0.DIGITS x 10^pointPosition}, DIGITS without leading or trailing zeros. */
    record Digits(String digits, int pointPosition) {}

    static Digits shortest(double a) {
        Digits d = parseJava(Double.toString(a));
        if (a < Double.MIN_NORMAL && d.digits().length() == 2) d = preferOneDigit(a, d);
        return d;
    }

    private static Digits parseJava(String s) {
        int e = s.indexOf('E');
        int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        String mantissa = e < 0 ? s : s.substring(0, e);
        int dot = mantissa.indexOf('.');
        String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exponent;
        int start = 0;
        while (start < all.length() - 1 && all.charAt(start) == '0') {
            start++;
            point--;
        }
        int end = all.length();
        while (end > start + 1 && all.charAt(end - 1) == '0') end--;
        return new Digits(all.substring(start, end), point);
    }

    /** Among one-digit decimals that read back as {@code a}, the closest; else {@code twoDigits}. */
    private static Digits preferOneDigit(double a, Digits twoDigits) {
        int first = twoDigits.digits().charAt(0) - '0';
        int point = twoDigits.pointPosition();
        Digits best = null;
        BigDecimal bestDistance = null;
        BigDecimal exact = new BigDecimal(a);
        for (int digit = first; digit <= first + 1; digit++) {
            Digits candidate = digit == 10 ? new Digits("1", point + 1) : new Digits(Integer.toString(digit), point);
            BigDecimal value = new BigDecimal(candidate.digits()).scaleByPowerOfTen(candidate.pointPosition() - 1);
            if (Double.parseDouble(value.toString()) != a) continue;
            BigDecimal distance = value.subtract(exact).abs();
            int cmp = bestDistance == null ? -1 : distance.compareTo(bestDistance);
            if (cmp < 0 || (cmp == 0 && digit % 2 == 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? twoDigits : best;
    }

    private static void layout(StringBuilder out, String digits, int point) {
        int exponent = point - 1;
        int n = digits.length();
        if (exponent >= -4 && exponent < 16) {
            if (point <= 0) {
                out.append("0.");
                out.repeat('0', -point);
                out.append(digits);
            } else if (point >= n) {
                out.append(digits);
                out.repeat('0', point - n);
                out.append(".0");
            } else {
                out.append(digits, 0, point).append('.').append(digits, point, n);
            }
            return;
        }
        out.append(digits.charAt(0));
        if (n > 1) out.append('.').append(digits, 1, n);
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) out.append('0');
        out.append(abs);
    }
}
