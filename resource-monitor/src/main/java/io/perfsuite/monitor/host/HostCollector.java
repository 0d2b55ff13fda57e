package io.perfsuite.monitor.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.perfsuite.monitor.config.MonitorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples the host through OSHI on its own thread every {@code monitor.host.interval} and exports the last sample as
 * {@code host_*} meters (names and units as node_exporter's: {@code _bytes}, {@code _seconds}, {@code _total}), plus
 * this process's resident memory and threads. Meters only read the sample, so a scrape never waits on {@code /proc}.
 * Devices, interfaces and mounts are registered as they are first seen.
 */
@Singleton
public class HostCollector {

    private static final Logger LOG = Logger.getLogger(HostCollector.class);
    private static final String[] MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    private final MonitorConfig.Host config;
    private final MeterRegistry registry;
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;
    private SystemInfo system;
    private CentralProcessor processor;
    private OperatingSystem os;
    private List<HWDiskStore> disks;
    private List<NetworkIF> interfaces;
    private long[] previousTicks;
    private long[][] previousCoreTicks;
    private volatile HostSnapshot last;
    private long samples;
    private long collectionCpuNanos;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
            .getThreadMXBean();
    private long threads;
    private long processes;
    private long openFds;
    private long maxFds;

    /**
     * Mounts, process and thread counts and file descriptors are read every this many samples: they walk
     * {@code /proc} or stat every mount, cost most of a sample, and change slowly.
     */
    static final int SLOW_EVERY = 10;

    HostCollector(MonitorConfig config, MeterRegistry registry) {
        this.config = config.host();
        this.registry = registry;
    }

    /** What the summary shows: the last sample's headline numbers. */
    public record HostSnapshot(double cpuUsage, List<Double> coreUsage, long memoryTotalBytes, long memoryAvailableBytes,
            long swapTotalBytes, long swapUsedBytes, double load1, double load5, double load15, long threads,
            long processes, long openFileDescriptors, long maxFileDescriptors, double collectionSeconds) {
    }

    public HostSnapshot last() {
        return last;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        system = new SystemInfo();
        processor = system.getHardware().getProcessor();
        os = system.getOperatingSystem();
        disks = system.getHardware().getDiskStores();
        interfaces = system.getHardware().getNetworkIFs();
        previousTicks = processor.getSystemCpuLoadTicks();
        previousCoreTicks = processor.getProcessorCpuLoadTicks();
        collect();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "monitor-host");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.interval().toMillis();
        executor.scheduleWithFixedDelay(this::collectSafely, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
        // the registry can outlive this bean (a restarted app in one JVM): stale gauges would shadow the new ones
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void collectSafely() {
        try {
            collect();
        } catch (RuntimeException | LinkageError e) {
            // a throw would end the scheduled task for good: log and sample again next time
            LOG.warnf("host sample failed, next one in %s: %s", config.interval(), e.toString());
        }
    }

    private synchronized void collect() {
        long started = System.nanoTime();
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        long[][] coreTicks = processor.getProcessorCpuLoadTicks();
        double[] coreUsage = processor.getProcessorCpuLoadBetweenTicks(previousCoreTicks);
        previousCoreTicks = coreTicks;
        for (int cpu = 0; cpu < coreTicks.length; cpu++) {
            for (int mode = 0; mode < MODES.length; mode++) {
                // OSHI reports ticks in milliseconds
                counter("host.cpu", "seconds", "time the CPUs spent in each mode",
                        Tags.of("cpu", Integer.toString(cpu), "mode", MODES[mode]), coreTicks[cpu][mode] / 1000.0);
            }
            gauge("host.cpu.core.usage", "ratio", "busy share of each core since the previous sample",
                    Tags.of("cpu", Integer.toString(cpu)), coreUsage[cpu]);
        }
        long[] ticks = processor.getSystemCpuLoadTicks();
        double cpuUsage = processor.getSystemCpuLoadBetweenTicks(previousTicks);
        previousTicks = ticks;
        gauge("host.cpu.usage", "ratio", "busy share of all CPUs since the previous sample", Tags.empty(), cpuUsage);
        gauge("host.cpus", null, "logical CPUs", Tags.empty(), processor.getLogicalProcessorCount());

        GlobalMemory memory = system.getHardware().getMemory();
        gauge("host.memory.total", "bytes", "physical memory", Tags.empty(), memory.getTotal());
        gauge("host.memory.available", "bytes", "memory available without swapping", Tags.empty(), memory.getAvailable());
        long swapTotal = memory.getVirtualMemory().getSwapTotal();
        long swapUsed = memory.getVirtualMemory().getSwapUsed();
        gauge("host.swap.total", "bytes", "swap space", Tags.empty(), swapTotal);
        gauge("host.swap.used", "bytes", "swap in use", Tags.empty(), swapUsed);

        double[] load = processor.getSystemLoadAverage(3);
        gauge("host.load1", null, "1-minute load average", Tags.empty(), load[0]);
        gauge("host.load5", null, "5-minute load average", Tags.empty(), load[1]);
        gauge("host.load15", null, "15-minute load average", Tags.empty(), load[2]);

        for (HWDiskStore disk : disks) {
            disk.updateAttributes();
            Tags tags = Tags.of("device", disk.getName());
            counter("host.disk.read", "bytes", "bytes read", tags, disk.getReadBytes());
            counter("host.disk.written", "bytes", "bytes written", tags, disk.getWriteBytes());
            counter("host.disk.reads", null, "reads completed", tags, disk.getReads());
            counter("host.disk.writes", null, "writes completed", tags, disk.getWrites());
            counter("host.disk.io.time", "seconds", "time spent doing I/O", tags, disk.getTransferTime() / 1000.0);
        }
        FileSystem fileSystem = os.getFileSystem();
        boolean slow = samples++ % SLOW_EVERY == 0;
        if (slow) {
            for (OSFileStore store : fileSystem.getFileStores(true)) {
                Tags tags = Tags.of("mountpoint", store.getMount(), "fstype", store.getType());
                gauge("host.filesystem.size", "bytes", "file system size", tags, store.getTotalSpace());
                gauge("host.filesystem.free", "bytes", "space usable by unprivileged users", tags, store.getUsableSpace());
            }
        }
        for (NetworkIF net : interfaces) {
            net.updateAttributes();
            Tags tags = Tags.of("interface", net.getName());
            counter("host.network.received", "bytes", "bytes received", tags, net.getBytesRecv());
            counter("host.network.transmitted", "bytes", "bytes sent", tags, net.getBytesSent());
            counter("host.network.received.packets", null, "packets received", tags, net.getPacketsRecv());
            counter("host.network.transmitted.packets", null, "packets sent", tags, net.getPacketsSent());
            counter("host.network.receive.errors", null, "receive errors", tags, net.getInErrors());
            counter("host.network.transmit.errors", null, "transmit errors", tags, net.getOutErrors());
        }

        if (slow) {
            threads = os.getThreadCount();
            processes = os.getProcessCount();
            openFds = fileSystem.getOpenFileDescriptors();
            maxFds = fileSystem.getMaxFileDescriptors();
        }
        gauge("host.threads", null, "threads on the host", Tags.empty(), threads);
        gauge("host.processes", null, "processes on the host", Tags.empty(), processes);
        gauge("host.file.descriptors.open", null, "file descriptors allocated on the host", Tags.empty(), openFds);
        gauge("host.file.descriptors.max", null, "the host's file descriptor limit", Tags.empty(), maxFds);
        gauge("host.boot.time", "seconds", "when the host booted, Unix time", Tags.empty(), os.getSystemBootTime());

        OSProcess self = slow ? os.getProcess(os.getProcessId()) : null;
        if (self != null) {
            gauge("process.resident.memory", "bytes", "this monitor's resident memory", Tags.empty(),
                    self.getResidentSetSize());
            gauge("process.threads", null, "this monitor's threads", Tags.empty(), self.getThreadCount());
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        collectionCpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStarted;
        counter("host.collection.cpu", "seconds", "CPU time the sampler itself used: its overhead", Tags.empty(),
                collectionCpuNanos / 1e9);
        gauge("host.collection.duration", "seconds", "how long the last host sample took", Tags.empty(), seconds);
        List<Double> cores = new java.util.ArrayList<>();
        for (double c : coreUsage) {
            cores.add(c);
        }
        last = new HostSnapshot(cpuUsage, cores, memory.getTotal(), memory.getAvailable(), swapTotal, swapUsed, load[0],
                load[1], load[2], threads, processes, openFds, maxFds, seconds);
    }

    private void gauge(String name, String unit, String description, Tags tags, double value) {
        String key = name + tags;
        if (values.put(key, value) == null) {
            meters.add(Gauge.builder(name, values, v -> v.getOrDefault(key, Double.NaN)).baseUnit(unit)
                    .description(description).tags(tags).register(registry));
        }
    }

    private void counter(String name, String unit, String description, Tags tags, double value) {
        String key = name + tags;
        if (values.put(key, value) == null) {
            meters.add(FunctionCounter.builder(name, values, v -> v.getOrDefault(key, 0.0)).baseUnit(unit)
                    .description(description).tags(tags).register(registry));
        }
    }
}
