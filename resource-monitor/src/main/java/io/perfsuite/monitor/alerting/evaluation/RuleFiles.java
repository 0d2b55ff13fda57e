package io.perfsuite.monitor.alerting.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.perfsuite.monitor.alerting.RuleFileException;
import io.perfsuite.monitor.alerting.RuleFileParser;
import io.perfsuite.monitor.alerting.RuleGroup;
import io.perfsuite.monitor.config.MonitorConfig;

/**
 * The rule files: the shipped defaults and the configured files and directories, re-read when their content
 * changes. A file that fails to parse is reported (file, line, reason) and its previous version stays in force, so a
 * bad edit never drops the alerts it was meant to change. Directory entries starting with a dot are skipped: a mounted
 * ConfigMap keeps its real files under {@code ..data} and links them by name.
 */
@ApplicationScoped
public class RuleFiles {

    static final String DEFAULTS = "rules/perfsuite-default-rules.yml";
    private static final Logger LOG = Logger.getLogger(RuleFiles.class);

    private final MonitorConfig.Rules config;
    private final RuleFileParser parser;
    private final Clock clock;
    private final Map<String, Loaded> files = new LinkedHashMap<>();
    private final Map<String, Rejected> rejected = new LinkedHashMap<>();
    private volatile List<RuleGroup> groups = List.of();
    private volatile List<FileStatus> statuses = List.of();

    private record Loaded(String content, List<RuleGroup> groups) {
    }

    private record Rejected(String content, FileStatus status) {
    }

    /** How one file stands: loaded, or rejected (with the previous version, if any, still in force). */
    public record FileStatus(String file, boolean valid, Integer line, String error, Instant checkedAt, int groups) {
    }

    RuleFiles(MonitorConfig config, Clock clock) {
        this.config = config.rules();
        this.parser = new RuleFileParser(config.rules().defaultInterval());
        this.clock = clock;
    }

    public List<RuleGroup> groups() {
        return groups;
    }

    public List<FileStatus> statuses() {
        return statuses;
    }

    /** Re-reads every file; returns true when the rules in force changed. */
    public synchronized boolean reload() {
        Map<String, String> contents = readAll();
        List<FileStatus> newStatuses = new ArrayList<>();
        boolean changed = !files.keySet().stream().allMatch(contents::containsKey);
        files.keySet().retainAll(contents.keySet());
        Instant now = clock.instant();
        for (Map.Entry<String, String> entry : contents.entrySet()) {
            String file = entry.getKey();
            Loaded previous = files.get(file);
            if (previous != null && previous.content().equals(entry.getValue())) {
                newStatuses.add(statusOf(file, previous, now));
                continue;
            }
            Rejected known = rejected.get(file);
            if (known != null && known.content().equals(entry.getValue())) {
                newStatuses.add(known.status());
                continue;
            }
            try {
                List<RuleGroup> parsed = parser.parse(file, entry.getValue());
                files.put(file, new Loaded(entry.getValue(), parsed));
                rejected.remove(file);
                newStatuses.add(new FileStatus(file, true, null, null, now, parsed.size()));
                changed = true;
                LOG.infof("rule file %s loaded: %d groups", file, parsed.size());
            } catch (RuleFileException e) {
                LOG.errorf("rule file rejected, previous rules stay in force: %s", e.getMessage());
                FileStatus status = new FileStatus(file, false, e.line() > 0 ? e.line() : null, e.reason(), now,
                        previous == null ? 0 : previous.groups().size());
                rejected.put(file, new Rejected(entry.getValue(), status));
                newStatuses.add(status);
            }
        }
        rejected.keySet().retainAll(contents.keySet());
        statuses = List.copyOf(newStatuses);
        if (changed) {
            groups = files.values().stream().flatMap(l -> l.groups().stream()).toList();
        }
        return changed;
    }

    private static FileStatus statusOf(String file, Loaded loaded, Instant now) {
        return new FileStatus(file, true, null, null, now, loaded.groups().size());
    }

    private Map<String, String> readAll() {
        Map<String, String> out = new LinkedHashMap<>();
        if (config.defaultsEnabled()) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DEFAULTS)) {
                if (in != null) {
                    out.put("classpath:" + DEFAULTS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path path : config.paths().orElse(List.of())) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    entries.filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .forEach(p -> read(p, out));
                } catch (IOException e) {
                    LOG.warnf("cannot list rule directory %s: %s", path, e.getMessage());
                }
            } else if (Files.exists(path)) {
                read(path, out);
            } else {
                LOG.debugf("rule file %s does not exist (yet)", path);
            }
        }
        return out;
    }

    private static void read(Path file, Map<String, String> out) {
        try {
            out.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warnf("cannot read rule file %s: %s", file, e.getMessage());
        }
    }
}
