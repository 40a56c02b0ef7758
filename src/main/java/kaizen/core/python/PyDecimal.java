package kaizen.core.python;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Python {@code decimal.Decimal}, which keeps its exact digits: {@code Decimal('1.50')} is not
 * {@code Decimal('1.5')} when printed. {@code text} is normalised to what Python's
 * {@code str(Decimal(text))} prints, so {@code new PyDecimal("0.0000001").text()} is {@code "1E-7"}
 * and {@code new PyDecimal(" 007.50 ").text()} is {@code "7.50"}.
 *
 * @throws IllegalArgumentException for text that {@code Decimal()} rejects (underscores are not accepted here)
 */
public record PyDecimal(String text) implements PyValue {
    public PyDecimal {
        String given = text;
        text = DecimalText.parse(given)
                .orElseThrow(() -> new IllegalArgumentException("invalid literal for Decimal: '" + given + "'"))
                .pythonStr();
    }

    public static PyDecimal of(BigDecimal value) {
        return new PyDecimal(value.toString());
    }

    DecimalText parts() {
        return DecimalText.parse(text).orElseThrow();
    }

    /** The exact value; empty for NaN, sNaN, infinities and exponents beyond BigDecimal's range. */
    public Optional<BigDecimal> exactValue() {
        return parts().exactValue();
    }

    @Override
    public String typeName() {
        return "Decimal";
    }
}
