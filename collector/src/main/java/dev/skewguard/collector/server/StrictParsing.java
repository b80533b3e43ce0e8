package dev.skewguard.collector.server;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a service so that a request that is not a valid protobuf message fails its call with INVALID_ARGUMENT
 * ("malformed ... message") rather than gRPC's default INTERNAL: the client sent something wrong.
 */
final class StrictParsing {
    private StrictParsing() {
    }

    static ServerServiceDefinition serviceDefinition(BindableService service) {
        ServerServiceDefinition original = service.bindService();
        ServiceDescriptor originalDescriptor = original.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(originalDescriptor.getName())
                .setSchemaDescriptor(originalDescriptor.getSchemaDescriptor());
        for (ServerMethodDefinition<?, ?> method : original.getMethods()) {
            ServerMethodDefinition<?, ?> strict = strict(method);
            methods.add(strict);
            descriptor.addMethod(strict.getMethodDescriptor());
        }
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(descriptor.build());
        for (ServerMethodDefinition<?, ?> method : methods) {
            definition.addMethod(method);
        }
        return definition.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> strict(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        MethodDescriptor<Q, R> strict = descriptor.toBuilder()
                .setRequestMarshaller(new Marshaller<>(descriptor.getRequestMarshaller(),
                        descriptor.getFullMethodName()))
                .build();
        return ServerMethodDefinition.create(strict, method.getServerCallHandler());
    }

    private static final class Marshaller<T> implements MethodDescriptor.Marshaller<T> {
        private final MethodDescriptor.Marshaller<T> delegate;
        private final String method;

        Marshaller(MethodDescriptor.Marshaller<T> delegate, String method) {
            this.delegate = delegate;
            this.method = method;
        }

        @Override
        public InputStream stream(T value) {
            return delegate.stream(value);
        }

        @Override
        public T parse(InputStream stream) {
            try {
                return delegate.parse(stream);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.INTERNAL) {
                    throw e;
                }
                Throwable cause = e.getStatus().getCause() != null ? e.getStatus().getCause() : e;
                throw Status.INVALID_ARGUMENT
                        .withDescription("malformed request message for " + method + ": " + cause.getMessage())
                        .withCause(cause)
                        .asRuntimeException();
            }
        }
    }
}
