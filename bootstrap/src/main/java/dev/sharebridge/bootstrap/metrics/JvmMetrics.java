package dev.sharebridge.bootstrap.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;

/**
 * Memory, GC, threads, class loading, CPU and uptime of this JVM ({@code jvm_*}, {@code process_*},
 * {@code system_*}) on a registry, under names {@code promtool check metrics} accepts (see
 * {@link #lintCleanNames}). Closing it stops the GC listener, the one binder that holds resources.
 */
public final class JvmMetrics implements AutoCloseable {
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** Binds every JVM and process series to {@code registry}. */
    public static JvmMetrics bindTo(MeterRegistry registry) {
        JvmMetrics metrics = new JvmMetrics();
        registry.config().meterFilter(lintCleanNames());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> Math.max(0, o.getProcessCpuTime()) / 1e9)
                    .description("CPU time used by the Java virtual machine process")
                    .baseUnit("seconds")
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        metrics.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return metrics;
    }

    private JvmMetrics() {}

    /**
     * Micrometer's binders name three series against the Prometheus conventions that promtool
     * lints: {@code process_cpu_time_ns_total} (an abbreviated unit; replaced by the usual
     * {@code process_cpu_seconds_total}), {@code system_cpu_count} (a gauge with a {@code _count}
     * suffix, which belongs to histograms; renamed {@code system_cpus}) and
     * {@code jvm_classes_loaded_count_classes_total} (the sum of {@code jvm_classes_loaded_classes}
     * and {@code jvm_classes_unloaded_classes_total}; left out).
     */
    static MeterFilter lintCleanNames() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getName().equals("process.cpu.time") || id.getName().equals("jvm.classes.loaded.count")
                        ? MeterFilterReply.DENY
                        : MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        };
    }

    @Override
    public void close() {
        gc.close();
    }
}
