package dev.tributary.server.connect;

import dev.tributary.server.connect.spi.Capability;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Switches a contract case on when the connector under test declares what the case needs. */
final class CapabilityCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Capability> needed = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, RequiresCapability.class))
                .map(annotation -> List.of(annotation.value()))
                .orElse(List.of());
        if (needed.isEmpty() || !(context.getTestInstance().orElse(null) instanceof ConnectorContract contract)) {
            return ConditionEvaluationResult.enabled("no capability needed");
        }
        Set<Capability> declared = contract.factory().capabilities();
        return declared.containsAll(needed)
                ? ConditionEvaluationResult.enabled(contract.factory().id() + " declares " + needed)
                : ConditionEvaluationResult.disabled(contract.factory().id() + " does not declare " + needed);
    }
}
