package net.webtransport.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time this process used so far, across all its threads: both ends of every benchmark run in
 * this process, so the difference over a run is what moving its bytes cost, whoever did the work.
 */
final class ProcessCpu {
    private ProcessCpu() {
    }

    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
