package dev.skewguard.collector.options;

import dev.skewguard.collector.alert.AlertRoutes;
import dev.skewguard.collector.alert.WebhookSender;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.metrics.TopClasses;
import dev.skewguard.collector.params.ParameterRules;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.security.ServerTls;
import dev.skewguard.collector.security.TokensFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** Builds {@link ServerOptions}: each setter checks its value and says what is wrong in one line. */
public final class ServerOptionsBuilder {
    String bind = ServerOptions.DEFAULT_BIND;
    int port = ServerOptions.DEFAULT_PORT;
    RuleParameters ruleParameters = RuleParameters.DEFAULTS;
    Patience patience = Patience.DEFAULTS;
    ParameterRules rules = ParameterRules.NONE;
    Action action = Action.LOG;
    Path reportDir;
    Path stateDir;
    boolean exitWhenDone;
    Duration idleTimeout = Duration.ZERO;
    boolean quiet;
    int maxMessageBytes = ServerOptions.DEFAULT_MAX_MESSAGE_BYTES;
    Integer metricsPort;
    int metricsTopClasses = TopClasses.DEFAULT_K;
    Integer httpPort;
    Duration progressInterval = ServerOptions.DEFAULT_PROGRESS_INTERVAL;
    Duration reportInterval = ServerOptions.DEFAULT_REPORT_INTERVAL;
    CollectorLog log;
    Limits limits = Limits.DEFAULTS;
    ServerTls tls;
    TokensFile tokens;
    Duration reportRetention = ServerOptions.DEFAULT_REPORT_RETENTION;
    AlertRoutes alertRoutes = AlertRoutes.NONE;
    WebhookSender.Settings webhookSettings = WebhookSender.Settings.DEFAULTS;

    ServerOptionsBuilder() {
    }

    public ServerOptionsBuilder bind(String bind) {
        this.bind = Objects.requireNonNull(bind, "bind");
        return this;
    }

    public ServerOptionsBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        this.port = port;
        return this;
    }

    public ServerOptionsBuilder ruleParameters(RuleParameters ruleParameters) {
        this.ruleParameters = Objects.requireNonNull(ruleParameters, "ruleParameters");
        return this;
    }

    public ServerOptionsBuilder rules(ParameterRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        return this;
    }

    public ServerOptionsBuilder patience(Patience patience) {
        this.patience = Objects.requireNonNull(patience, "patience");
        return this;
    }

    public ServerOptionsBuilder action(Action action) {
        this.action = Objects.requireNonNull(action, "action");
        return this;
    }

    /** null: no report files. */
    public ServerOptionsBuilder reportDir(Path reportDir) {
        this.reportDir = reportDir;
        return this;
    }

    public ServerOptionsBuilder stateDir(Path stateDir) {
        this.stateDir = stateDir;
        return this;
    }

    public ServerOptionsBuilder exitWhenDone(boolean exitWhenDone) {
        this.exitWhenDone = exitWhenDone;
        return this;
    }

    /** Zero: no idle timeout. */
    public ServerOptionsBuilder idleTimeout(Duration idleTimeout) {
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must be 0 (off) or positive, got " + idleTimeout);
        }
        this.idleTimeout = idleTimeout;
        return this;
    }

    public ServerOptionsBuilder quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    public ServerOptionsBuilder maxMessageBytes(int maxMessageBytes) {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("max message bytes must be at least 1024, got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
        return this;
    }

    /** null: no metrics endpoint. */
    public ServerOptionsBuilder metricsPort(Integer metricsPort) {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new IllegalArgumentException("metrics port must be 0..65535, got " + metricsPort);
        }
        this.metricsPort = metricsPort;
        return this;
    }

    /** See {@link ServerOptions#metricsTopClasses()}: 1..{@value TopClasses#MAX_K}. */
    public ServerOptionsBuilder metricsTopClasses(int metricsTopClasses) {
        this.metricsTopClasses = TopClasses.checkK(metricsTopClasses);
        return this;
    }

    /** null: no dashboard. */
    public ServerOptionsBuilder httpPort(Integer httpPort) {
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw new IllegalArgumentException("http port must be 0..65535, got " + httpPort);
        }
        this.httpPort = httpPort;
        return this;
    }

    public ServerOptionsBuilder progressInterval(Duration progressInterval) {
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("progress interval must be positive, got " + progressInterval);
        }
        this.progressInterval = progressInterval;
        return this;
    }

    public ServerOptionsBuilder reportInterval(Duration reportInterval) {
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw new IllegalArgumentException("report interval must be positive, got " + reportInterval);
        }
        this.reportInterval = reportInterval;
        return this;
    }

    /** null: plaintext. */
    public ServerOptionsBuilder tls(ServerTls tls) {
        this.tls = tls;
        return this;
    }

    /** null: no token is asked for. */
    public ServerOptionsBuilder tokens(TokensFile tokens) {
        this.tokens = tokens;
        return this;
    }

    public ServerOptionsBuilder alertRoutes(AlertRoutes alertRoutes) {
        this.alertRoutes = Objects.requireNonNull(alertRoutes, "alertRoutes");
        return this;
    }

    public ServerOptionsBuilder webhookSettings(WebhookSender.Settings webhookSettings) {
        this.webhookSettings = Objects.requireNonNull(webhookSettings, "webhookSettings");
        return this;
    }

    public ServerOptionsBuilder log(CollectorLog log) {
        this.log = Objects.requireNonNull(log, "log");
        return this;
    }

    /** Every line, whatever its level, to {@code lines}. */
    public ServerOptionsBuilder log(Consumer<String> lines) {
        return log(CollectorLog.lines(Objects.requireNonNull(lines, "lines")));
    }

    public ServerOptionsBuilder limits(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** See {@link ServerOptions#reportRetention()}: positive. */
    public ServerOptionsBuilder reportRetention(Duration reportRetention) {
        if (reportRetention.isNegative() || reportRetention.isZero()) {
            throw new IllegalArgumentException("--report-retention must be positive, got "
                    + reportRetention.toSeconds() + " s");
        }
        this.reportRetention = reportRetention;
        return this;
    }

    public ServerOptions build() {
        if (log == null) {
            log = CollectorLog.slf4j();
        }
        return new ServerOptions(this);
    }
}
