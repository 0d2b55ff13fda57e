import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Replays an ARC-format block trace ({@code .lis}) through Caffeine (W-TinyLFU, the policy of
 * cache-service's L1) and through a plain LRU, and prints the hit ratio of each per capacity.
 *
 * <p>Trace format (Megiddo and Modha, "ARC", FAST 2003): one request per line,
 * {@code start_block num_blocks ignore request_no}; a request touches blocks
 * {@code start .. start+num-1}, and each block is one cache key. Blank lines and lines starting
 * with {@code #} are skipped; any other malformed line aborts the run.
 *
 * <p>Usage: {@code java -cp caffeine.jar TraceReplay.java [--trials N] <trace-file|-> <capacity>...}.
 * With {@code -} the trace is read from stdin (e.g. {@code zstd -dc trace.lis.zst | java ... -}).
 *
 * <p>Caffeine is not fully deterministic: when a candidate and the victim are both warm, its
 * admission lets the candidate in with probability 1/128 (a hash-flooding guard drawing from
 * {@code ThreadLocalRandom}, which cannot be seeded), and the adaptive window amplifies that into
 * run-to-run spread of about half a point on this trace. So Caffeine is replayed {@code --trials}
 * times (default 5) on fresh caches and the mean is reported with the range; LRU is exact.
 *
 * <p>Output, one line per capacity, for a script to grep:
 * {@code HITRATIO capacity=<n> accesses=<a> trials=<t> caffeine=<mean> caffeine_median=<pct>
 * caffeine_min=<pct> caffeine_max=<pct> lru=<pct>} (percentages).
 */
public final class TraceReplay {

  private TraceReplay() {}

  public static void main(String[] args) throws IOException {
    int trials = 5;
    int first = 0;
    if (args.length > 1 && "--trials".equals(args[0])) {
      trials = Integer.parseInt(args[1]);
      first = 2;
    }
    if (args.length - first < 2 || trials < 1 || trials > 100) {
      System.err.println("usage: TraceReplay [--trials 1..100] <trace-file|-> <capacity>...");
      System.exit(2);
    }
    long[] keys = readTrace(args[first]);
    if (keys.length == 0) {
      System.err.println("TraceReplay: the trace has no accesses");
      System.exit(1);
    }
    for (int i = first + 1; i < args.length; i++) {
      int capacity = Integer.parseInt(args[i]);
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be positive: " + capacity);
      }
      double[] pcts = new double[trials];
      double sum = 0;
      for (int t = 0; t < trials; t++) {
        pcts[t] = 100.0 * replayCaffeine(keys, capacity) / keys.length;
        sum += pcts[t];
      }
      Arrays.sort(pcts);
      double min = pcts[0];
      double max = pcts[trials - 1];
      // the trials are bimodal (see the class comment): the median is the typical run, the mean the expectation
      double median = (pcts[(trials - 1) / 2] + pcts[trials / 2]) / 2;
      double lru = 100.0 * replayLru(keys, capacity) / keys.length;
      System.out.printf(
          Locale.ROOT,
          "HITRATIO capacity=%d accesses=%d trials=%d caffeine=%.2f caffeine_median=%.2f"
              + " caffeine_min=%.2f caffeine_max=%.2f lru=%.2f%n",
          capacity,
          keys.length,
          trials,
          sum / trials,
          median,
          min,
          max,
          lru);
    }
  }

  /** Expands every request line into the blocks it touches, in order. */
  static long[] readTrace(String source) throws IOException {
    Reader raw =
        "-".equals(source)
            ? new InputStreamReader(System.in, StandardCharsets.US_ASCII)
            : Files.newBufferedReader(Path.of(source), StandardCharsets.US_ASCII);
    long[] keys = new long[1 << 20];
    int size = 0;
    long lineNo = 0;
    try (BufferedReader in = new BufferedReader(raw, 1 << 16)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length < 2) {
          throw new IOException("line " + lineNo + ": expected 'start count ignore reqNo': " + line);
        }
        long start;
        long count;
        try {
          start = Long.parseLong(fields[0]);
          count = Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
          throw new IOException("line " + lineNo + ": not a number: " + line, e);
        }
        if (count < 1 || count > 1_000_000) {
          throw new IOException("line " + lineNo + ": implausible block count " + count);
        }
        for (long b = 0; b < count; b++) {
          if (size == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
          }
          keys[size++] = start + b;
        }
      }
    }
    return Arrays.copyOf(keys, size);
  }

  /**
   * Caffeine with a same-thread executor; {@code cleanUp()} after every access drains the read
   * and write buffers at once, so no recorded read is dropped by a full (lossy) read buffer and
   * eviction happens in access order, as in a single-threaded simulator.
   */
  static long replayCaffeine(long[] keys, int capacity) {
    Cache<Long, Boolean> cache =
        Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
    long hits = 0;
    for (long k : keys) {
      Long key = k;
      if (cache.getIfPresent(key) != null) {
        hits++;
      } else {
        cache.put(key, Boolean.TRUE);
      }
      cache.cleanUp();
    }
    return hits;
  }

  /** Plain LRU: a LinkedHashMap in access order that drops its eldest entry beyond capacity. */
  static long replayLru(long[] keys, int capacity) {
    Map<Long, Boolean> lru =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
          }
        };
    long hits = 0;
    for (long k : keys) {
      Long key = k;
      if (lru.get(key) != null) {
        hits++;
      } else {
        lru.put(key, Boolean.TRUE);
      }
    }
    return hits;
  }
}
