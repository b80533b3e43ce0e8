package dev.skewguard.collector.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one token may touch: the job ids matching any of its patterns ({@code *} matches any run of characters,
 * everything else is literal; {@code *} alone: every job).
 */
public final class Grant {
    /** Every job: the grant of every caller when the collector has no tokens file. */
    public static final Grant ALL = new Grant(List.of("*"));

    private final List<String> patterns;
    private final List<Pattern> compiled;

    /** The job ids matching any of {@code patterns} (the {@code --tokens-file} syntax, also the rules file's). */
    public static Grant of(List<String> patterns) {
        return new Grant(patterns);
    }

    Grant(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.compiled = patterns.stream().map(Grant::compile).toList();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
            regex.append(Pattern.quote(glob.substring(start, star))).append(".*");
            start = star + 1;
        }
        regex.append(Pattern.quote(glob.substring(start)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** True if the job id matches one of the patterns. */
    public boolean allows(String jobId) {
        for (Pattern p : compiled) {
            if (p.matcher(jobId).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The patterns, for a PERMISSION_DENIED description (they are the operator's, not a secret). */
    public List<String> patterns() {
        return patterns;
    }
}
