package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.ConsoleText;
import dev.skewguard.proto.v1.Finding;
import dev.skewguard.proto.v1.Notice;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The collector's Notice (its rule fired and it does not stop the job): one line on the training's standard error,
 * once per process, whatever the number of streams or reconnects that carry it. The finding's summary holds text
 * other clients sent (worker ids), so it is escaped ({@link ConsoleText}): no control character reaches the
 * console.
 */
final class CollectorNotices {
    private static final AtomicBoolean PRINTED = new AtomicBoolean();
    private static final AtomicBoolean PARAMETERS_PRINTED = new AtomicBoolean();

    private CollectorNotices() {
    }

    /** Prints the notice unless one was printed already. Never throws. */
    static void print(Notice notice) {
        if (!notice.hasFinding() && !notice.getParametersNote().isEmpty()) {
            if (PARAMETERS_PRINTED.compareAndSet(false, true)) {
                AgentLog.warn(parametersLine(notice.getParametersNote()));
            }
            return;
        }
        if (!notice.hasFinding() || !PRINTED.compareAndSet(false, true)) {
            return;
        }
        AgentLog.warn(line(notice.getFinding()));
    }

    static String line(Finding finding) {
        String what = finding.getSummary().isEmpty() ? StopReasons.describe(finding)
                : ConsoleText.escape(finding.getSummary());
        return "the collector's rule fired for this job: " + what
                + " (the collector only reports it, --action log: training continues)";
    }

    /** What the collector did not apply of the job parameters this agent sent (Notice.parameters_note). */
    static String parametersLine(String note) {
        return "the collector did not apply every rule parameter this agent sent: " + ConsoleText.escape(note)
                + " (training continues; see the job's report, job_parameters)";
    }

    /** Tests: forget that a notice was printed. */
    static void reset() {
        PRINTED.set(false);
        PARAMETERS_PRINTED.set(false);
    }
}
