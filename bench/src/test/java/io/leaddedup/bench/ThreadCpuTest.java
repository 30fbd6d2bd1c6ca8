package io.leaddedup.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void readsUserPlusSystemTimeAfterANameWithSpacesAndParentheses() {
        // a task thread's name as Linux keeps it: 15 characters, spaces and a parenthesis included
        String stat = "4242 (lead-status (1) S 15457 15457 100 0 -1 1077936192 2195 0 0 0 2503 117 0 0 20 0 180 0"
                + " 1052 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";
        assertThat(ThreadCpu.ticks(stat)).isEqualTo(2503 + 117);
    }

    @Test
    void sortsThreadsIntoKindsByTheirNames() {
        assertThat(ThreadCpu.kind("lead-status -> ")).isEqualTo("leadStatus");
        assertThat(ThreadCpu.kind("phone-leads -> ")).isEqualTo("phoneLeads");
        assertThat(ThreadCpu.kind("Source: events-")).isEqualTo("readDecodeNormalize");
        assertThat(ThreadCpu.kind("rocksdb:low")).isEqualTo("rocksdbCompaction");
        assertThat(ThreadCpu.kind("rocksdb:high")).isEqualTo("rocksdbFlush");
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("jit");
        assertThat(ThreadCpu.kind("G1 Conc#0")).isEqualTo("gc");
        assertThat(ThreadCpu.kind("flink-pekko.act")).isEqualTo("other");
    }

    @Test
    void countsTheCpuOfAThreadThatWorkedDuringTheRun() throws Exception {
        ThreadCpu cpu = ThreadCpu.start();
        Thread worker = new Thread(() -> {
            long end = System.nanoTime() + 600_000_000L;
            long spin = 0;
            while (System.nanoTime() < end) {
                spin++;
            }
            assertThat(spin).isPositive();
        }, "lead-status -> test");
        worker.start();
        worker.join();
        Thread.sleep(100);
        // the worker ended before the last sample, so it counts up to its last sample: 0.1 s at least
        assertThat(cpu.stop(1).get("leadStatus")).isGreaterThanOrEqualTo(100_000.0);
    }
}
