package io.leaddedup.job.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real broker for one test class: started before its {@code @BeforeAll} methods run, stopped
 * after its last test. Register it as a static field with {@code @RegisterExtension}.
 */
public final class BrokerPerClass implements BeforeAllCallback, AfterAllCallback {

    private KafkaBroker broker;

    public KafkaBroker get() {
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = KafkaBroker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
        }
    }
}
