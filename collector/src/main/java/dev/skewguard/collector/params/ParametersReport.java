package dev.skewguard.collector.params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job's parameters as the report's {@code job_parameters} (serve, and evaluate with --rules-file or --job). */
public final class ParametersReport {
    private ParametersReport() {
    }

    /**
     * @param disagreeing the workers whose Hello asked for another set than the job's (serve; empty for evaluate)
     * @param disagreeingHellos how many such Hellos came, listed or not
     */
    public static Map<String, Object> of(EffectiveParameters effective, List<Map<String, Object>> disagreeing,
                                         long disagreeingHellos) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("effective", effective.values());
        Map<String, String> sources = new LinkedHashMap<>();
        for (String name : ParameterNames.ALL) {
            sources.put(name, effective.source(name).jsonName());
        }
        report.put("sources", sources);
        report.put("rules_file_entry", effective.rulesEntry().isEmpty() ? null : effective.rulesEntry());
        report.put("requested", effective.requested());
        List<Map<String, Object>> ignored = new ArrayList<>();
        for (EffectiveParameters.Ignored i : effective.ignored()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("parameter", i.parameter());
            entry.put("value", i.value());
            entry.put("reason", i.reason());
            ignored.add(entry);
        }
        report.put("ignored", ignored);
        report.put("disagreeing_workers", new ArrayList<>(disagreeing));
        report.put("disagreeing_hellos", disagreeingHellos);
        return report;
    }
}
