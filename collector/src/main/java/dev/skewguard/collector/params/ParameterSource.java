package dev.skewguard.collector.params;

/** Where a job's effective parameter came from, as reports and metrics name it. */
public enum ParameterSource {
    /** The seed's default (threshold_imbalance 10, ...): nobody set it. */
    DEFAULT("default"),
    /** The collector's own options for every job (serve --threshold-imbalance, --params, --patience-*). */
    COLLECTOR("collector"),
    /** The entry of the operator's rules file (serve --rules-file) that matched the job id. */
    RULES_FILE("rules_file"),
    /** The job's own agent options (Hello.parameters), where the rules file lets the job set it. */
    JOB("job");

    private final String jsonName;

    ParameterSource(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in reports, the dashboard and metrics: default, collector, rules_file, job. */
    public String jsonName() {
        return jsonName;
    }
}
