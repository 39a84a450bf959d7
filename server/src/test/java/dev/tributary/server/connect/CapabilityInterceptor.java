package dev.tributary.server.connect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.connect.spi.Cancellation;
import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.QueryLimits;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ReadRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a contract case as written when the connector under test declares what the case needs (capabilities, and the
 * model sync modes of a {@link ModelSyncContract}). When it does not, the
 * case checks the other half of the contract instead: the connector refuses the capability clearly, naming it, rather
 * than half-supporting it. Either way the case runs; nothing is skipped.
 */
final class CapabilityInterceptor implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        List<Capability> needed = new ArrayList<>(context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, RequiresCapability.class))
                .map(annotation -> List.of(annotation.value()))
                .orElse(List.of()));
        List<ModelSyncMode> modes = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, RequiresModelMode.class))
                .map(annotation -> List.of(annotation.value()))
                .orElse(List.of());
        if (!modes.isEmpty()) {
            needed.add(Capability.MODEL_SYNC);
        }
        if (!(context.getRequiredTestInstance() instanceof ConnectorContract contract)) {
            invocation.proceed();
            return;
        }
        if (!contract.factory().capabilities().containsAll(needed)) {
            invocation.skip();
            for (Capability capability : needed) {
                if (!contract.factory().capabilities().contains(capability)) {
                    assertRefuses(contract.connectorUnderTest(), capability);
                }
            }
            return;
        }
        if (modes.isEmpty()) {
            invocation.proceed();
            return;
        }
        if (!(contract instanceof ModelSyncContract modelSync)) {
            throw new IllegalStateException(contract.getClass().getName() + " has model sync cases but is no ModelSyncContract");
        }
        if (modelSync.modelModes().containsAll(modes)) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        for (ModelSyncMode mode : modes) {
            if (!modelSync.modelModes().contains(mode)) {
                modelSync.assertRefuses(mode);
            }
        }
    }

    private static void assertRefuses(Connector connector, Capability capability) {
        ReadRequest request = new ReadRequest("schema", "object", List.of(), Checkpoint.START, 1);
        assertThatThrownBy(() -> {
            switch (capability) {
                case SOURCE -> connector.read(request);
                case INCREMENTAL -> connector.readIncremental(request, "field");
                case DESTINATION -> connector.createObject("object", List.of());
                case UPSERT -> connector.openUpsert("object", List.of());
                case ATOMIC_REFRESH -> connector.openReplace("object", List.of());
                case MODEL_SYNC -> connector.openModelWrite(ModelTarget.of("object", List.of(), null));
                case QUERY -> connector.runQuery("SELECT 1", new QueryLimits(Duration.ofSeconds(1), 0, 1), new Cancellation());
                case RAW_COPY -> connector.readRaw(request);
            }
        }).as("a connector that does not declare %s refuses it", capability)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(capability.name());
    }
}
