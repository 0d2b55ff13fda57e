package io.perfsuite.router.consistency;

import java.util.List;
import java.util.Optional;

/**
 * Which node takes writes, from what every node said about itself at the last sample. The configured roles are only
 * a starting point: after a failover the promoted replica answers {@code pg_is_in_recovery() = false} on a new
 * timeline, and the old primary, if it comes back as it was, answers the same on the old one.
 * <p>
 * The rule: among the nodes that answer and are not in recovery, the one on the highest timeline, provided that
 * timeline is not below the highest a writer was ever seen on (a node that was left behind by a failover has
 * diverged: writing there would fork the data). Two writable nodes on the same highest timeline are refused: the
 * router cannot tell which one the replicas follow, and guessing loses writes.
 */
public final class WriterElection {

    /** What one node said at its last sample. */
    public record Candidate(String name, boolean up, boolean inRecovery, int timeline) {
    }

    /** The writer, or why there is none. */
    public record Outcome(Optional<String> writer, int timeline, String reason) {
    }

    private WriterElection() {
    }

    /** @param highestTimelineSeen the highest timeline a writer was elected on so far (0 before the first) */
    public static Outcome elect(List<Candidate> nodes, int highestTimelineSeen) {
        List<Candidate> writable = nodes.stream().filter(node -> node.up() && !node.inRecovery()).toList();
        if (writable.isEmpty()) {
            return new Outcome(Optional.empty(), highestTimelineSeen, nodes.stream().anyMatch(Candidate::up)
                    ? "no node accepts writes (every node that answers is in recovery)"
                    : "no node answers");
        }
        int top = writable.stream().mapToInt(Candidate::timeline).max().orElseThrow();
        List<Candidate> best = writable.stream().filter(node -> node.timeline() == top).toList();
        if (top < highestTimelineSeen) {
            return new Outcome(Optional.empty(), highestTimelineSeen, best.get(0).name() + " accepts writes on timeline "
                    + top + ", behind timeline " + highestTimelineSeen + " seen before: it was left behind by a failover");
        }
        if (best.size() > 1) {
            return new Outcome(Optional.empty(), highestTimelineSeen, best.size() + " nodes accept writes on timeline " + top
                    + " (" + String.join(", ", best.stream().map(Candidate::name).toList())
                    + "): refusing writes rather than guessing");
        }
        Candidate writer = best.get(0);
        return new Outcome(Optional.of(writer.name()), top, writer.name() + " accepts writes on timeline " + top);
    }
}
