package dev.skewguard.collector.rule;

/** A rule parameter with a value the rule refuses. The message names the parameter and the value. */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String value;
    private final String reason;

    public InvalidParameterException(String parameter, String value, String reason) {
        super(parameter + ": invalid value \"" + value + "\": " + reason);
        this.parameter = parameter;
        this.value = value;
        this.reason = reason;
    }

    /** The parameter's snake_case name, e.g. "threshold_imbalance". */
    public String parameter() {
        return parameter;
    }

    /** Why the value is refused, e.g. "must be at least 1". */
    public String reason() {
        return reason;
    }

    /** The refused value as text. */
    public String value() {
        return value;
    }
}
