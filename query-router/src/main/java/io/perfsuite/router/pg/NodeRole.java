package io.perfsuite.router.pg;

/** The part a node plays in the streaming-replication pair, as configured. */
public enum NodeRole {
    PRIMARY, REPLICA
}
