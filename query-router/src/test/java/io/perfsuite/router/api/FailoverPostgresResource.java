package io.perfsuite.router.api;

import io.perfsuite.testsupport.PostgresTestResource;

/** A cluster of its own for {@link FailoverTest}, which promotes the replica: no other test class shares it. */
public class FailoverPostgresResource extends PostgresTestResource {
}
