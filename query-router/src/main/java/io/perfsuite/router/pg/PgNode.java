package io.perfsuite.router.pg;

import java.net.URI;

import io.vertx.mutiny.sqlclient.Pool;

/**
 * One PostgreSQL server and its connection pool.
 *
 * @param name stable name used in metrics, health and responses ({@code primary}, {@code replica-1}, ...)
 * @param address host:port/database, never the credentials
 * @param pool connections for client statements
 * @param probe one connection for health and lag samples
 * @param reads shared connections for autocommit reads
 */
public record PgNode(String name, NodeRole role, String address, Pool pool, Pool probe, PipelinedReads reads) {

    static String addressOf(URI uri) {
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath();
    }
}
