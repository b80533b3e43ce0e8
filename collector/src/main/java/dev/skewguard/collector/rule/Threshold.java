package dev.skewguard.collector.rule;

import java.math.BigDecimal;

/**
 * A strict "numerator / denominator > threshold" test on counts, exact against the threshold as written in
 * decimal: 70 / 100 does not exceed 0.7, and 71 / 100 does.
 *
 * <p>The quotient of two counts is computed as a correctly rounded double and compared with the threshold's
 * double. Rounding is monotone, so when the two doubles differ the order they show is the true order; only when
 * they are equal is the exact decimal comparison needed, and it is done with BigDecimal.
 */
final class Threshold {
    private final double value;
    private final BigDecimal decimal;

    Threshold(double value) {
        this.value = value;
        this.decimal = BigDecimal.valueOf(value);
    }

    /** numerator / denominator > threshold; a positive numerator over 0 is +Infinity, 0 / 0 exceeds nothing. */
    boolean exceeded(long numerator, long denominator) {
        if (denominator == 0) {
            return numerator > 0;
        }
        double quotient = (double) numerator / denominator;
        if (quotient != value) {
            return quotient > value;
        }
        return BigDecimal.valueOf(numerator).compareTo(decimal.multiply(BigDecimal.valueOf(denominator))) > 0;
    }
}
