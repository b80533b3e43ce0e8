package dev.skewguard.collector.cli;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.params.EffectiveParameters;
import dev.skewguard.collector.params.ParameterResolver;
import dev.skewguard.collector.params.ParameterRules;
import dev.skewguard.collector.params.ParametersReport;
import dev.skewguard.collector.rule.InvalidParameterException;
import dev.skewguard.collector.rule.RuleParameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}'s per-job parameters, as a picocli {@code @Mixin}: the collector's rules file and a job id, and the
 * job's own values, resolved exactly as {@code serve} resolves a job's first Hello ({@link ParameterResolver}), so
 * that a job is re-judged offline by the parameters the collector judged it by.
 */
public final class JobRulesOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--rules-file", paramLabel = "FILE",
            description = "The collector's rules file (serve --rules-file): the entry matching --job applies.")
    private Path rulesFile;

    @Option(names = "--job", paramLabel = "ID", description = "The job id the rules file is matched against.")
    private String job;

    @Option(names = "--job-parameter", paramLabel = "NAME=VALUE",
            description = "A value the job set itself (its agent option, the report's job_parameters.requested); "
                    + "ignored where the rules file locks it, as serve does. Repeatable.")
    private Map<String, String> requested = new LinkedHashMap<>();

    /**
     * The parameters: the collector's options ({@code rule}, {@code patience}), the rules file entry for the job,
     * the job's values.
     *
     * @throws ParameterException (a usage error, exit status 2) for --rules-file without --job, a bad file, or a bad
     *     job value, naming it
     */
    public EffectiveParameters resolve(RuleParameters rule, Patience patience) {
        if (rulesFile != null && job == null) {
            throw new ParameterException(spec.commandLine(), "--rules-file needs --job ID: the job id picks the "
                    + "rules file entry");
        }
        ParameterRules rules;
        try {
            rules = rulesFile != null ? ParameterRules.read(rulesFile) : ParameterRules.NONE;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            return new ParameterResolver(rule, patience, rules).resolve(job == null ? "" : job, requested);
        } catch (InvalidParameterException e) {
            throw new ParameterException(spec.commandLine(), "--job-parameter " + e.getMessage());
        }
    }

    /** The report's "job" and "job_parameters", when a job was named or given values. */
    public void report(EffectiveParameters parameters, Map<String, Object> extra) {
        if (job == null && requested.isEmpty() && rulesFile == null) {
            return;
        }
        if (job != null) {
            extra.put("job", job);
        }
        extra.put("job_parameters", ParametersReport.of(parameters, List.of(), 0));
    }
}
