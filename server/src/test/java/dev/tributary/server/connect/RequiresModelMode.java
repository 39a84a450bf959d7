package dev.tributary.server.connect;

import dev.tributary.server.connect.spi.ModelSyncMode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A contract case that needs {@link dev.tributary.server.connect.spi.Capability#MODEL_SYNC} and these model sync modes;
 * for a connector that does not take them, it checks that the connector refuses them instead (see
 * {@link CapabilityInterceptor}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CapabilityInterceptor.class)
public @interface RequiresModelMode {
    ModelSyncMode[] value();
}
