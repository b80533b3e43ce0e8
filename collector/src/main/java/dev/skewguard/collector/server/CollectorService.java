package dev.skewguard.collector.server;

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

/**
 * The skewguard.v1.Collector service: one {@link AgentStream} per Stream call, and the unary GetReport.
 *
 * <p>Bound by hand rather than through the generated base class so that Stream's requests go through
 * {@link InboundMarshaller}: bad bytes then end their stream with a status the protocol promises.
 */
final class CollectorService implements BindableService {
    private final JobRegistry registry;
    private final int maxMessageBytes;
    private final ScheduledExecutorService ackTimer;

    CollectorService(JobRegistry registry, int maxMessageBytes, ScheduledExecutorService ackTimer) {
        this.registry = registry;
        this.maxMessageBytes = maxMessageBytes;
        this.ackTimer = ackTimer;
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
        registry.find(request.getJobId()).ifPresentOrElse(
                job -> {
                    responseObserver.onNext(ReportResponse.newBuilder().setJson(job.reportJson()).build());
                    responseObserver.onCompleted();
                },
                () -> responseObserver.onError(Status.NOT_FOUND
                        .withDescription("no job \"" + request.getJobId() + "\" has connected to this collector")
                        .asRuntimeException()));
    }
}
