package dev.skewguard.collector.server;

import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.ReportRequest;
import dev.skewguard.proto.v1.ReportResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The skewguard.v1.Collector service: one {@link AgentStream} per Stream call, and the unary GetReport. */
final class CollectorService extends CollectorGrpc.CollectorImplBase {
    private final JobRegistry registry;

    CollectorService(JobRegistry registry) {
        this.registry = registry;
    }

    @Override
    public StreamObserver<AgentMessage> stream(StreamObserver<CollectorMessage> responseObserver) {
        return new AgentStream(registry, (ServerCallStreamObserver<CollectorMessage>) responseObserver);
    }

    @Override
    public void getReport(ReportRequest request, StreamObserver<ReportResponse> responseObserver) {
        if (request.getJobId().isEmpty()) {
            responseObserver.onError(Status.INVALID_ARGUMENT.withDescription("ReportRequest.job_id is required")
                    .asRuntimeException());
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
