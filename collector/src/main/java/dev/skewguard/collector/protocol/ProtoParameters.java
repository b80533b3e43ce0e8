package dev.skewguard.collector.protocol;

import dev.skewguard.collector.params.ParameterNames;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.JobParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hello.parameters as the parameter names and text values the {@code params} package takes (gRPC stays here). */
public final class ProtoParameters {
    private ProtoParameters() {
    }

    /** The parameters the Hello asks for, name to value as text, in {@link ParameterNames#ALL} order; set ones only. */
    public static Map<String, String> requested(Hello hello) {
        Map<String, String> requested = new LinkedHashMap<>();
        if (!hello.hasParameters()) {
            return requested;
        }
        JobParameters p = hello.getParameters();
        if (p.hasThresholdImbalance()) {
            requested.put(RuleParameters.THRESHOLD_IMBALANCE, Double.toString(p.getThresholdImbalance()));
        }
        if (p.hasThresholdMisprediction()) {
            requested.put(RuleParameters.THRESHOLD_MISPREDICTION, Double.toString(p.getThresholdMisprediction()));
        }
        if (p.hasSamples()) {
            requested.put(RuleParameters.SAMPLES, Long.toString(p.getSamples()));
        }
        if (p.hasArgmax()) {
            requested.put(RuleParameters.ARGMAX, Boolean.toString(p.getArgmax()));
        }
        if (p.hasLabelsRegex()) {
            requested.put(RuleParameters.LABELS_REGEX, p.getLabelsRegex());
        }
        if (p.hasPredictionsRegex()) {
            requested.put(RuleParameters.PREDICTIONS_REGEX, p.getPredictionsRegex());
        }
        if (p.hasWindow()) {
            requested.put(RuleParameters.WINDOW, Long.toString(p.getWindow()));
        }
        if (p.hasNumClasses()) {
            requested.put(RuleParameters.NUM_CLASSES, Long.toString(p.getNumClasses()));
        }
        if (p.hasPatienceImbalance()) {
            requested.put(ParameterNames.PATIENCE_IMBALANCE, Long.toString(p.getPatienceImbalance()));
        }
        if (p.hasPatienceMisprediction()) {
            requested.put(ParameterNames.PATIENCE_MISPREDICTION, Long.toString(p.getPatienceMisprediction()));
        }
        return requested;
    }
}
