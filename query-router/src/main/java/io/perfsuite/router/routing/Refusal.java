package io.perfsuite.router.routing;

/**
 * Why a statement cannot run as a single REST request: session state a pooled connection would leak to the next
 * client, transaction control that would span requests, or a wire-protocol feature REST cannot carry.
 *
 * @param why the explanation handed to the client
 * @param allowedInTransaction true when the statement is fine inside {@code /v1/transaction}, where the session ends
 *        with the request
 */
public record Refusal(String why, boolean allowedInTransaction) {
}
