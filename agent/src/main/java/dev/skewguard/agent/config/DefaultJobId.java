package dev.skewguard.agent.config;

/**
 * The job id a JVM gets when nobody says one: the main class's simple name (or the jar's name) and the start time in
 * UTC, e.g. {@code Train-20261122T171800Z}.
 */
final class DefaultJobId {
    private DefaultJobId() {
    }

    /**
     * From the JVM's command ({@code sun.java.command}: the main class or the jar, then the arguments; null or blank
     * gives {@code java}) and its start time; characters other than letters, digits, {@code _ . -} become {@code _}.
     */
    static String of(String javaCommand, long startMillis) {
        String main = "java";
        if (javaCommand != null && !javaCommand.isBlank()) {
            String trimmed = javaCommand.trim();
            int space = 0;
            while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
                space++;
            }
            String first = trimmed.substring(0, space);
            if (first.endsWith(".jar")) {
                int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
                main = first.substring(slash + 1, first.length() - 4);
            } else {
                main = first.substring(first.lastIndexOf('.') + 1);
            }
        }
        StringBuilder id = new StringBuilder(main.length() + 17);
        for (int i = 0; i < main.length(); i++) {
            char c = main.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            id.append(plain ? c : '_');
        }
        if (id.length() == 0) {
            id.append("java");
        }
        return id.append('-').append(utcStamp(startMillis)).toString();
    }

    /**
     * yyyyMMdd'T'HHmmss'Z' in UTC, computed by hand: java.time's formatter would add tens of milliseconds to the
     * JVM's start (days-to-civil-date after Howard Hinnant's algorithm).
     */
    static String utcStamp(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        long days = Math.floorDiv(seconds, 86_400L);
        long secondOfDay = seconds - days * 86_400L;
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
                + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z";
    }

    private static String pad(long value, int width) {
        StringBuilder s = new StringBuilder(Long.toString(value));
        while (s.length() < width) {
            s.insert(0, '0');
        }
        return s.toString();
    }
}
