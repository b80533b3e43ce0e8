package dev.skewguard.collector.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --report-retention}'s value: a positive whole number with a unit, {@code 7d}, {@code 36h}, {@code 90m} or
 * {@code 45s}.
 */
final class RetentionConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})([dhms])");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new CommandLine.TypeConversionException("--report-retention must be a positive whole number with "
                    + "a unit, d (days), h (hours), m (minutes) or s (seconds), e.g. 7d or 36h; got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
