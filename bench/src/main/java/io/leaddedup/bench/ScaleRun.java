package io.leaddedup.bench;

import io.leaddedup.job.local.RunSummary;
import io.leaddedup.job.tools.LoadGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The full job once more, on many more leads, in the same warm process and with the same
 * configuration as the rounds: how throughput holds as state grows. The figure is the whole run's
 * (state grows from nothing to its end size during it), against the median of the rounds.
 */
record ScaleRun(int leads, long phones, long events, double eventsPerSec, double ratio, long stateBytesPerLead,
        Map<String, Double> busy, Map<String, Double> cpu) {

    static ScaleRun run(Bench.Setup setup, int leads, long phones, double roundsEventsPerSec) throws Exception {
        Path input = setup.work().resolve("scale.jsonl");
        long events = new LoadGenerator(43L, (int) Math.min(Integer.MAX_VALUE, phones), 4, true)
                .writeEvents(leads, input);
        System.out.printf(Locale.ROOT, "scale: %,d events (%,d leads over %,d numbers)...%n", events, leads, phones);
        BusyTime.reset();
        ThreadCpu threads = ThreadCpu.available() ? ThreadCpu.start() : null;
        RunSummary summary = setup.fullJob(input, true);
        Map<String, Double> cpu = threads == null ? null : threads.stop(events);
        Files.delete(input);
        Duration elapsed = summary.elapsed();
        double rate = events / Bench.seconds(elapsed);
        Bench.report(0, "full job at scale", events, elapsed);
        ScaleRun run = new ScaleRun(leads, phones, events, rate, rate / roundsEventsPerSec,
                summary.leads() == 0 ? 0 : Math.round((double) summary.stateBytes() / summary.leads()),
                BusyTime.sharesOf(elapsed.toMillis()), cpu);
        System.out.printf(Locale.ROOT, "  %,d events/s at %,d leads: %.2f of the rounds' median; state %,d bytes per"
                + " lead%n", Math.round(rate), leads, run.ratio(), run.stateBytesPerLead());
        return run;
    }

    void report(Map<String, Object> result) {
        result.put("scaleLeads", leads);
        result.put("scaleEvents", events);
        result.put("fullJobAtScaleEventsPerSec", Math.round(eventsPerSec));
        result.put("ratioAtScale", Bench.round(ratio));
        result.put("stateBytesPerLeadAtScale", stateBytesPerLead);
    }
}
