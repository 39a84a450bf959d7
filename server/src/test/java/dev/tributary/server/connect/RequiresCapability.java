package dev.tributary.server.connect;

import dev.tributary.server.connect.spi.Capability;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** A contract case that runs only for connectors whose factory declares these capabilities. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CapabilityCondition.class)
public @interface RequiresCapability {
    Capability[] value();
}
