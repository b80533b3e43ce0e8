package dev.skewguard.collector.params;

import dev.skewguard.collector.alert.AlertRoutes;
import dev.skewguard.collector.alert.WebhookTarget;
import java.util.Objects;
import java.util.Optional;

/**
 * Alert routes from the rules file: the first entry matching the job id decides, if it has a {@code webhook} section
 * (a target, or {@code null}: no alerts for those jobs); otherwise {@code serve --webhook-url}'s route applies. The
 * rules are read as they are now, so a reloaded file routes the next alert.
 */
public final class RulesFileAlertRoutes implements AlertRoutes {
    private final ParameterResolver resolver;
    private final AlertRoutes fallback;

    public RulesFileAlertRoutes(ParameterResolver resolver, AlertRoutes fallback) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Optional<WebhookTarget> forJob(String jobId) {
        Optional<ParameterRules.Entry> entry = resolver.rules().entryFor(jobId);
        if (entry.isPresent() && entry.get().webhook().isPresent()) {
            return entry.get().webhook().get().target();
        }
        return fallback.forJob(jobId);
    }
}
