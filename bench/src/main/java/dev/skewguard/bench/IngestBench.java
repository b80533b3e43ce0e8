package dev.skewguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.export.BatchEncoder;
import dev.skewguard.agent.export.BatchGrouping;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.Batches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Collector ingest, end to end over loopback gRPC: 1, 8 and 64 agent connections (the agent's own queue and
 * exporter, in-process) stream batches of 256 labels + 256 predicted ids (10 classes, balanced, 90% right: the
 * rule evaluates everything and never fires) to a real {@link CollectorServer}, all workers of one job. The rate is
 * the collector's own count of evaluated batches (its report's batches_counted) over fixed windows after a
 * warm-up that lasts until the JIT is quiet ({@link JitWarmUp}). Beside it the ceiling: the same AgentMessage bytes
 * through {@link BareGrpcStream}, same connections (a saturated sender sends full {@link BatchGrouping} groups, so
 * the ceiling sends Batches messages of that size).
 *
 * <p>Arguments: [results file] [seconds per measuring window (2)] [most seconds of warm-up (60)]. Producers,
 * senders, gRPC and the collector share this one JVM and the machine's cores, as they do for the ceiling.
 */
public final class IngestBench {
    static final int BATCH = 256;
    static final int[] CONNECTIONS = {1, 8, 64};
    /** Measuring windows per rate; the median is reported. */
    static final int WINDOWS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        double warmSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 60;
        // The --state-dir variant (what persistence costs): a fourth argument, an empty directory for the state.
        Path stateDir = args.length > 3 ? Path.of(args[3]) : null;

        SyntheticBatch data = new SyntheticBatch(BATCH, 11);
        // Encoded by the agent's own encoder (its protocol classes are relocated in the agent jar: cross as bytes).
        Batch encoded = Batch.parseFrom(new BatchEncoder(false)
                .encode(CapturedBatch.ofClasses("bench", CaptureMode.TRAIN, 1, data.labels, data.predicted), 1, 0));
        // A saturated sender sends full groups (BatchGrouping): the ceiling sends the same messages.
        Batches.Builder group = Batches.newBuilder();
        for (int i = 0; i < BatchGrouping.MAX_BATCHES_PER_MESSAGE; i++) {
            group.addBatches(encoded.toBuilder().setSequence(i + 1));
        }
        byte[] message = AgentMessage.newBuilder().setBatches(group).build().toByteArray();
        int batchesPerMessage = BatchGrouping.MAX_BATCHES_PER_MESSAGE;

        ResultTable table = new ResultTable("3" + (stateDir != null ? "b" : "") + ". Collector ingest over loopback gRPC"
                + (stateDir != null ? " with --state-dir (group commit)" : "") + " (batches of " + BATCH
                + " labels + " + BATCH + " predicted ids, " + encoded.getSerializedSize() + " B each; "
                + batchesPerMessage + " per message when the sender is saturated, " + message.length + " B)",
                "connections", "evaluated labels/s", "MB/s", "ceiling labels/s", "ceiling MB/s",
                "share of ceiling", "target >= 50%", "warm-up s (evaluated / ceiling)");
        ServerOptions options = ServerOptions.builder()
                .port(0)
                .quiet(true)
                .action(Action.LOG)
                .ruleParameters(RuleParameters.DEFAULTS)
                .log(line -> { })
                .stateDir(stateDir)
                .build();
        // One collector for every row (one job per row): the agents of an earlier row stay connected and idle.
        CollectorServer server = CollectorServer.start(options);
        for (int connections : CONNECTIONS) {
            Rate evaluated = collectorRate(server, connections, data, measureSeconds, warmSeconds);
            Rate bare = ceilingRate(connections, message, measureSeconds, warmSeconds);
            double collector = evaluated.perSecond();
            double ceiling = bare.perSecond() * batchesPerMessage;
            double share = collector / ceiling;
            double bytesPerBatch = (double) message.length / batchesPerMessage;
            table.row(connections, Stats.fmt(collector * BATCH, 0), Stats.fmt(collector * bytesPerBatch / 1e6, 1),
                    Stats.fmt(ceiling * BATCH, 0), Stats.fmt(ceiling * bytesPerBatch / 1e6, 1),
                    Stats.fmt(100 * share, 0) + " %", share >= 0.5 ? "met" : "MISSED",
                    Stats.fmt(evaluated.warmUpSeconds(), 0) + " / " + Stats.fmt(bare.warmUpSeconds(), 0));
        }
        table.note("Each rate is the median of " + WINDOWS + " windows of " + measureSeconds + " s, measured once "
                + "every connection was flowing and the JIT had gone quiet (at most " + warmSeconds + " s: gRPC with "
                + "both its transports, the agents' OkHttp and the collector's Netty, and protobuf run in this JVM, and "
                + "the compilers took up to 27 s). Evaluated: "
                + "the collector's count of batches the rule took (report field batches_counted), sent by the agent's "
                + "own queue + exporter (block_when_full, so nothing is dropped). Ceiling: a gRPC server that "
                + "discards the same bytes unparsed (Batches messages of " + batchesPerMessage + " batches, as a "
                + "saturated agent sends them). MB = 10^6 bytes of AgentMessage. Load average (1/5/15 min) at the end: "
                + ChildProcess.loadAverage() + ".");
        table.emit(out);
        System.out.flush();
        server.close();
        // The in-process exporters registered exit hooks that would try to flush to a closed collector.
        Runtime.getRuntime().halt(0);
    }

    /** Evaluated batches per second with {@code connections} agent connections. */
    static Rate collectorRate(CollectorServer server, int connections, SyntheticBatch data, double measureSeconds,
                                double warmSeconds) throws Exception {
        String job = "ingest-" + connections;
        {
            String endpoint = "127.0.0.1:" + server.port();
            List<Thread> producers = new ArrayList<>();
            boolean[] running = {true};
            for (int i = 0; i < connections; i++) {
                AgentWorker worker = AgentWorker.start(endpoint, job, "worker-" + i, true);
                Thread producer = new Thread(() -> {
                    long step = 0;
                    while (running[0]) {
                        worker.offer(step++, data.labels, data.predicted);
                    }
                }, "producer-" + i);
                producer.setDaemon(true);
                producers.add(producer);
            }
            producers.forEach(Thread::start);
            Rate rate = rate(() -> batchesCounted(server, job), connections, measureSeconds, warmSeconds);
            running[0] = false;
            for (Thread p : producers) {
                p.join(2_000);
            }
            return rate;
        }
    }

    static Rate ceilingRate(int connections, byte[] message, double measureSeconds, double warmSeconds)
            throws Exception {
        try (BareGrpcStream bare = new BareGrpcStream()) {
            bare.startClients(connections, message);
            return rate(bare::received, connections, measureSeconds, warmSeconds);
        }
    }

    /** A rate and the warm-up it took. */
    record Rate(double perSecond, double warmUpSeconds) {
    }

    /**
     * Messages per second: the median of {@link #WINDOWS} windows of {@code measureSeconds}. Warm-up first: until
     * every connection is up and flowing (the counter has moved by {@code connections x 20} messages, at most 60 s: a
     * cold JVM on a loaded machine can take seconds to open 64 connections), then until the JIT is quiet
     * ({@link JitWarmUp}, at most {@code warmSeconds}).
     */
    private static Rate rate(LongSupplier counter, int connections, double measureSeconds, double warmSeconds)
            throws InterruptedException {
        long begin = System.nanoTime();
        long start = counter.getAsLong();
        long deadline = begin + 60_000_000_000L;
        while (counter.getAsLong() - start < connections * 20L && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        JitWarmUp.await(warmSeconds);
        double warmedUp = (System.nanoTime() - begin) / 1e9;
        List<Double> rates = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            long c0 = counter.getAsLong();
            long t0 = System.nanoTime();
            Thread.sleep((long) (measureSeconds * 1000));
            long c1 = counter.getAsLong();
            long t1 = System.nanoTime();
            rates.add((c1 - c0) / ((t1 - t0) / 1e9));
        }
        return new Rate(Stats.median(rates), warmedUp);
    }

    static long batchesCounted(CollectorServer server, String job) {
        try {
            return server.reportJson(job).map(IngestBench::batchesCounted).orElse(0L);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static long batchesCounted(String json) {
        try {
            return JSON.readTree(json).path("batches_counted").asLong();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable report: " + e.getMessage(), e);
        }
    }
}
