package io.perfsuite.router.consistency;

/**
 * What a client carries from a write to its next read: the primary's WAL position after the commit and the timeline
 * it was written on. WAL positions of different timelines are not comparable (after a failover the new primary may
 * reuse them), so a replica only satisfies a token of its own timeline. Wire form: {@code <timeline>:<lsn>}, for
 * example {@code 1:0/3000148}.
 */
public record ConsistencyToken(int timeline, Lsn lsn) {

    public static ConsistencyToken parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("must look like <timeline>:<lsn>, for example 1:0/3000148");
        }
        try {
            int timeline = Integer.parseInt(text.substring(0, colon));
            if (timeline <= 0) {
                throw new IllegalArgumentException("timeline must be positive");
            }
            return new ConsistencyToken(timeline, Lsn.parse(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must look like <timeline>:<lsn>, for example 1:0/3000148", e);
        }
    }

    public String encode() {
        return timeline + ":" + lsn;
    }
}
