package dev.skewguard.collector.metrics;

import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.jobs.JobSnapshot;
import dev.skewguard.collector.metrics.TopClasses;
import dev.skewguard.collector.params.EffectiveParameters;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.ModeReport;
import dev.skewguard.collector.rule.Report;
import dev.skewguard.collector.security.HttpTokenAuthenticator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the metrics read of each job, built once per change of the job (its {@link Job#version()}) rather than once
 * per metric and scrape; one view per job held, for the jobs the registry holds.
 */
final class JobViews {
    /** One mode of a job: its labels, current ratio, number of classes and the classes with their own series. */
    record ModeView(Mode mode, long labels, double ratio, int classes, TopClasses.Selection selection) {
    }

    /** One job as the metrics show it. */
    record View(String id, JobSnapshot snapshot, List<ModeView> modes, Optional<Finding> trigger,
                Optional<Decision> decision, EffectiveParameters parameters) {
    }

    private record Cached(long version, View view) {
    }

    private final JobRegistry registry;
    private final int topClasses;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    JobViews(JobRegistry registry, int topClasses) {
        this.registry = registry;
        this.topClasses = TopClasses.checkK(topClasses);
    }

    /** The jobs the scraping token may see (every job without a tokens file). */
    List<View> visible() {
        Collection<Job> jobs = registry.jobs();
        Set<String> held = new HashSet<>();
        List<View> views = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            held.add(job.id());
            if (HttpTokenAuthenticator.currentGrant().allows(job.id())) {
                views.add(view(job));
            }
        }
        cache.keySet().retainAll(held);
        return views;
    }

    private View view(Job job) {
        long version = job.version();
        Cached cached = cache.get(job.id());
        if (cached != null && cached.version() == version) {
            return cached.view();
        }
        Report report = job.report();
        List<ModeView> modes = new ArrayList<>();
        for (ModeReport mode : report.modes().values()) {
            modes.add(new ModeView(mode.mode(), mode.samplesSeen(), mode.ratio(), mode.classes().size(),
                    TopClasses.select(mode.classes(), topClasses)));
        }
        View view = new View(job.id(), job.snapshot(), List.copyOf(modes), job.finding(), job.decided(),
                job.parameters());
        cache.put(job.id(), new Cached(version, view));
        return view;
    }
}
