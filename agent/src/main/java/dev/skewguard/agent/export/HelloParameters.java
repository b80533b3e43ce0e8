package dev.skewguard.agent.export;

import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.JobParameters;
import java.util.Map;

/** The job's own rule parameters (agent options, already checked) as Hello.parameters; none given: not set. */
final class HelloParameters {
    private HelloParameters() {
    }

    /** A Hello holding only {@code parameters} (to merge into the real one); empty if there are none. */
    static Hello of(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return Hello.getDefaultInstance();
        }
        JobParameters.Builder p = JobParameters.newBuilder();
        parameters.forEach((name, value) -> {
            switch (name) {
                case "threshold_imbalance": p.setThresholdImbalance(Double.parseDouble(value)); break;
                case "threshold_misprediction": p.setThresholdMisprediction(Double.parseDouble(value)); break;
                case "samples": p.setSamples(Long.parseLong(value)); break;
                case "argmax": p.setArgmax(Boolean.parseBoolean(value)); break;
                case "labels_regex": p.setLabelsRegex(value); break;
                case "predictions_regex": p.setPredictionsRegex(value); break;
                case "window": p.setWindow(Long.parseLong(value)); break;
                case "num_classes": p.setNumClasses(Long.parseLong(value)); break;
                case "patience_imbalance": p.setPatienceImbalance(Long.parseLong(value)); break;
                case "patience_misprediction": p.setPatienceMisprediction(Long.parseLong(value)); break;
                default: break; // the config holds checked names only
            }
        });
        return Hello.newBuilder().setParameters(p).build();
    }
}
