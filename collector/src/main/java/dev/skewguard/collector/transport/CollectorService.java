package dev.skewguard.collector.transport;

import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.logging.LogText;
import dev.skewguard.collector.reportfiles.JobReports;
import dev.skewguard.collector.security.Caller;
import dev.skewguard.collector.security.Grant;
import dev.skewguard.collector.security.JobAccess;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.ReportRequest;
import dev.skewguard.proto.v1.ReportResponse;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The skewguard.v1.Collector service: one {@link AgentStream} per Stream call, and the unary GetReport.
 *
 * <p>Bound by hand rather than through the generated base class so that Stream's requests go through
 * {@link InboundMarshaller}: bad bytes then end their stream with a status the protocol promises.
 */
public final class CollectorService implements BindableService {
    private final JobRegistry registry;
    private final int maxMessageBytes;
    private final ScheduledExecutorService ackTimer;
    private final PendingReportBytes pendingReports;
    private final JobReports reports;

    public CollectorService(JobRegistry registry, int maxMessageBytes, ScheduledExecutorService ackTimer,
                     PendingReportBytes pendingReports, JobReports reports) {
        this.registry = registry;
        this.reports = reports;
        this.maxMessageBytes = maxMessageBytes;
        this.ackTimer = ackTimer;
        this.pendingReports = pendingReports;
    }

    @Override
    public ServerServiceDefinition bindService() {
        MethodDescriptor<InboundMessage, CollectorMessage> stream = CollectorGrpc.getStreamMethod()
                .toBuilder(new InboundMarshaller(maxMessageBytes),
                        CollectorGrpc.getStreamMethod().getResponseMarshaller())
                .build();
        ServiceDescriptor descriptor = ServiceDescriptor.newBuilder(CollectorGrpc.SERVICE_NAME)
                .setSchemaDescriptor(CollectorGrpc.getServiceDescriptor().getSchemaDescriptor())
                .addMethod(stream)
                .addMethod(CollectorGrpc.getGetReportMethod())
                .build();
        return ServerServiceDefinition.builder(descriptor)
                .addMethod(stream, ServerCalls.asyncBidiStreamingCall(this::stream))
                .addMethod(CollectorGrpc.getGetReportMethod(), ServerCalls.asyncUnaryCall(this::getReport))
                .build();
    }

    private StreamObserver<InboundMessage> stream(StreamObserver<CollectorMessage> responseObserver) {
        return new AgentStream(registry, (ServerCallStreamObserver<CollectorMessage>) responseObserver,
                ackTimer);
    }

    private void getReport(ReportRequest request, StreamObserver<ReportResponse> responseObserver) {
        if (request.getJobId().isEmpty()) {
            responseObserver.onError(Status.INVALID_ARGUMENT.withDescription("ReportRequest.job_id is required")
                    .asRuntimeException());
            return;
        }
        Grant grant = Caller.current().grant();
        if (!grant.allows(request.getJobId())) {
            responseObserver.onError(JobAccess.denied(request.getJobId(), grant).asRuntimeException());
            return;
        }
        reports.reportJson(request.getJobId()).ifPresentOrElse(
                json -> answer(ReportResponse.newBuilder().setJson(json).build(),
                        (ServerCallStreamObserver<ReportResponse>) responseObserver),
                () -> responseObserver.onError(Status.NOT_FOUND
                        .withDescription("no job " + LogText.quote(request.getJobId()) + " here: it never "
                                + "connected to this collector, or it left memory and is not kept (it left longer "
                                + "ago than --report-retention, or the collector has neither --state-dir nor "
                                + "--report-dir)")
                        .asRuntimeException()));
    }

    /**
     * Sends the answer if the answers not yet read by their clients leave room for it ({@link PendingReportBytes});
     * its bytes count until the call ends.
     */
    private void answer(ReportResponse response, ServerCallStreamObserver<ReportResponse> out) {
        long bytes = response.getSerializedSize();
        if (!pendingReports.tryReserve(bytes)) {
            out.onError(Status.RESOURCE_EXHAUSTED.withDescription("GetReport answers not yet read by their clients "
                    + "hold " + pendingReports.pending() + " bytes; this one (" + bytes + " bytes) would pass the "
                    + "collector's limit of " + pendingReports.limit() + " (--max-pending-report-bytes): read the "
                    + "answers already asked for, then retry").asRuntimeException());
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                pendingReports.release(bytes);
            }
        };
        out.setOnCancelHandler(release);
        out.setOnCloseHandler(release);
        try {
            out.onNext(response);
            out.onCompleted();
        } catch (RuntimeException e) {
            release.run(); // cancelled meanwhile
        }
    }
}
