package io.perfsuite.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field that receives the server handle of a perfsuite test resource
 * ({@link RedisServer}, {@link RedisCluster}, {@link PostgresCluster} or {@link PrometheusServer}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface TestServer {
}
